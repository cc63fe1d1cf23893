namespace GitOps.Reconciler.Reporting.Drift;

/// <summary>One differing field, named as in a compose file; null means absent on that side. Secret values are masked.</summary>
public sealed record DriftDifference(string Field, string? Desired, string? Actual);
