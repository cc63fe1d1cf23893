namespace GitOps.Reconciler.Tasks;

/// <summary>One fire of a fleet task: the occurrence it was for, and the host the cluster gave it to.</summary>
public sealed record FleetTaskRun(string RunOn, string Task, DateTimeOffset ScheduledAt, string Host);
