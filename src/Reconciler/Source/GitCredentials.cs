using GitOps.Reconciler.Configuration;
using LibGit2Sharp;
using LibGit2Sharp.Handlers;

namespace GitOps.Reconciler.Source;

/// <summary>
/// HTTP credentials for the repository, read from their files when a transport asks (so rotated secrets
/// are picked up) or taken from a password in the configured URL. The secrets are also what
/// <see cref="RepoUrl.Redact"/> masks in every message.
/// </summary>
internal sealed class GitCredentials(string url, RepoAuth auth)
{
    /// <summary>User name sent with a bare token; hosting services accept any non-empty name with a token.</summary>
    public const string TokenUser = "x-access-token";

    public CredentialsHandler Handler => (_, _, _) => Read() is { } pair
        ? new UsernamePasswordCredentials { Username = pair.User, Password = pair.Password }
        : new DefaultCredentials();

    /// <summary>Every secret that may appear in a message: URL password, token, password.</summary>
    public IReadOnlyList<string> Secrets()
    {
        var secrets = new List<string>();
        if (UrlPassword() is { } fromUrl)
        {
            secrets.Add(fromUrl);
        }
        foreach (var file in new[] { auth.TokenFile, auth.PasswordFile })
        {
            if (file is not null && TryReadFile(file) is { } secret)
            {
                secrets.Add(secret);
            }
        }
        return secrets;
    }

    private (string User, string Password)? Read()
    {
        var user = auth.UsernameFile is not null ? TryReadFile(auth.UsernameFile) : UrlUser();
        if (auth.TokenFile is not null)
        {
            var token = TryReadFile(auth.TokenFile) ?? throw new SourceException(SourceFailure.FetchFailed, $"cannot read the token file '{auth.TokenFile}'");
            return (user ?? TokenUser, token);
        }
        if (auth.PasswordFile is not null)
        {
            var password = TryReadFile(auth.PasswordFile) ?? throw new SourceException(SourceFailure.FetchFailed, $"cannot read the password file '{auth.PasswordFile}'");
            return (user ?? "", password);
        }
        return UrlPassword() is { } urlPassword ? (UrlUser() ?? "", urlPassword) : null;
    }

    private string? UrlUser()
    {
        var info = RepoUrl.UserInfo(url);
        if (string.IsNullOrEmpty(info))
        {
            return null;
        }
        var colon = info.IndexOf(':', StringComparison.Ordinal);
        return Uri.UnescapeDataString(colon >= 0 ? info[..colon] : info);
    }

    private string? UrlPassword()
    {
        var info = RepoUrl.UserInfo(url);
        var colon = info?.IndexOf(':', StringComparison.Ordinal) ?? -1;
        return colon >= 0 ? Uri.UnescapeDataString(info![(colon + 1)..]) : null;
    }

    private static string? TryReadFile(string path)
    {
        try
        {
            return File.ReadAllText(path).Trim();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
