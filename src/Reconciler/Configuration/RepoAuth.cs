namespace GitOps.Reconciler.Configuration;

/// <summary>
/// Paths to credential files, never the secrets themselves: the files are read when a transport asks,
/// so secrets stay out of the config record, logs and the repository's .git/config.
/// </summary>
public sealed record RepoAuth(
    string? SshKeyFile = null,
    string? KnownHostsFile = null,
    bool StrictHostKeyChecking = true,
    string? TokenFile = null,
    string? UsernameFile = null,
    string? PasswordFile = null)
{
    public static readonly RepoAuth None = new();
}
