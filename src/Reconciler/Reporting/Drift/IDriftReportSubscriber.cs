namespace GitOps.Reconciler.Reporting.Drift;

/// <summary>
/// Told of every report <see cref="DriftReportPublisher"/> publishes, with the one it replaces (metrics,
/// notifications). Called under the publisher's lock, one report at a time: must be quick and must not throw.
/// </summary>
public interface IDriftReportSubscriber
{
    void Published(DriftReport? previous, DriftReport current, ReconcileOutcome? outcome);
}
