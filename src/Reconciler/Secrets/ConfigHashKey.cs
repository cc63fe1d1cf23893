using System.Security.Cryptography;

namespace GitOps.Reconciler.Secrets;

/// <summary>
/// The host-local key of the config-hash label. The label is hashed over the whole spec, decrypted secrets included,
/// and anyone who can <c>docker inspect</c> reads it: a plain hash would let them test guesses of a short password
/// offline. Keyed with a random secret that never leaves the host, the label proves "unchanged" to the agent and
/// nothing to anyone else. The key is never shown: <see cref="ToString"/> says only what it is.
/// </summary>
public sealed class ConfigHashKey
{
    public const string FileName = "config-hash.key";

    private const int KeyBytes = 32;
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private readonly byte[] _key;

    private ConfigHashKey(byte[] key) => _key = key;

    /// <summary>An empty key: for plans that never reach a container (unit tests, documents); a host uses its own.</summary>
    public static ConfigHashKey Unkeyed { get; } = new([]);

    public static ConfigHashKey FromBytes(ReadOnlySpan<byte> key) => new(key.ToArray());

    /// <summary>HMAC-SHA256 of <paramref name="data"/> under this key, in lower-case hex.</summary>
    public string Sign(ReadOnlySpan<byte> data) => Convert.ToHexStringLower(HMACSHA256.HashData(_key, data));

    public override string ToString() => "config-hash key (not shown)";

    /// <summary>
    /// The key in <paramref name="path"/>, created once (random, mode 0600) when missing and reused after. A key file
    /// that other accounts can read is refused, as the age key is: it would make the labels guessable again.
    /// </summary>
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public static ConfigHashKey LoadOrCreate(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
        {
            Create(path);
        }

        var mode = File.GetUnixFileMode(path);
        if ((mode & ~OwnerOnly) != 0)
        {
            throw new InvalidOperationException(
                $"config-hash key file '{path}' has mode 0{Convert.ToString((int)mode & 0x1ff, 8)}: it must be 0600 (readable by the agent's account only); run: chmod 0600 {path}");
        }

        var text = File.ReadAllText(path).Trim();
        if (text.Length != KeyBytes * 2 || !text.All(Uri.IsHexDigit))
        {
            throw new InvalidOperationException($"config-hash key file '{path}' is not a key written by the agent; remove it and a new one is made (every service is recreated once)");
        }

        return new ConfigHashKey(Convert.FromHexString(text));
    }

    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    private static void Create(string path)
    {
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        // Written under a temporary name with its final mode, then moved into place: a reader never sees half a key,
        // and of two processes creating it at once the first one's key stays.
        var temporary = full + "." + Guid.NewGuid().ToString("N") + ".tmp";
        try
        {
            using (var stream = new FileStream(temporary, new FileStreamOptions
            {
                Mode = FileMode.CreateNew,
                Access = FileAccess.Write,
                UnixCreateMode = OwnerOnly,
            }))
            using (var writer = new StreamWriter(stream))
            {
                writer.Write(Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(KeyBytes)));
                writer.Write('\n');
            }

            File.Move(temporary, full, overwrite: false);
        }
        catch (IOException) when (File.Exists(full))
        {
            // Another process made it first: use theirs.
        }
        finally
        {
            File.Delete(temporary);
        }
    }
}
