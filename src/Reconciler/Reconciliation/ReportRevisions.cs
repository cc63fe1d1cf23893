using GitOps.Reconciler.Reporting.Drift;

namespace GitOps.Reconciler.Reconciliation;

/// <summary>What the daemon's pass knows about revisions besides the one compared against, carried into every report.</summary>
public sealed record ReportRevisions(DriftCommit? LastApplied, DriftCommit? LastAttempted, DriftHistoryRewrite? HistoryRewrite)
{
    public static readonly ReportRevisions None = new(null, null, null);

    public DriftReport ApplyTo(DriftReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return report with { LastAppliedRevision = LastApplied, LastAttemptedRevision = LastAttempted, HistoryRewrite = HistoryRewrite };
    }
}
