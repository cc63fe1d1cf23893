namespace GitOps.Reconciler.Reporting.Notifications;

/// <summary>
/// Where the daemon sends notifications, as configured: a generic JSON webhook and/or a Slack-compatible one,
/// and a file holding the secret that signs the bodies (optional). The host builds this from its config and
/// calls <see cref="Receivers"/> once at start; URLs and the secret are never logged.
/// </summary>
public sealed record NotificationTargets(Uri? WebhookUrl = null, Uri? SlackUrl = null, string? SigningSecretFile = null)
{
    public IReadOnlyList<NotificationReceiver> Receivers()
    {
        string? secret = null;
        if (SigningSecretFile is { } path)
        {
            secret = File.Exists(path) ? File.ReadAllText(path).Trim() : throw new InvalidOperationException($"the notification signing secret file {path} does not exist");
            if (secret.Length == 0)
            {
                throw new InvalidOperationException($"the notification signing secret file {path} is empty");
            }
        }
        var receivers = new List<NotificationReceiver>();
        if (WebhookUrl is not null)
        {
            receivers.Add(new NotificationReceiver("webhook", WebhookUrl, NotificationFormat.Json, secret));
        }
        if (SlackUrl is not null)
        {
            receivers.Add(new NotificationReceiver("slack", SlackUrl, NotificationFormat.Slack, secret));
        }
        return receivers;
    }
}
