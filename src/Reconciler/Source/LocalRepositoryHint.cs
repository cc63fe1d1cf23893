using GitOps.Reconciler.Common;

namespace GitOps.Reconciler.Source;

/// <summary>
/// What to do about a local (file://) repository the agent's account cannot use: libgit2 follows git's
/// safe.directory rule and refuses a repository another user owns, with a message that names neither the owner nor
/// the rule. The agent runs as its own account, so "owned by root" is the usual cause after a hand-made repository.
/// </summary>
public static class LocalRepositoryHint
{
    private static readonly TimeSpan StatTimeout = TimeSpan.FromSeconds(10);

    /// <summary>The hint for <paramref name="error"/> about <paramref name="url"/>, or null when it is not about access.</summary>
    public static async Task<string?> ForAsync(string url, string error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(error);
        var notOwned = error.Contains("not owned by current user", StringComparison.OrdinalIgnoreCase);
        var denied = error.Contains("permission denied", StringComparison.OrdinalIgnoreCase);
        if ((!notOwned && !denied) || PathOf(url) is not { } path)
        {
            return null;
        }
        var owner = await OwnerAsync(path, cancellationToken) ?? "another user";
        var user = Environment.UserName;
        return Text(path, owner, user, notOwned);
    }

    public static string Text(string path, string owner, string user, bool notOwned) => notOwned
        ? $"{path} is owned by {owner}, but the agent runs as {user}: git refuses a repository another user owns (its safe.directory rule); "
            + $"make the account its owner: chown -R {user} {path}"
        : $"the agent runs as {user} and may not read {path} (owned by {owner}); make the account its owner: chown -R {user} {path}";

    public static string? PathOf(string url)
    {
        if (url.StartsWith('/'))
        {
            return url;
        }
        return url.StartsWith("file://", StringComparison.OrdinalIgnoreCase) && Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri.LocalPath : null;
    }

    private static async Task<string?> OwnerAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            var result = await ToolProcess.RunAsync("stat", ["--format=%U", "--", path], input: null, StatTimeout, cancellationToken);
            return result.ExitCode == 0 && result.Output.Trim() is { Length: > 0 } owner ? owner : null;
        }
        catch (ToolProcessException)
        {
            return null;
        }
    }
}
