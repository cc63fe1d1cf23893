namespace GitOps.Reconciler.Desired;

/// <param name="Suspended">Reported but never touched.</param>
/// <param name="SelfHeal">Correct drift caused on the host (default true).</param>
/// <param name="RemoveVolumes">Remove the stack's named volumes when it is torn down (default false: kept).</param>
/// <param name="AllowBuild">Services with <c>build:</c> and no <c>image:</c> are built on the host (<c>policy.allowBuild</c>).</param>
public sealed record StackPolicy(bool Suspended = false, bool SelfHeal = true, bool RemoveVolumes = false, bool AllowBuild = false)
{
    public static readonly StackPolicy Default = new();
}
