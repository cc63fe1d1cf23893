namespace GitOps.Reconciler.Lease;

/// <summary>Whether this agent may apply; when not, <see cref="Reason"/> says who holds the lease, for the report.</summary>
public sealed record LeaseState(bool Held, string? Reason)
{
    public static readonly LeaseState Granted = new(true, null);
}
