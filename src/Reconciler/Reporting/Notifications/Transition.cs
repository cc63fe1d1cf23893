using GitOps.Reconciler.Reporting.Drift;

namespace GitOps.Reconciler.Reporting.Notifications;

/// <summary>
/// One change of state worth a notification. <see cref="Kind"/> and <see cref="Name"/> are null for the host as a
/// whole (deployed, stalled, a reconcile that failed). <see cref="Details"/> is for people and holds masked values only.
/// </summary>
public sealed record Transition(
    NotificationEvent Event,
    string Host,
    DriftRevision? Revision,
    string? Stack,
    DriftKind? Kind,
    string? Name,
    string Details,
    DateTimeOffset Time)
{
    /// <summary>What counts as "the same transition" for de-duplication: event, resource and commit, not the time or wording.</summary>
    public string Key => string.Join("|", Event, Host, Stack, Kind, Name, Revision?.Commit);
}
