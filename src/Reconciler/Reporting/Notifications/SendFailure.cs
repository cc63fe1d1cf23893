namespace GitOps.Reconciler.Reporting.Notifications;

/// <summary>Why one send of a notification failed, and whether sending it again can help (a 404 cannot; a 503 can).</summary>
internal sealed record SendFailure(string Reason, bool Permanent);
