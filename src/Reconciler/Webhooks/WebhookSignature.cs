using System.Security.Cryptography;
using System.Text;

namespace GitOps.Reconciler.Webhooks;

/// <summary>
/// Authenticates a webhook request under a shared secret, in the two styles git hosts use:
/// GitHub's <c>X-Hub-Signature-256: sha256=&lt;hex HMAC-SHA256 of the body&gt;</c> (preferred when both are sent)
/// and GitLab's <c>X-Gitlab-Token: &lt;secret&gt;</c>. Comparisons take constant time; the token is compared by
/// its hash so its length does not leak either. The same signature format signs outgoing notifications.
/// </summary>
public static class WebhookSignature
{
    public const string GitHubHeader = "X-Hub-Signature-256";
    public const string GitLabHeader = "X-Gitlab-Token";
    public const string Prefix = "sha256=";

    /// <summary>Header names are matched case-insensitively, as HTTP says.</summary>
    public static WebhookVerdict Verify(ReadOnlySpan<byte> body, IEnumerable<KeyValuePair<string, string>> headers, string secret)
    {
        ArgumentNullException.ThrowIfNull(headers);
        ArgumentException.ThrowIfNullOrEmpty(secret);
        var list = headers.ToList();
        var signatures = Values(list, GitHubHeader);
        var tokens = Values(list, GitLabHeader);
        if (signatures.Count > 1 || (signatures.Count == 0 && tokens.Count > 1))
        {
            return WebhookVerdict.Malformed;
        }
        if (signatures.Count == 1)
        {
            return VerifySignature(body, signatures[0], secret);
        }
        return tokens.Count == 1 ? VerifyToken(tokens[0], secret) : WebhookVerdict.Missing;
    }

    /// <summary>The <c>sha256=&lt;hex&gt;</c> value for a body, lowercase hex.</summary>
    public static string Sign(ReadOnlySpan<byte> body, string secret)
    {
        ArgumentException.ThrowIfNullOrEmpty(secret);
        return Prefix + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));
    }

    private static WebhookVerdict VerifySignature(ReadOnlySpan<byte> body, string header, string secret)
    {
        var value = header.Trim();
        if (!value.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return WebhookVerdict.Malformed;
        }
        var hex = value[Prefix.Length..];
        if (hex.Length != HMACSHA256.HashSizeInBytes * 2 || !hex.All(char.IsAsciiHexDigit))
        {
            return WebhookVerdict.Malformed;
        }
        var expected = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body);
        return CryptographicOperations.FixedTimeEquals(expected, Convert.FromHexString(hex)) ? WebhookVerdict.Accepted : WebhookVerdict.Wrong;
    }

    private static WebhookVerdict VerifyToken(string token, string secret)
    {
        if (token.Length == 0)
        {
            return WebhookVerdict.Malformed;
        }
        var sent = SHA256.HashData(Encoding.UTF8.GetBytes(token));
        var expected = SHA256.HashData(Encoding.UTF8.GetBytes(secret));
        return CryptographicOperations.FixedTimeEquals(sent, expected) ? WebhookVerdict.Accepted : WebhookVerdict.Wrong;
    }

    private static List<string> Values(List<KeyValuePair<string, string>> headers, string name) =>
        headers.Where(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Select(h => h.Value ?? "").ToList();
}
