namespace GitOps.Reconciler.SelfHeal;

/// <param name="Initial">The wait after the first correction.</param>
/// <param name="Max">The longest wait, however often the resource drifts again.</param>
/// <param name="ResetAfter">How long a resource must stay in sync before its count starts over.</param>
public sealed record SelfHealBackoffOptions(TimeSpan Initial, TimeSpan Max, TimeSpan ResetAfter)
{
    public SelfHealBackoffOptions()
        : this(TimeSpan.FromSeconds(10), TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(5))
    {
    }
}
