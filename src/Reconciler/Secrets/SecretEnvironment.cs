using GitOps.Reconciler.Secrets.Failures;
using GitOps.Reconciler.Diagnostics;

namespace GitOps.Reconciler.Secrets;

/// <summary>
/// The variables of an encrypted env file for the loader, with its outcome as diagnostics: an error naming the file
/// and the reason when the host cannot decrypt it (the revision stalls for this host only), a warning when no key
/// was given and only the structure is checked.
/// </summary>
public static class SecretEnvironment
{
    /// <summary>The word that marks a file this host cannot decrypt, in the diagnostic and in the report's resource status.</summary>
    public const string Undecryptable = "undecryptable";

    /// <summary>True for the message of a file this host cannot decrypt (<c>FILE: undecryptable (reason): ...</c>).</summary>
    public static bool IsUndecryptable(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var colon = message.IndexOf(": ", StringComparison.Ordinal);
        return colon > 0 && !message[..colon].Contains(' ', StringComparison.Ordinal)
            && message.AsSpan(colon + 2).StartsWith(Undecryptable + " (", StringComparison.Ordinal);
    }

    public static IReadOnlyList<(string Key, string Value)> Read(
        byte[] content, string file, SourcePosition at, SecretKeyring keyring, DiagnosticBag diagnostics)
    {
        ArgumentNullException.ThrowIfNull(keyring);
        ArgumentNullException.ThrowIfNull(diagnostics);
        if (!keyring.CanDecrypt)
        {
            diagnostics.Warning(at, $"{file}: encrypted, not decrypted without the host's age key (structure only; use --host with the key to check it)");
            return [];
        }

        try
        {
            return SecretFile.DecryptEnvironment(content, file, keyring.Identities()).Select(kv => (kv.Key, kv.Value)).ToList();
        }
        catch (SecretException e)
        {
            diagnostics.Error(at, $"{file}: {Undecryptable} ({Describe(e.Reason)}): {e.Message}");
            return [];
        }
    }

    /// <summary>
    /// The decrypted content of an encrypted secret or config file source (SOPS in any format, or a whole age file),
    /// or null: after an error naming the file and the reason, or, with no key, after a structure-only warning.
    /// </summary>
    public static SecretContent? ReadFile(byte[] content, string file, SourcePosition at, SecretKeyring keyring, DiagnosticBag diagnostics)
    {
        ArgumentNullException.ThrowIfNull(keyring);
        ArgumentNullException.ThrowIfNull(diagnostics);
        if (!keyring.CanDecrypt)
        {
            diagnostics.Warning(at, $"{file}: encrypted, not decrypted without the host's age key (structure only; use --host with the key to check it)");
            return null;
        }

        try
        {
            return new SecretContent(SecretFile.Decrypt(content, file, keyring.Identities()));
        }
        catch (SecretException e)
        {
            diagnostics.Error(at, $"{file}: {Undecryptable} ({Describe(e.Reason)}): {e.Message}");
            return null;
        }
    }

    private static string Describe(SecretFailure reason) => reason switch
    {
        SecretFailure.NotRecipient => "this host is not a recipient",
        SecretFailure.KeyMissing => "key missing",
        SecretFailure.KeyRejected => "key file refused",
        SecretFailure.MacMismatch => "MAC mismatch",
        SecretFailure.Tampered => "tampered",
        SecretFailure.Truncated => "truncated",
        SecretFailure.TooLarge => "too large",
        SecretFailure.InvalidContent => "invalid content",
        _ => "malformed",
    };
}
