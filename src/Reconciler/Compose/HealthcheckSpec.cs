using GitOps.Reconciler.Common;

namespace GitOps.Reconciler.Compose;

/// <summary>
/// A healthcheck. <see cref="Test"/> is in engine form (<c>CMD</c>, <c>CMD-SHELL</c> or <c>NONE</c> first).
/// Durations left unset take the engine's defaults (30s interval, 30s timeout, 3 retries).
/// </summary>
public sealed record HealthcheckSpec(
    ValueList<string> Test,
    TimeSpan? Interval = null,
    TimeSpan? Timeout = null,
    int? Retries = null,
    TimeSpan? StartPeriod = null,
    TimeSpan? StartInterval = null)
{
    public bool Disabled => Test.Count > 0 && Test[0] == "NONE";

    /// <summary>How long to wait for healthy before calling the service failed: start period plus every retry.</summary>
    public TimeSpan GateTimeout =>
        (StartPeriod ?? TimeSpan.Zero)
        + ((Interval ?? TimeSpan.FromSeconds(30)) + (Timeout ?? TimeSpan.FromSeconds(30))) * ((Retries ?? 3) + 1);
}
