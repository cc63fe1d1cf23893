using GitOps.Reconciler.Compose;
using GitOps.Reconciler.Diagnostics;

namespace GitOps.Reconciler.Policy;

/// <summary>Decides for one service or task: what its exceptions grant, and how a refusal is worded and placed.</summary>
internal sealed class PolicyJudge(HostPolicy policy, PolicyOwner owner, SettingPositions positions, DiagnosticBag diagnostics)
{
    public HostPolicy Policy => policy;

    public PolicyOwner Owner => owner;

    public bool Allowed(Func<PolicyException, bool> grants) => policy.ExceptionsFor(owner.Stack, owner.Task).Any(grants);

    /// <summary>Refuses the setting <paramref name="key"/>; <paramref name="grant"/> is what a policy.allow entry would say to allow it.</summary>
    public void Refuse(string key, string what, string grant, string? alternative = null) =>
        Refuse(positions.Of(owner.PositionKey, key), key, what, grant, alternative);

    public void RefuseMount(string target, string what, string grant, string? alternative = null) =>
        Refuse(positions.OfMount(owner.PositionKey, target), "volumes", what, grant, alternative);

    private void Refuse(SourcePosition at, string key, string what, string grant, string? alternative) =>
        diagnostics.Error(at,
            $"'{key}' of {owner}: {what}, refused by host policy '{policy.ProfileName}'; to allow it on this host, set in its agent.yaml "
            + $"policy.allow: [{{{owner.Selector}, {grant}}}]{(alternative is null ? "" : " or " + alternative)}");
}
