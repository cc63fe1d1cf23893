using GitOps.Reconciler.Policy;
using GitOps.Reconciler.Repository;
using GitOps.Reconciler.Secrets;

namespace GitOps.Reconciler.Reconciliation;

/// <summary>
/// Everything a host's loaded desired state (with its policy and rollout checks) is derived from, so that a load can be
/// reused while none of it changed: the commit and the directory holding its tree, the host name, the keyring that
/// decrypts SOPS files (it reads its key file once), the config-hash key, the host policy and whether there is a fleet
/// store. Nothing else is read by a load: the loaders read files only through <see cref="RepoDirectory"/>, which refuses
/// absolute paths and links out of the repository (env files, secrets and configs included), and they read neither the
/// process environment nor the clock. A tree materialized for a commit is exactly that commit, so equal keys mean an
/// equal load. The keyring and the hash key compare by instance: another instance always loads afresh.
/// </summary>
public sealed record DesiredStateKey(
    string Commit, string Root, long MaxFileBytes, string Host, SecretKeyring Keyring, ConfigHashKey HashKey, HostPolicy Policy, bool? FleetStore)
{
    /// <summary>The key of a load, or null when there is none to reuse: a plain directory (no commit) may change at any time.</summary>
    public static DesiredStateKey? For(
        RepoDirectory repo, string host, string? commit, SecretKeyring keyring, ConfigHashKey hashKey, HostPolicy policy, bool? fleetStore)
    {
        ArgumentNullException.ThrowIfNull(repo);
        return commit is null ? null : new(commit, repo.Root, repo.MaxFileBytes, host, keyring, hashKey, policy, fleetStore);
    }
}
