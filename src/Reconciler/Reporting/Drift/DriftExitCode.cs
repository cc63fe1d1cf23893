namespace GitOps.Reconciler.Reporting.Drift;

/// <summary>
/// The exit code of <c>gitops-agent drift</c> for a report: 0 when the host is in sync, 2 when anything differs,
/// failed, or is stalled, suspended or not: a suspended stack is left alone on purpose, but a host that differs from
/// its revision is not "in sync" for a script asking. A task counts the same way (<see cref="DriftTask.IsOutOfSync"/>). Exit code 1 (no report could be produced) is the CLI's to decide.
/// </summary>
public static class DriftExitCode
{
    public const int InSync = 0;
    public const int Error = 1;
    public const int Drifted = 2;

    public static int Of(DriftReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var calm = report.Status is ReportStatus.InSync or ReportStatus.Suspended;
        return calm && !report.Resources.Any(r => r.HasDifferences) && !(report.Tasks?.Any(t => t.IsOutOfSync) ?? false) ? InSync : Drifted;
    }
}
