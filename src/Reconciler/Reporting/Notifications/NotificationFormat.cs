namespace GitOps.Reconciler.Reporting.Notifications;

public enum NotificationFormat
{
    /// <summary>The generic JSON payload: event, host, revision, stack, service, details, time.</summary>
    Json,

    /// <summary>A Slack incoming-webhook message: <c>{"text": ...}</c>.</summary>
    Slack,
}
