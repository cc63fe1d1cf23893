namespace GitOps.Reconciler.Reporting.Notifications;

/// <param name="Capacity">Notifications queued per receiver; more are dropped (and logged) rather than block reconciling.</param>
/// <param name="MaxAttempts">Sends per notification before giving up on it.</param>
/// <param name="InitialDelay">The wait after the first failed send, doubled after each further one.</param>
/// <param name="MaxDelay">The longest wait between sends.</param>
/// <param name="AttemptTimeout">How long one send may take.</param>
/// <param name="DedupeWindow">The same transition is not sent twice within this window.</param>
public sealed record NotificationOptions(
    int Capacity, int MaxAttempts, TimeSpan InitialDelay, TimeSpan MaxDelay, TimeSpan AttemptTimeout, TimeSpan DedupeWindow)
{
    public NotificationOptions()
        : this(100, 6, TimeSpan.FromSeconds(2), TimeSpan.FromMinutes(1), TimeSpan.FromSeconds(10), TimeSpan.FromMinutes(10))
    {
    }
}
