using GitOps.Reconciler.Common;

namespace GitOps.Reconciler.Policy;

/// <summary>
/// This host's say over what a commit may do on it (<c>policy:</c> in agent.yaml, never from the repository).
/// </summary>
/// <param name="AllowedBindRoots">Host directories any stack or task may bind-mount, besides its own stack directory and the model roots.</param>
/// <param name="ModelRoots">The roots models are installed below (<c>models.allowedRoots</c>): services mount their models from there.</param>
/// <param name="Allow">Exceptions by stack or task.</param>
public sealed record HostPolicy(PolicyProfile Profile, ValueList<string> AllowedBindRoots, ValueList<string> ModelRoots, ValueList<PolicyException> Allow)
{
    /// <summary>What an agent.yaml without a <c>policy</c> section gets: everything allowed, as before policies existed, with a warning.</summary>
    public static readonly HostPolicy UpgradeDefault =
        new(PolicyProfile.Privileged, ValueList<string>.Empty, ValueList<string>.Empty, ValueList<PolicyException>.Empty) { IsUpgradeDefault = true };

    /// <summary>Everything allowed, chosen: what a one-shot run over a plain directory (no agent.yaml) judges by.</summary>
    public static readonly HostPolicy Unrestricted =
        new(PolicyProfile.Privileged, ValueList<string>.Empty, ValueList<string>.Empty, ValueList<PolicyException>.Empty);

    /// <summary>The profile was not chosen: agent.yaml has no <c>policy</c> section.</summary>
    public bool IsUpgradeDefault { get; init; }

    public const string UpgradeWarning =
        "agent.yaml has no 'policy' section, so revisions run under profile 'privileged' (the upgrade default): a commit may start privileged containers and bind-mount any host path; set policy.profile: baseline (docs/security.md)";

    /// <summary>The warning to show in the log and the report, or null when the host chose its profile.</summary>
    public string? Warning => IsUpgradeDefault ? UpgradeWarning : null;

    public string ProfileName => Profile.ToString().ToLowerInvariant();

    /// <summary>Changes whenever anything of the policy does: a stall decided under another policy is tried again.</summary>
    public string Fingerprint() => Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(ToString())))[..16];

    public IEnumerable<PolicyException> ExceptionsFor(string? stack, string? task) => Allow.Where(a => a.AppliesTo(stack, task));
}
