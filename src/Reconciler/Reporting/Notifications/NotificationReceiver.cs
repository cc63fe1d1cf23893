namespace GitOps.Reconciler.Reporting.Notifications;

/// <summary>
/// Where notifications go. The URL may itself be a secret (Slack webhook URLs are) and the signing secret is one,
/// so neither ever appears in <see cref="ToString"/> or logs: only <see cref="Name"/> does.
/// </summary>
public sealed record NotificationReceiver(string Name, Uri Url, NotificationFormat Format, string? SigningSecret = null)
{
    public override string ToString() => Name;
}
