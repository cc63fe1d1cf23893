using GitOps.Reconciler.Secrets.Failures;
namespace GitOps.Reconciler.Secrets.Sops;

/// <summary>Reads the <c>sops</c> node of a file into <see cref="SopsMetadata"/>; one reader for every layout.</summary>
internal static class SopsMetadataReader
{
    private static readonly string[] OtherKeyKinds = ["pgp", "kms", "gcp_kms", "azure_kv", "hc_vault", "hckms"];

    public static SopsMetadata Read(SopsNode? node)
    {
        if (node is not SopsMap sops)
        {
            throw Malformed("has no sops metadata mapping");
        }

        if (Text(sops, "encrypted_comment_regex") is not null || Text(sops, "unencrypted_comment_regex") is not null)
        {
            // Those rules depend on comments, which the agent does not keep; refusing beats decrypting wrongly.
            throw Malformed("uses comment-based encryption rules, which the agent does not support");
        }

        if (int.TryParse(Text(sops, "shamir_threshold"), out var threshold) && threshold > 1)
        {
            throw Malformed("splits its data key between key groups (shamir_threshold), which the agent does not support");
        }

        var ageKeys = new List<SopsAgeKey>();
        var otherKinds = new List<string>();
        Collect(sops, ageKeys, otherKinds);
        if (sops["key_groups"] is SopsList groups)
        {
            foreach (var group in groups.Items.OfType<SopsMap>())
            {
                Collect(group, ageKeys, otherKinds);
            }
        }

        return new SopsMetadata(
            ageKeys,
            otherKinds.Distinct(StringComparer.Ordinal).ToList(),
            Text(sops, "lastmodified") ?? throw Malformed("has no sops.lastmodified"),
            Text(sops, "mac") ?? throw Malformed("has no sops.mac"),
            Text(sops, "unencrypted_suffix"),
            Text(sops, "encrypted_suffix"),
            Text(sops, "unencrypted_regex"),
            Text(sops, "encrypted_regex"),
            string.Equals(Text(sops, "mac_only_encrypted"), "true", StringComparison.OrdinalIgnoreCase),
            Text(sops, "version") ?? throw Malformed("has no sops.version"));
    }

    private static void Collect(SopsMap map, List<SopsAgeKey> ageKeys, List<string> otherKinds)
    {
        if (map["age"] is SopsList ages)
        {
            foreach (var age in ages.Items)
            {
                if (age is not SopsMap entry || Text(entry, "recipient") is not { } recipient || Text(entry, "enc") is not { } enc)
                {
                    throw Malformed("has an age entry without recipient and enc");
                }

                ageKeys.Add(new SopsAgeKey(recipient, enc));
            }
        }

        otherKinds.AddRange(OtherKeyKinds.Where(kind => map[kind] is SopsList { Items.Count: > 0 }));
    }

    private static string? Text(SopsMap map, string key) =>
        map[key] is SopsScalar { Kind: not SopsScalarKind.Null } scalar ? scalar.Text : null;

    private static SecretException Malformed(string what) => new(SecretFailure.Malformed, "SOPS file " + what);
}
