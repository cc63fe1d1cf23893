using GitOps.Reconciler.Secrets.Failures;
using System.Text;
using System.Text.RegularExpressions;
using GitOps.Reconciler.Secrets.Age;
using GitOps.Reconciler.Secrets.Sops;

namespace GitOps.Reconciler.Secrets;

/// <summary>
/// The one entry point for encrypted files in the config repo: SOPS files (recognised by their metadata) and whole
/// age files. Decrypted content stays in memory; errors name the reason, never a value.
/// </summary>
public static partial class SecretFile
{
    /// <summary>True when <paramref name="content"/> is encrypted (SOPS metadata or an age header), whatever its name.</summary>
    public static bool IsEncrypted(ReadOnlySpan<byte> content, string fileName)
    {
        if (IsAge(content))
        {
            return true;
        }

        try
        {
            return SopsParser.TryParse(content, fileName) is not null;
        }
        catch (SecretException e) when (e.Reason != SecretFailure.TooLarge)
        {
            // Has a sops node, but a broken one: it is meant to be a secret, and decrypting will say what is wrong.
            return true;
        }
        catch (SecretException)
        {
            // Too large to parse: one that carries SOPS metadata is a secret, and decrypting refuses it with the reason.
            var text = Encoding.UTF8.GetString(content);
            return text.Contains("sops_mac=", StringComparison.Ordinal) || text.Contains("\"sops\":", StringComparison.Ordinal)
                || text.Contains("\nsops:", StringComparison.Ordinal);
        }
    }

    /// <summary>The decrypted file content as the service should see it (same layout, values in plaintext).</summary>
    public static byte[] Decrypt(ReadOnlySpan<byte> content, string fileName, IReadOnlyList<AgeIdentity> identities)
    {
        if (content.Length > SopsParser.MaxFileSize)
        {
            throw new SecretException(SecretFailure.TooLarge, $"secret file is {content.Length} bytes, over the {SopsParser.MaxFileSize}-byte limit");
        }

        return IsAge(content)
            ? AgeDecryptor.Decrypt(content, identities)
            : SopsWriter.WritePlain(SopsDecryptor.Decrypt(SopsParser.Parse(content, fileName), identities));
    }

    /// <summary>
    /// The variables of an encrypted env file (dotenv) or of a flat YAML/JSON mapping, in file order. Names must be
    /// valid environment names; nested values are refused.
    /// </summary>
    public static IReadOnlyList<KeyValuePair<string, string>> DecryptEnvironment(ReadOnlySpan<byte> content, string fileName, IReadOnlyList<AgeIdentity> identities)
    {
        if (IsAge(content))
        {
            throw new SecretException(SecretFailure.InvalidContent, "a whole-file age secret cannot be read as variables; encrypt it with SOPS (dotenv, YAML or JSON)");
        }

        var plaintext = SopsDecryptor.Decrypt(SopsParser.Parse(content, fileName), identities);
        if (plaintext.Format == SopsFormat.Binary)
        {
            throw new SecretException(SecretFailure.InvalidContent, "a binary SOPS file cannot be read as variables");
        }

        var variables = new List<KeyValuePair<string, string>>();
        foreach (var (key, value) in plaintext.Tree.Entries)
        {
            if (!EnvironmentName().IsMatch(key))
            {
                throw new SecretException(SecretFailure.InvalidContent, $"key '{key}' is not a valid environment variable name (letters, digits and '_', not starting with a digit)");
            }

            variables.Add(new(key, value switch
            {
                SopsScalar { Kind: SopsScalarKind.Null } => "",
                SopsScalar { Kind: SopsScalarKind.Bool } flag => SopsValueBytes.IsTrue(flag.Text) ? "true" : "false",
                SopsScalar scalar => scalar.Text,
                _ => throw new SecretException(SecretFailure.InvalidContent, $"key '{key}' holds a mapping or list, not a value for an environment variable"),
            }));
        }

        return variables;
    }

    private static bool IsAge(ReadOnlySpan<byte> content) =>
        content.StartsWith(Encoding.ASCII.GetBytes(Age.AgeFormat.VersionLine + "\n")) || AgeArmor.IsArmored(content);

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex EnvironmentName();
}
