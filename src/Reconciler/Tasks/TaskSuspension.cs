namespace GitOps.Reconciler.Tasks;

/// <summary>A task paused on this host by a person (<c>suspend task/NAME</c>): who, when and why.</summary>
public sealed record TaskSuspension(string Task, DateTimeOffset At, string By, string? Reason);
