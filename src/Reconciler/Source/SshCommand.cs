using GitOps.Reconciler.Configuration;

namespace GitOps.Reconciler.Source;

/// <summary>
/// The OpenSSH command line libgit2 runs for ssh:// remotes (LibGit2Sharp 0.32 execs the system client):
/// key file, known_hosts and host key policy, in batch mode so a missing key never waits for a prompt.
/// </summary>
public static class SshCommand
{
    /// <param name="errorLog">Where ssh writes its own messages (<c>-E</c>), so "Host key verification failed" can be reported.</param>
    public static string For(RepoAuth auth, string? errorLog = null)
    {
        // ServerAlive: a server that goes silent mid-operation ends the call after a minute instead of holding the poll.
        var parts = new List<string> { "ssh", "-o BatchMode=yes", "-o ConnectTimeout=15", "-o ServerAliveInterval=15", "-o ServerAliveCountMax=4" };
        if (errorLog is not null)
        {
            parts.Add("-E " + Quote(errorLog));
        }
        if (auth.SshKeyFile is not null)
        {
            parts.Add("-i " + Quote(auth.SshKeyFile));
            parts.Add("-o IdentitiesOnly=yes");
        }
        if (auth.KnownHostsFile is not null)
        {
            parts.Add("-o UserKnownHostsFile=" + Quote(auth.KnownHostsFile));
        }
        parts.Add(auth.StrictHostKeyChecking ? "-o StrictHostKeyChecking=yes" : "-o StrictHostKeyChecking=no");
        return string.Join(' ', parts);
    }

    /// <summary>Single-quotes a word for /bin/sh, which libgit2 uses to run the command.</summary>
    public static string Quote(string word) => "'" + word.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
