using GitOps.Reconciler.Secrets.Failures;
using System.Text;
using GitOps.Reconciler.Secrets;
using GitOps.Reconciler.Secrets.Age;
using GitOps.Reconciler.Secrets.Sops;

namespace GitOps.Reconciler.Tests.Secrets;

public sealed class SopsTests
{
    private static readonly AgeIdentity Key = SecretVectors.TestIdentity;
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);

    private static string Encrypt(string plain, SopsFormat format, params AgeRecipient[] recipients) =>
        Encoding.UTF8.GetString(SopsEncryptor.Encrypt(Encoding.UTF8.GetBytes(plain), format, recipients.Length > 0 ? recipients : [Key.Recipient], Now));

    private static IReadOnlyList<KeyValuePair<string, string>> Variables(string file, string name = "app.env") =>
        SecretFile.DecryptEnvironment(Encoding.UTF8.GetBytes(file), name, [Key]);

    [Fact]
    public void Dotenv_RoundTrip_GivesTheVariablesInOrder()
    {
        var file = Encrypt("DB_PASSWORD=s3cret-value\nAPI_TOKEN=tok=en\\nline2\n", SopsFormat.Dotenv);

        Assert.DoesNotContain("s3cret-value", file, StringComparison.Ordinal);
        Assert.Contains("sops_age__list_0__map_recipient=" + SecretVectors.TestRecipient, file, StringComparison.Ordinal);
        Assert.Equal(
            [new("DB_PASSWORD", "s3cret-value"), new("API_TOKEN", "tok=en\nline2")],
            Variables(file));
    }

    [Fact]
    public void Yaml_RoundTrip_KeepsNestingTypesAndOrder()
    {
        const string plain = "db:\n  password: hunter2\n  port: 5432\n  ssl: true\n  ratio: 0.5\nlist:\n  - a\n  - \"007\"\nempty: \"\"\n";
        var file = Encrypt(plain, SopsFormat.Yaml);

        var decrypted = Encoding.UTF8.GetString(SecretFile.Decrypt(Encoding.UTF8.GetBytes(file), "config.yaml", [Key]));

        Assert.DoesNotContain("hunter2", file, StringComparison.Ordinal);
        Assert.Contains("type:int]", file, StringComparison.Ordinal);
        Assert.Equal("db:\n  password: hunter2\n  port: 5432\n  ssl: true\n  ratio: 0.5\nlist:\n- a\n- \"007\"\nempty: ''\n", decrypted);
    }

    [Fact]
    public void Json_RoundTrip_KeepsTypes()
    {
        var file = Encrypt("{\"user\": \"admin\", \"retries\": 3, \"on\": false, \"keys\": [\"k1\"], \"none\": null}", SopsFormat.Json);

        var decrypted = Encoding.UTF8.GetString(SecretFile.Decrypt(Encoding.UTF8.GetBytes(file), "creds.json", [Key]));

        Assert.DoesNotContain("admin", file, StringComparison.Ordinal);
        using var json = System.Text.Json.JsonDocument.Parse(decrypted);
        Assert.Equal("admin", json.RootElement.GetProperty("user").GetString());
        Assert.Equal(3, json.RootElement.GetProperty("retries").GetInt32());
        Assert.False(json.RootElement.GetProperty("on").GetBoolean());
        Assert.Equal("k1", json.RootElement.GetProperty("keys")[0].GetString());
    }

    [Fact]
    public void Binary_RoundTrip_GivesTheExactBytes()
    {
        var bytes = Enumerable.Range(0, 256).Select(i => (byte)i).ToArray();
        var file = SopsEncryptor.Encrypt(bytes, SopsFormat.Binary, [Key.Recipient], Now);

        Assert.True(SecretFile.IsEncrypted(file, "cert.bin"));
        Assert.Equal(bytes, SecretFile.Decrypt(file, "cert.bin", [Key]));
    }

    [Fact]
    public void IsEncrypted_PlainFiles_False()
    {
        Assert.False(SecretFile.IsEncrypted("A=1\n"u8, "app.env"));
        Assert.False(SecretFile.IsEncrypted("a: 1\n"u8, "x.yaml"));
        Assert.False(SecretFile.IsEncrypted("{\"data\": 1}"u8, "x.json"));
    }

    [Fact]
    public void Decrypt_UnencryptedSuffix_StaysPlainAndIsCoveredByTheMac()
    {
        var file = Encrypt("region_unencrypted: eu-west\npassword: pw\n", SopsFormat.Yaml);
        Assert.Contains("region_unencrypted: eu-west", file, StringComparison.Ordinal);

        var tampered = file.Replace("region_unencrypted: eu-west", "region_unencrypted: us-east", StringComparison.Ordinal);

        var error = Assert.Throws<SecretException>(() => SecretFile.Decrypt(Encoding.UTF8.GetBytes(tampered), "x.yaml", [Key]));
        Assert.Equal(SecretFailure.MacMismatch, error.Reason);
    }

    [Fact]
    public void Decrypt_ValueCiphertextChanged_RefusedAsTampered()
    {
        var file = Encrypt("A=hello-world\n", SopsFormat.Dotenv);
        var start = file.IndexOf("data:", StringComparison.Ordinal) + 5;
        var tampered = file[..start] + (file[start] == 'A' ? 'B' : 'A') + file[(start + 1)..];

        var error = Assert.Throws<SecretException>(() => Variables(tampered));

        Assert.Equal(SecretFailure.Tampered, error.Reason);
        Assert.DoesNotContain("hello-world", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decrypt_ValuesSwappedBetweenKeys_RefusedBecauseThePathIsAuthenticated()
    {
        var file = Encrypt("A=one\nB=two\n", SopsFormat.Dotenv);
        var lines = file.Split('\n');
        var a = lines[0]["A=".Length..];
        var b = lines[1]["B=".Length..];
        var swapped = string.Join('\n', ["A=" + b, "B=" + a, .. lines[2..]]);

        Assert.Equal(SecretFailure.Tampered, Assert.Throws<SecretException>(() => Variables(swapped)).Reason);
    }

    [Fact]
    public void Decrypt_ValueRemoved_RefusedAsMacMismatch()
    {
        var file = Encrypt("A=one\nB=two\n", SopsFormat.Dotenv);
        var removed = string.Join('\n', file.Split('\n').Where(line => !line.StartsWith("B=", StringComparison.Ordinal)));

        Assert.Equal(SecretFailure.MacMismatch, Assert.Throws<SecretException>(() => Variables(removed)).Reason);
    }

    [Fact]
    public void Decrypt_LastModifiedChanged_RefusedAsMacMismatch()
    {
        var file = Encrypt("A=one\n", SopsFormat.Dotenv).Replace("2026-11-30T12:00:00Z", "2026-11-30T12:00:01Z", StringComparison.Ordinal);

        Assert.Equal(SecretFailure.MacMismatch, Assert.Throws<SecretException>(() => Variables(file)).Reason);
    }

    [Fact]
    public void Decrypt_NotARecipient_NamesThisHostAndTheRecipients()
    {
        var other = AgeIdentity.Generate();
        var file = Encrypt("A=one\n", SopsFormat.Dotenv, other.Recipient);

        var error = Assert.Throws<SecretException>(() => Variables(file));

        Assert.Equal(SecretFailure.NotRecipient, error.Reason);
        Assert.Contains(other.Recipient.ToString(), error.Message, StringComparison.Ordinal);
        Assert.Contains(SecretVectors.TestRecipient, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decrypt_NoAgeRecipientAtAll_SaysWhichKeysItHas()
    {
        var file = Encrypt("a: b\n", SopsFormat.Yaml);
        var start = file.IndexOf("  age:", StringComparison.Ordinal);
        var end = file.IndexOf("  lastmodified:", StringComparison.Ordinal);
        var pgpOnly = file[..start] + "  pgp:\n  - fp: ABCD\n    enc: x\n" + file[end..];

        var error = Assert.Throws<SecretException>(() => SecretFile.Decrypt(Encoding.UTF8.GetBytes(pgpOnly), "x.yaml", [Key]));

        Assert.Equal(SecretFailure.NotRecipient, error.Reason);
        Assert.Contains("pgp", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decrypt_TruncatedFile_Refused()
    {
        var file = Encrypt("a: b\nc: d\n", SopsFormat.Yaml);

        var error = Assert.Throws<SecretException>(() => SecretFile.Decrypt(Encoding.UTF8.GetBytes(file[..(file.Length / 2)]), "x.yaml", [Key]));

        Assert.True(error.Reason is SecretFailure.Truncated or SecretFailure.Malformed, error.Reason.ToString());
    }

    [Fact]
    public void Decrypt_OverOneMebibyte_RefusedAsTooLarge()
    {
        var big = new byte[SopsParser.MaxFileSize + 1];

        Assert.Equal(SecretFailure.TooLarge, Assert.Throws<SecretException>(() => SecretFile.Decrypt(big, "x.env", [Key])).Reason);
        Assert.Equal(SecretFailure.TooLarge, Assert.Throws<SecretException>(() => SopsEncryptor.Encrypt(big, SopsFormat.Binary, [Key.Recipient], Now)).Reason);
    }

    [Theory]
    [InlineData("db-password: x\n")]
    [InlineData("1ST: x\n")]
    [InlineData("nested:\n  a: b\n")]
    public void DecryptEnvironment_YamlKeysNotUsableAsEnvironment_Refused(string yaml)
    {
        var file = Encrypt(yaml, SopsFormat.Yaml);

        var error = Assert.Throws<SecretException>(() => Variables(file, "vars.yaml"));

        Assert.Equal(SecretFailure.InvalidContent, error.Reason);
    }

    [Fact]
    public void DecryptEnvironment_FlatYaml_GivesVariables()
    {
        var file = Encrypt("DB_PASSWORD: pw\nPORT: 5432\nDEBUG: true\n", SopsFormat.Yaml);

        Assert.Equal([new("DB_PASSWORD", "pw"), new("PORT", "5432"), new("DEBUG", "true")], Variables(file, "vars.yaml"));
    }

    [Fact]
    public void Decrypt_WholeFileAge_GivesTheBytes() =>
        Assert.Equal("hello from the age reference tool\n"u8.ToArray(), SecretFile.Decrypt(SecretVectors.Read("hello.age"), "hello.age", [Key]));
}
