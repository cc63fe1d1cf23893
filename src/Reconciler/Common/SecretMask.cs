namespace GitOps.Reconciler.Common;

/// <summary>
/// Decides which values must never be shown in plans, reports or logs: environment variables whose
/// name contains PASSWORD, SECRET, TOKEN or KEY (case-insensitive). Secret files never reach a plan
/// at all (<see cref="Compose.FileGrant"/> holds only a content hash).
/// </summary>
public static class SecretMask
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
}
