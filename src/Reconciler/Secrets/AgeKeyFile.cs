using GitOps.Reconciler.Secrets.Failures;
using GitOps.Reconciler.Secrets.Age;

namespace GitOps.Reconciler.Secrets;

/// <summary>
/// The host's age identity file (<c>/etc/gitops-agent/age.key</c> by default). It is the one thing that turns the
/// repo's ciphertext into plaintext, so it is refused unless only the agent's account can read it: mode 0400 (or
/// 0600) and owned by the user the agent runs as. The refusal says why; the key itself is never shown.
/// </summary>
public static class AgeKeyFile
{
    public const string DefaultPath = "/etc/gitops-agent/age.key";

    private const UnixFileMode AllowedModes = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>The identities in <paramref name="path"/>, after checking its mode and owner.</summary>
    /// <param name="expectedOwner">The uid that must own the file; the current process's by default.</param>
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public static IReadOnlyList<AgeIdentity> Load(string path, uint? expectedOwner = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        var info = new FileInfo(path);
        if (!info.Exists)
        {
            throw new SecretException(SecretFailure.KeyMissing, $"age key file '{path}' does not exist (gitops-agent install creates one)");
        }

        var mode = info.UnixFileMode;
        if ((mode & ~AllowedModes) != 0 || (mode & UnixFileMode.UserRead) == 0)
        {
            throw new SecretException(
                SecretFailure.KeyRejected,
                $"age key file '{path}' has mode {Octal(mode)}: it must be 0400 (readable by the agent's account only), or any local user could decrypt the repo's secrets; run: chmod 0400 {path}");
        }

        var owner = OwnerOf(path);
        var expected = expectedOwner ?? CurrentUser();
        if (owner != expected)
        {
            throw new SecretException(
                SecretFailure.KeyRejected,
                $"age key file '{path}' is owned by uid {owner}, not by the agent's account (uid {expected}): another account could replace or read the key; run: chown <agent user> {path}");
        }

        try
        {
            return AgeIdentity.ParseFile(File.ReadAllText(path));
        }
        catch (IOException e)
        {
            throw new SecretException(SecretFailure.KeyRejected, $"age key file '{path}' cannot be read: {e.Message}", e);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new SecretException(SecretFailure.KeyRejected, $"age key file '{path}' cannot be read by the agent's account", e);
        }
    }

    /// <summary>Writes a new key pair to <paramref name="path"/> (mode 0400) unless one exists; returns the identity.</summary>
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public static AgeIdentity CreateIfMissing(string path, DateTimeOffset now, out bool created)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (File.Exists(path))
        {
            created = false;
            return AgeIdentity.ParseFile(File.ReadAllText(path))[0];
        }

        var identity = AgeIdentity.Generate();
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        // Created with its final mode, so the key is never readable by others, not even for a moment.
        using (var stream = new FileStream(path, new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.Write,
            UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
        }))
        using (var writer = new StreamWriter(stream))
        {
            writer.Write(identity.ToKeyFile(now));
        }

        File.SetUnixFileMode(path, UnixFileMode.UserRead);
        created = true;
        return identity;
    }

    private static string Octal(UnixFileMode mode) => "0" + Convert.ToString((int)mode & 0x1ff, 8);

    private static uint OwnerOf(string path) =>
        FileOwner.Of(path) ?? throw new SecretException(SecretFailure.KeyRejected, $"age key file '{path}' cannot be inspected");

    private static uint CurrentUser() => FileOwner.CurrentUser();
}
