using GitOps.Reconciler.Planning;
using GitOps.Reconciler.Reporting.Drift;

namespace GitOps.Reconciler.Reconciliation;

/// <summary>Where a pass reports: the drift report (its end, and while it converges), and the git request metric.</summary>
public interface IPassReporter
{
    /// <summary>Why the last report could not be saved; null when it was.</summary>
    string? SaveFailure { get; }

    void GitRequest(string kind);

    /// <summary>Whether the latest report says <paramref name="commit"/> was verified (restores the flag after a restart).</summary>
    bool WasVerified(string commit);

    /// <summary>The pass ended: the report says how.</summary>
    void Report(CyclePass pass, DriftStall? stall, GoodRevision? lastGood, TimeSpan duration, ReportRevisions? revisions = null);

    /// <summary>A plan with changes starts applying: the report says <c>converging</c> towards the revision.</summary>
    void Converging(Plan plan, GoodRevision revision, ReportRevisions revisions, DriftStep step);

    /// <summary>The step of a converging pass changed.</summary>
    void Step(DriftStep step);

    /// <summary>
    /// A step under way outside the apply (a pull for a new revision, a slow git call), shown on every report until
    /// cleared with null; the latest report shows it at once.
    /// </summary>
    void Ongoing(DriftStep? step);
}
