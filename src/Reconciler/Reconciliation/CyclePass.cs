using GitOps.Reconciler.Planning;

namespace GitOps.Reconciler.Reconciliation;

/// <summary>What one daemon pass produced: its result, the plan the report shows, the revision it compared against.</summary>
/// <param name="ReportPlan">The plan after applying (a re-plan when something changed), for the drift report.</param>
/// <param name="BackOff">True when the pass failed in a way that is retried with backoff (git, engine, apply).</param>
public sealed record CyclePass(ReconcileResult Result, Plan? ReportPlan, GoodRevision? Against, string? Error, bool BackOff)
{
    /// <summary>Converging <see cref="Against"/> failed (engine or apply): that revision is retried after its backoff.</summary>
    public bool ConvergeFailed { get; init; }

    /// <summary>The git source failed (poll or fetch): polls back off.</summary>
    public bool SourceFailed { get; init; }

    /// <summary>Nothing was tried: the revision's retry backoff has not expired and nothing new arrived.</summary>
    public bool Waiting { get; init; }

    /// <summary>A newer commit waits for the fleet's staged rollout; the host converged its current revision meanwhile.</summary>
    public Reporting.Drift.DriftRollout? Rollout { get; init; }
}
