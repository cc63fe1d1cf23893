namespace GitOps.Reconciler.Reporting.Drift;

/// <summary>What applying a plan did to one resource when it did not simply succeed, with the error for people.</summary>
public sealed record ApplyOutcome(DriftKind Kind, string Stack, string Name, ApplyFailure Result, string Reason);
