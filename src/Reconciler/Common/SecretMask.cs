namespace GitOps.Reconciler.Common;

/// <summary>
/// Decides which values must never be shown in plans, reports or logs: environment variables whose
/// name contains PASSWORD, SECRET, TOKEN or KEY (case-insensitive). Secret files never reach a plan
/// at all (<see cref="Compose.FileGrant"/> holds only a content hash).
/// </summary>
public static partial class SecretMask
{
    public const string Masked = "******";

    private static readonly string[] SensitiveWords = ["PASSWORD", "SECRET", "TOKEN", "KEY"];

    public static bool IsSensitiveName(string name) =>
        SensitiveWords.Any(word => name.Contains(word, StringComparison.OrdinalIgnoreCase));

    /// <summary>True for a plan field naming a sensitive environment variable, e.g. <c>environment.DB_PASSWORD</c>.</summary>
    public static bool IsSensitiveField(string field) =>
        field.StartsWith("environment.", StringComparison.Ordinal) && IsSensitiveName(field["environment.".Length..]);

    /// <summary>The value to show for <paramref name="field"/>: masked when sensitive, null stays null (absent).</summary>
    public static string? Apply(string field, string? value) =>
        value is not null && IsSensitiveField(field) ? Masked : value;

    /// <summary>
    /// Log lines safe to show: every value of a sensitive variable in <paramref name="environment"/> replaced, and any
    /// <c>NAME=value</c> or <c>NAME: value</c> whose name is sensitive masked.
    /// </summary>
    public static IEnumerable<string> Lines(IEnumerable<string> lines, IEnumerable<KeyValuePair<string, string>> environment)
    {
        ArgumentNullException.ThrowIfNull(lines);
        ArgumentNullException.ThrowIfNull(environment);
        var secrets = environment.Where(kv => IsSensitiveName(kv.Key) && kv.Value.Length >= 3).Select(kv => kv.Value).Distinct(StringComparer.Ordinal).ToList();
        foreach (var line in lines)
        {
            var masked = secrets.Aggregate(line, (text, secret) => text.Replace(secret, Masked, StringComparison.Ordinal));
            yield return SensitiveAssignment().Replace(masked, m => m.Groups[1].Value + Masked);
        }
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"(\b[A-Za-z0-9_]*(?:PASSWORD|SECRET|TOKEN|KEY)[A-Za-z0-9_]*\s*[=:]\s*)\S+", System.Text.RegularExpressions.RegexOptions.IgnoreCase)]
    private static partial System.Text.RegularExpressions.Regex SensitiveAssignment();
}
