using System.Text.RegularExpressions;

namespace GitOps.Reconciler.Configuration;

/// <summary>
/// Repository URL helpers. <see cref="Sanitize"/> and <see cref="Redact"/> keep credentials carried in a URL's
/// user-info out of anything a person or a log may see.
/// </summary>
public static partial class RepoUrl
{
    public const string Mask = "***";

    public static RepoTransport? TransportOf(string url)
    {
        if (url.StartsWith("file://", StringComparison.OrdinalIgnoreCase) || url.StartsWith('/'))
        {
            return RepoTransport.File;
        }
        if (url.StartsWith("git://", StringComparison.OrdinalIgnoreCase))
        {
            return RepoTransport.Git;
        }
        if (url.StartsWith("ssh://", StringComparison.OrdinalIgnoreCase) || ScpLike().IsMatch(url))
        {
            return RepoTransport.Ssh;
        }
        if (url.StartsWith("https://", StringComparison.OrdinalIgnoreCase) || url.StartsWith("http://", StringComparison.OrdinalIgnoreCase))
        {
            return RepoTransport.Http;
        }
        return null;
    }

    /// <summary>The user-info part of a scheme URL ("user" or "user:password"), or null.</summary>
    public static string? UserInfo(string url)
    {
        var match = SchemeUserInfo().Match(url);
        return match.Success ? match.Groups["info"].Value : null;
    }

    public static bool HasPassword(string url) => UserInfo(url)?.Contains(':', StringComparison.Ordinal) == true;

    public static bool HasUserName(string url) => UserInfo(url) is { Length: > 0 } info && !info.StartsWith(':');

    /// <summary>The URL without any password: <c>https://user:secret@host/x</c> becomes <c>https://user@host/x</c>.</summary>
    public static string WithoutPassword(string url)
    {
        var info = UserInfo(url);
        if (info is null || !info.Contains(':', StringComparison.Ordinal))
        {
            return url;
        }
        var user = info[..info.IndexOf(':', StringComparison.Ordinal)];
        return SchemeUserInfo().Replace(url, m => m.Groups["scheme"].Value + (user.Length > 0 ? user + "@" : ""), 1);
    }

    /// <summary>The URL for display: any user-info password masked.</summary>
    public static string Sanitize(string url) => Redact(url, []);

    /// <summary>Masks every URL password in <paramref name="text"/> and every occurrence of the given secrets.</summary>
    public static string Redact(string text, IEnumerable<string> secrets)
    {
        var result = AnyUserInfoPassword().Replace(text, m => m.Groups["prefix"].Value + Mask + "@");
        foreach (var secret in secrets.Where(s => s.Length >= 3).OrderByDescending(s => s.Length))
        {
            result = result.Replace(secret, Mask, StringComparison.Ordinal);
            var escaped = Uri.EscapeDataString(secret);
            if (escaped != secret)
            {
                result = result.Replace(escaped, Mask, StringComparison.Ordinal);
            }
        }
        return result;
    }

    [GeneratedRegex(@"^(?<scheme>[A-Za-z][A-Za-z0-9+.-]*://)(?<info>[^@/?#]*)@")]
    private static partial Regex SchemeUserInfo();

    [GeneratedRegex(@"(?<prefix>[A-Za-z][A-Za-z0-9+.-]*://[^:@/\s]*:)[^@/\s]*@")]
    private static partial Regex AnyUserInfoPassword();

    [GeneratedRegex(@"^(?:[A-Za-z0-9._-]+@)?[A-Za-z0-9.-]+:(?!//)[^\s]+$")]
    private static partial Regex ScpLike();
}
