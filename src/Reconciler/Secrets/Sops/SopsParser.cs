using GitOps.Reconciler.Secrets.Failures;
using System.Text;

namespace GitOps.Reconciler.Secrets.Sops;

/// <summary>
/// Reads a file into a SOPS document, deciding from the content whether it is SOPS at all: a top-level
/// <c>sops</c> mapping with a MAC (YAML, JSON, binary) or <c>sops_mac</c>/<c>sops_version</c> lines (dotenv).
/// </summary>
public static partial class SopsParser
{
    /// <summary>Secret files are small; a bigger file is refused before any parsing.</summary>
    public const int MaxFileSize = 1024 * 1024;

    /// <summary>The document, or null when the file carries no SOPS metadata (a plain file).</summary>
    public static SopsDocument? TryParse(ReadOnlySpan<byte> content, string fileName)
    {
        if (content.Length > MaxFileSize)
        {
            throw new SecretException(SecretFailure.TooLarge, $"secret file is {content.Length} bytes, over the {MaxFileSize}-byte limit");
        }

        var text = Encoding.UTF8.GetString(content);
        var trimmed = text.TrimStart();
        if (trimmed.StartsWith('{'))
        {
            return TryParseJson(text, fileName);
        }

        if (LooksLikeDotenv(text))
        {
            return ParseDotenv(text);
        }

        return TryParseYaml(text);
    }

    public static SopsDocument Parse(ReadOnlySpan<byte> content, string fileName) =>
        TryParse(content, fileName) ?? throw new SecretException(SecretFailure.Malformed, "not a SOPS file (no sops metadata)");

    private static SopsDocument Document(SopsFormat format, SopsMap root)
    {
        var metadata = SopsMetadataReader.Read(root["sops"]);
        return new SopsDocument(format, new SopsMap(root.Entries.Where(e => e.Key != "sops").ToList()), metadata);
    }
}
