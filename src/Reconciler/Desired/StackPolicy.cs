namespace GitOps.Reconciler.Desired;

/// <param name="Suspended">Reported but never touched.</param>
/// <param name="SelfHeal">Correct drift caused on the host (default true).</param>
/// <param name="RemoveVolumes">Remove the stack's named volumes when it is torn down (default false: kept).</param>
public sealed record StackPolicy(bool Suspended = false, bool SelfHeal = true, bool RemoveVolumes = false)
{
    public static readonly StackPolicy Default = new();
}
