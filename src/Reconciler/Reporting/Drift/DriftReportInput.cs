using GitOps.Reconciler.Common;
using GitOps.Reconciler.Planning;

namespace GitOps.Reconciler.Reporting.Drift;

/// <summary>
/// What a drift report is built from: the plan of the revision against the host, and what the daemon knows
/// besides. <see cref="Previous"/> carries <c>since</c> times over and tells a resource removed by hand from
/// one never deployed; <see cref="Converging"/> is set while the plan is being applied.
/// </summary>
public sealed record DriftReportInput(Plan Plan, DriftRevision? Revision, DateTimeOffset Now)
{
    public ValueList<ApplyOutcome> Outcomes { get; init; } = ValueList<ApplyOutcome>.Empty;

    public DriftReport? Previous { get; init; }

    public bool Converging { get; init; }

    /// <summary>
    /// Nothing was applied (an event-driven refresh): a resource <see cref="Previous"/> reported failed or rolled back
    /// stays so, with its <c>lastError</c>, while it still differs; and a resource whose status did not change keeps
    /// its <c>lastError</c>. A refresh only reads the host, so it must not erase what the last apply found.
    /// </summary>
    public bool KeepsOutcomes { get; init; }

    /// <summary>While converging: the step the pass is in.</summary>
    public DriftStep? Step { get; init; }

    public bool HostSuspended { get; init; }

    /// <summary>The last reconcile's error (fetch failed, apply failed, ...), masked by the caller.</summary>
    public string? LastError { get; init; }

    public DriftStall? Stall { get; init; }

    /// <summary>The models section, built by the models kind (see ModelDrift); null when models took no part.</summary>
    public ValueList<DriftModel>? Models { get; init; }
}
