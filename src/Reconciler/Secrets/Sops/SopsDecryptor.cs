using GitOps.Reconciler.Secrets.Failures;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using GitOps.Reconciler.Secrets.Age;

namespace GitOps.Reconciler.Secrets.Sops;

/// <summary>
/// Decrypts a SOPS document with the host's age identities: unwraps the data key, decrypts each value with its path
/// as additional data, and refuses the file unless the MAC over all values matches the one recorded in it.
/// </summary>
public static class SopsDecryptor
{
    // Constant from the SOPS format: seeds the MAC when only encrypted values are covered (mac_only_encrypted).
    private static readonly byte[] MacOnlyEncryptedSeed = Convert.FromHexString("8a3fd2ad54ce66527b1034f3d147be0b0b975b3bf44f72c6fdadec8176f27d69");

    public static SopsPlaintext Decrypt(SopsDocument document, IReadOnlyList<AgeIdentity> identities)
    {
        ArgumentNullException.ThrowIfNull(document);
        var dataKey = DataKey(document.Metadata, identities);
        using var mac = IncrementalHash.CreateHash(HashAlgorithmName.SHA512);
        if (document.Metadata.MacOnlyEncrypted)
        {
            mac.AppendData(MacOnlyEncryptedSeed);
        }

        byte[]? binary = null;
        var tree = (SopsMap)Walk(document.Tree, [], document.Metadata, dataKey, mac, (path, raw) =>
        {
            if (document.Format == SopsFormat.Binary && path is ["data"])
            {
                binary = raw;
            }
        });
        var computed = Convert.ToHexString(mac.GetHashAndReset());
        VerifyMac(document.Metadata, dataKey, computed);
        return new SopsPlaintext(document.Format, tree, document.Format == SopsFormat.Binary ? binary ?? [] : null);
    }

    internal static byte[] DataKey(SopsMetadata metadata, IReadOnlyList<AgeIdentity> identities)
    {
        if (metadata.AgeKeys.Count == 0)
        {
            var others = metadata.OtherKeyKinds.Count > 0 ? string.Join(", ", metadata.OtherKeyKinds) : "none";
            throw new SecretException(SecretFailure.NotRecipient, $"the file has no age recipient (its keys: {others})");
        }

        if (identities.Count == 0)
        {
            throw new SecretException(SecretFailure.KeyMissing, "no age identity is configured on this host");
        }

        var mine = identities.Select(i => i.Recipient.ToString()).ToHashSet(StringComparer.Ordinal);
        // Try the entries naming this host first; the recipient field is not authenticated, so try the rest too.
        foreach (var key in metadata.AgeKeys.OrderBy(k => mine.Contains(k.Recipient.Trim()) ? 0 : 1))
        {
            try
            {
                var dataKey = AgeDecryptor.Decrypt(Encoding.ASCII.GetBytes(key.EncryptedDataKey), identities);
                return dataKey.Length == 32
                    ? dataKey
                    : throw new SecretException(SecretFailure.Malformed, "the SOPS data key is not 32 bytes");
            }
            catch (SecretException e) when (e.Reason == SecretFailure.NotRecipient)
            {
                // Not this host's entry.
            }
        }

        throw new SecretException(
            SecretFailure.NotRecipient,
            $"this host ({string.Join(", ", mine)}) is not among the file's age recipients ({string.Join(", ", metadata.AgeKeys.Select(k => k.Recipient.Trim()))})");
    }

    private static SopsNode Walk(SopsNode node, List<string> path, SopsMetadata metadata, byte[] dataKey, IncrementalHash mac, Action<IReadOnlyList<string>, byte[]> onRaw)
    {
        switch (node)
        {
            case SopsMap map:
                var entries = new List<KeyValuePair<string, SopsNode>>(map.Entries.Count);
                foreach (var (key, value) in map.Entries)
                {
                    path.Add(key);
                    entries.Add(new(key, Walk(value, path, metadata, dataKey, mac, onRaw)));
                    path.RemoveAt(path.Count - 1);
                }

                return new SopsMap(entries);
            case SopsList list:
                return new SopsList(list.Items.Select(item => Walk(item, path, metadata, dataKey, mac, onRaw)).ToList());
            case SopsScalar { Kind: SopsScalarKind.Null } nothing:
                return nothing;
            case SopsScalar scalar:
                var encrypted = metadata.IsEncrypted(path);
                if (!encrypted)
                {
                    mac.AppendData(SopsValueBytes.Of(scalar));
                    return scalar;
                }

                var pathText = string.Join(':', path) + ":";
                if (scalar.Kind != SopsScalarKind.String)
                {
                    throw new SecretException(SecretFailure.Tampered, "SOPS value at '" + pathText + "' should be encrypted but is not");
                }

                if (scalar.Text.Length == 0)
                {
                    return scalar;
                }

                var (plain, type) = SopsValueCipher.Decrypt(scalar.Text, dataKey, pathText);
                mac.AppendData(plain);
                onRaw(path, plain);
                return new SopsScalar(Encoding.UTF8.GetString(plain), KindOf(type, plain, pathText));
            default:
                throw new InvalidOperationException("unknown SOPS node");
        }
    }

    private static SopsScalarKind KindOf(string type, byte[] plain, string path) => type switch
    {
        "str" or "bytes" or "time" or "comment" => SopsScalarKind.String,
        "int" when long.TryParse(plain, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _) => SopsScalarKind.Int,
        "float" => SopsScalarKind.Float,
        "bool" => SopsScalarKind.Bool,
        _ => throw new SecretException(SecretFailure.Malformed, "SOPS value at '" + path + "' has an unknown type '" + type + "'"),
    };

    private static void VerifyMac(SopsMetadata metadata, byte[] dataKey, string computed)
    {
        string recorded;
        try
        {
            recorded = Encoding.UTF8.GetString(SopsValueCipher.Decrypt(metadata.Mac, dataKey, SopsTimestamp.Canonical(metadata.LastModified)).Plain);
        }
        catch (SecretException e)
        {
            throw new SecretException(SecretFailure.MacMismatch, "the SOPS MAC cannot be verified: the file's MAC or lastmodified was changed", e);
        }

        if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(recorded), Encoding.ASCII.GetBytes(computed)))
        {
            throw new SecretException(SecretFailure.MacMismatch, "the SOPS MAC does not match the values: the file was changed");
        }
    }
}
