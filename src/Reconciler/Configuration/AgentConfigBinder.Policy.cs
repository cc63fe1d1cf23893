using GitOps.Reconciler.Common;
using GitOps.Reconciler.Models;
using GitOps.Reconciler.Policy;

namespace GitOps.Reconciler.Configuration;

internal sealed partial class AgentConfigBinder
{
    /// <summary>What agent.yaml holds beyond leaf settings (<c>policy.allow</c>, whether a policy section exists).</summary>
    public ConfigFileContent? Content { get; init; }

    /// <summary>
    /// The host policy. A new install's agent.yaml has a policy section (baseline unless it says otherwise); one
    /// written before policies existed has none and keeps running everything, as <see cref="HostPolicy.UpgradeDefault"/>.
    /// </summary>
    private HostPolicy BindPolicy(ModelsConfig models)
    {
        var chosen = Content?.HasPolicySection == true || settings.ContainsKey("policy.profile") || settings.ContainsKey("policy.allowedBindRoots");
        if (!chosen)
        {
            return HostPolicy.UpgradeDefault;
        }
        var profile = Choice("policy.profile", PolicyProfile.Baseline,
            ("baseline", PolicyProfile.Baseline), ("restricted", PolicyProfile.Restricted), ("privileged", PolicyProfile.Privileged));
        var roots = new List<string>();
        if (Text("policy.allowedBindRoots") is { } text)
        {
            roots = [.. text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(r => r.Length > 1 ? r.TrimEnd('/') : r)];
            foreach (var root in roots.Where(r => !r.StartsWith('/') || r.Split('/').Any(s => s is "." or "..")))
            {
                Error("policy.allowedBindRoots", $"'{root}' must be an absolute host directory");
            }
        }
        return new HostPolicy(profile, ValueList.From(roots), ValueList.From(models.AllowedRoots), Content?.PolicyAllow ?? ValueList<PolicyException>.Empty);
    }

    /// <summary>Only the host policy (and the model roots it counts as allowed), for checking a repo against a host's agent.yaml.</summary>
    public HostPolicy BindPolicyOnly() => BindPolicy(BindModels());
}
