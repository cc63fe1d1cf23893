using GitOps.Reconciler.Secrets.Failures;
using System.Security.Cryptography;
using System.Text;
using GitOps.Reconciler.Secrets.Age;

namespace GitOps.Reconciler.Secrets.Sops;

/// <summary>
/// Encrypts a plain file the way SOPS does, for people without the sops tool at hand: a fresh data key wrapped for
/// each age recipient, every value encrypted with its path as additional data, and the MAC over all values.
/// </summary>
public static class SopsEncryptor
{
    public const string UnencryptedSuffix = "_unencrypted";

    // The metadata layout written is that of this SOPS version; readers use it to pick their behaviour.
    public const string LayoutVersion = "3.11.0";

    public static byte[] Encrypt(byte[] plain, SopsFormat format, IReadOnlyCollection<AgeRecipient> recipients, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(plain);
        ArgumentNullException.ThrowIfNull(recipients);
        if (plain.Length > SopsParser.MaxFileSize)
        {
            throw new SecretException(SecretFailure.TooLarge, $"file is {plain.Length} bytes, over the {SopsParser.MaxFileSize}-byte limit for secrets");
        }

        var tree = format == SopsFormat.Binary ? null : SopsPlainReader.Read(plain, format);
        if (tree?["sops"] is not null)
        {
            throw new SecretException(SecretFailure.Malformed, "the file already has a top-level 'sops' key (already encrypted?)");
        }

        var dataKey = RandomNumberGenerator.GetBytes(32);
        using var mac = IncrementalHash.CreateHash(HashAlgorithmName.SHA512);
        var encrypted = tree is null
            ? new SopsMap([new("data", Seal(plain, "str", dataKey, ["data"], mac))])
            : (SopsMap)Walk(tree, [], dataKey, mac);
        var lastModified = SopsTimestamp.Format(new DateTimeOffset(now.UtcDateTime.Ticks - (now.UtcDateTime.Ticks % TimeSpan.TicksPerSecond), TimeSpan.Zero));
        var macValue = SopsValueCipher.Encrypt(Encoding.ASCII.GetBytes(Convert.ToHexString(mac.GetHashAndReset())), "str", dataKey, lastModified);
        var ageKeys = recipients.Select(r => new SopsAgeKey(r.ToString(), Encoding.ASCII.GetString(AgeEncryptor.Encrypt(dataKey, [r], armor: true)))).ToList();
        var metadata = new SopsMetadata(ageKeys, [], lastModified, macValue, UnencryptedSuffix, null, null, null, false, LayoutVersion);
        return SopsWriter.Write(new SopsDocument(format, encrypted, metadata));
    }

    private static SopsNode Walk(SopsNode node, List<string> path, byte[] dataKey, IncrementalHash mac)
    {
        switch (node)
        {
            case SopsMap map:
                var entries = new List<KeyValuePair<string, SopsNode>>(map.Entries.Count);
                foreach (var (key, value) in map.Entries)
                {
                    path.Add(key);
                    entries.Add(new(key, Walk(value, path, dataKey, mac)));
                    path.RemoveAt(path.Count - 1);
                }

                return new SopsMap(entries);
            case SopsList list:
                return new SopsList(list.Items.Select(item => Walk(item, path, dataKey, mac)).ToList());
            case SopsScalar { Kind: SopsScalarKind.Null } nothing:
                return nothing;
            case SopsScalar scalar when path.Any(p => p.EndsWith(UnencryptedSuffix, StringComparison.Ordinal)):
                mac.AppendData(SopsValueBytes.Of(scalar));
                return scalar;
            case SopsScalar scalar:
                return Seal(SopsValueBytes.Of(scalar), SopsValueBytes.TypeOf(scalar), dataKey, path, mac);
            default:
                throw new InvalidOperationException("unknown SOPS node");
        }
    }

    private static SopsScalar Seal(byte[] plain, string type, byte[] dataKey, IReadOnlyList<string> path, IncrementalHash mac)
    {
        mac.AppendData(plain);
        // SOPS leaves empty strings as they are: there is nothing to hide and no ciphertext to store.
        return plain.Length == 0 && type == "str"
            ? new SopsScalar("", SopsScalarKind.String)
            : new SopsScalar(SopsValueCipher.Encrypt(plain, type, dataKey, string.Join(':', path) + ":"), SopsScalarKind.String);
    }
}
