using System.Text.RegularExpressions;

namespace GitOps.Reconciler.Common;

/// <summary>
/// The one place that decides what plans, drift reports, history, <c>/status</c>, <c>render</c> and logs never show.
/// Masked are: the password (or token) part of any URL in any value; the whole value of a variable whose name matches
/// the documented patterns (<see cref="IsSensitiveName"/>), or of a <c>*_URL</c>/<c>*_URI</c> variable holding
/// credentials; the whole value of a variable that came from a decrypted SOPS file or an env file marked sensitive
/// (the <see cref="For"/> form, which also blots those values out wherever else they appear). Secret files never reach
/// a plan at all (<see cref="Compose.FileGrant"/> holds only a content hash).
/// </summary>
public sealed partial class SecretMask
{
    public const string Masked = "******";

    /// <summary>How a change between two masked values reads: the fact, never the values.</summary>
    public const string ChangedSecret = "changed (secret)";

    /// <summary>Values shorter than this are not blotted out of other text: "1" or "on" would mask everything.</summary>
    private const int MinBlottedLength = 3;

    private static readonly string[] SensitiveWords = ["PASSWORD", "SECRET", "TOKEN", "KEY", "CREDENTIAL"];
    private static readonly string[] SensitiveSuffixes = ["_PASS", "_PASSWD", "_PWD", "_DSN"];
    private static readonly string[] UrlSuffixes = ["_URL", "_URI"];
    private static readonly string[] MaskedMaps = ["environment.", "labels."];

    private readonly HashSet<string> _names;
    private readonly List<string> _values;

    private SecretMask(IEnumerable<string> names, IEnumerable<string> values)
    {
        _names = new HashSet<string>(names, StringComparer.Ordinal);
        _values = [.. values.Where(v => v.Length >= MinBlottedLength).Distinct(StringComparer.Ordinal).OrderByDescending(v => v.Length)];
    }

    /// <summary>The rules that need no knowledge of where values came from: names and URLs.</summary>
    public static SecretMask ByNameAndUrl { get; } = new([], []);

    /// <summary>
    /// The rules plus what is known of one spec's sources: <paramref name="sensitiveNames"/> are variables from a
    /// decrypted or sensitive file; the values of every sensitive variable in <paramref name="environments"/> are
    /// masked wherever they appear (a password repeated in a command or another variable).
    /// </summary>
    public static SecretMask For(IEnumerable<string> sensitiveNames, params IEnumerable<KeyValuePair<string, string>>[] environments)
    {
        ArgumentNullException.ThrowIfNull(sensitiveNames);
        ArgumentNullException.ThrowIfNull(environments);
        var names = sensitiveNames.ToHashSet(StringComparer.Ordinal);
        var values = environments.SelectMany(e => e)
            .Where(kv => names.Contains(kv.Key) || IsSensitiveName(kv.Key) || IsCredentialUrl(kv.Key, kv.Value))
            .Select(kv => kv.Value);
        return new SecretMask(names, values);
    }

    /// <summary>
    /// The documented name patterns, case-insensitive: containing PASSWORD, SECRET, TOKEN, KEY or CREDENTIAL, or
    /// ending in _PASS, _PASSWD, _PWD or _DSN.
    /// </summary>
    public static bool IsSensitiveName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return SensitiveWords.Any(word => name.Contains(word, StringComparison.OrdinalIgnoreCase))
            || SensitiveSuffixes.Any(suffix => name.EndsWith(suffix, StringComparison.OrdinalIgnoreCase)
                || name.Equals(suffix[1..], StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>True for a plan field naming a variable or label the name patterns make secret, e.g. <c>environment.DB_PASSWORD</c>.</summary>
    public static bool IsSensitiveField(string field) => ByNameAndUrl.IsSecretField(field, null);

    /// <summary>The value to show for <paramref name="field"/> under the name and URL rules; null stays null (absent).</summary>
    public static string? Apply(string field, string? value) => ByNameAndUrl.Show(field, value);

    /// <summary>The value to show for <paramref name="field"/>: masked whole when the field is secret, else with known secret
    /// values and URL credentials blotted out; null stays null (absent).</summary>
    public string? Show(string field, string? value)
    {
        ArgumentNullException.ThrowIfNull(field);
        if (value is null)
        {
            return null;
        }
        return IsSecretField(field, value) ? Masked : MaskUrlCredentials(Blot(value));
    }

    /// <summary>Text with every known secret value and every URL's credentials masked (log lines, error messages).</summary>
    public string Text(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return MaskUrlCredentials(Blot(text));
    }

    /// <summary>
    /// Log lines safe to show: every value of a sensitive variable in <paramref name="environment"/> replaced, URL
    /// credentials masked, and any <c>NAME=value</c> or <c>NAME: value</c> whose name is sensitive masked.
    /// </summary>
    public static IEnumerable<string> Lines(IEnumerable<string> lines, IEnumerable<KeyValuePair<string, string>> environment, IEnumerable<string>? sensitiveNames = null)
    {
        ArgumentNullException.ThrowIfNull(lines);
        ArgumentNullException.ThrowIfNull(environment);
        var mask = For(sensitiveNames ?? [], environment);
        foreach (var line in lines)
        {
            yield return SensitiveAssignment().Replace(mask.Text(line), m => m.Groups[1].Value + Masked);
        }
    }

    /// <summary>The password of <c>scheme://user:password@host</c> masked; a user part alone (often a token) masked whole.</summary>
    public static string MaskUrlCredentials(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.Contains("://", StringComparison.Ordinal)
            ? UrlCredentials().Replace(value, m => m.Groups["password"].Success
                ? m.Groups["scheme"].Value + m.Groups["user"].Value + ":" + Masked + "@"
                : m.Groups["scheme"].Value + Masked + "@")
            : value;
    }

    private bool IsSecretField(string field, string? value)
    {
        var prefix = MaskedMaps.FirstOrDefault(p => field.StartsWith(p, StringComparison.Ordinal));
        if (prefix is null)
        {
            return false;
        }
        var name = field[prefix.Length..];
        return (prefix == "environment." && _names.Contains(name)) || IsSensitiveName(name) || (value is not null && IsCredentialUrl(name, value));
    }

    private static bool IsCredentialUrl(string name, string value) =>
        UrlSuffixes.Any(suffix => name.EndsWith(suffix, StringComparison.OrdinalIgnoreCase)) && UrlCredentials().IsMatch(value);

    private string Blot(string value) =>
        _values.Aggregate(value, (text, secret) => text.Replace(secret, Masked, StringComparison.Ordinal));

    [GeneratedRegex(@"(?<scheme>\b[A-Za-z][A-Za-z0-9+.\-]*://)(?<user>[^\s/@:?#]*)(?::(?<password>[^\s/@?#]*))?@")]
    private static partial Regex UrlCredentials();

    [GeneratedRegex(@"(\b[A-Za-z0-9_]*(?:PASSWORD|SECRET|TOKEN|KEY|CREDENTIAL)[A-Za-z0-9_]*\s*[=:]\s*)\S+", RegexOptions.IgnoreCase)]
    private static partial Regex SensitiveAssignment();
}
