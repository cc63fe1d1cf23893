namespace GitOps.Reconciler.State;

/// <summary>The revision last applied to one stack and how that went.</summary>
public sealed record StackRevision(string Stack, string Revision, string Outcome, DateTimeOffset At);
