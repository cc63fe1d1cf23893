namespace GitOps.Reconciler.Secrets.Sops;

/// <summary>The <c>sops</c> metadata of a file: who can decrypt it, its MAC and which values are encrypted.</summary>
public sealed record SopsMetadata(
    IReadOnlyList<SopsAgeKey> AgeKeys,
    IReadOnlyList<string> OtherKeyKinds,
    string LastModified,
    string Mac,
    string? UnencryptedSuffix,
    string? EncryptedSuffix,
    string? UnencryptedRegex,
    string? EncryptedRegex,
    bool MacOnlyEncrypted,
    string Version)
{
    /// <summary>Whether the value at <paramref name="path"/> is encrypted, by the file's own suffix and regex rules.</summary>
    public bool IsEncrypted(IReadOnlyList<string> path)
    {
        var encrypted = true;
        if (!string.IsNullOrEmpty(UnencryptedSuffix) && path.Any(p => p.EndsWith(UnencryptedSuffix, StringComparison.Ordinal)))
        {
            encrypted = false;
        }

        if (!string.IsNullOrEmpty(EncryptedSuffix))
        {
            encrypted = path.Any(p => p.EndsWith(EncryptedSuffix, StringComparison.Ordinal));
        }

        if (!string.IsNullOrEmpty(UnencryptedRegex) && path.Any(p => Matches(UnencryptedRegex, p)))
        {
            encrypted = false;
        }

        if (!string.IsNullOrEmpty(EncryptedRegex))
        {
            encrypted = path.Any(p => Matches(EncryptedRegex, p));
        }

        return encrypted;
    }

    private static bool Matches(string pattern, string text) =>
        System.Text.RegularExpressions.Regex.IsMatch(text, pattern, System.Text.RegularExpressions.RegexOptions.None, TimeSpan.FromSeconds(1));
}
