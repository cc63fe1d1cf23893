using GitOps.Reconciler.Common;

namespace GitOps.Reconciler.Reporting.Drift;

/// <summary>Why a revision is not applied and will not be retried until a new commit arrives, with the findings behind it.</summary>
public sealed record DriftStall(string Reason, ValueList<DriftDiagnostic> Diagnostics);
