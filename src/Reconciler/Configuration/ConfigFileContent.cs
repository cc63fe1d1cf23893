using GitOps.Reconciler.Common;
using GitOps.Reconciler.Policy;

namespace GitOps.Reconciler.Configuration;

/// <summary>What agent.yaml says: its leaf settings, and the structured <c>policy.allow</c> list when present.</summary>
internal sealed class ConfigFileContent(Dictionary<string, ConfigSetting> settings)
{
    public Dictionary<string, ConfigSetting> Settings { get; } = settings;

    /// <summary>The file has a <c>policy:</c> section (without one, an install upgraded from before policies runs privileged).</summary>
    public bool HasPolicySection { get; set; }

    public ValueList<PolicyException>? PolicyAllow { get; set; }
}
