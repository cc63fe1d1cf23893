using GitOps.Reconciler.Reporting.Drift;
using Microsoft.Extensions.Logging;

namespace GitOps.Reconciler.Reporting.Notifications;

/// <summary>
/// Turns a new report into notifications: the transitions since the previous report (<see cref="TransitionDetector"/>),
/// de-duplicated and queued by the dispatcher. Never blocks and never throws for a receiver.
/// </summary>
public sealed partial class TransitionPublisher(NotificationDispatcher dispatcher, ILogger<TransitionPublisher> logger) : IDriftReportSubscriber
{
    /// <summary>Returns how many notifications were queued (duplicates within the window are not).</summary>
    public int Publish(DriftReport? previous, DriftReport current, ReconcileOutcome? outcome)
    {
        ArgumentNullException.ThrowIfNull(current);
        var transitions = TransitionDetector.Detect(previous, current, outcome);
        if (transitions.Count == 0)
        {
            return 0;
        }
        var queued = dispatcher.Publish(transitions);
        LogQueued(queued, transitions.Count);
        return queued;
    }

    void IDriftReportSubscriber.Published(DriftReport? previous, DriftReport current, ReconcileOutcome? outcome) =>
        Publish(previous, current, outcome);

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Queued} of {Found} transitions queued for notification")]
    private partial void LogQueued(int queued, int found);
}
