namespace GitOps.Reconciler.Reporting.Drift;

/// <summary>The followed ref moved to a commit that does not descend from the one before (a force-push): from → to.</summary>
public sealed record DriftHistoryRewrite(string From, string To, DateTimeOffset At);
