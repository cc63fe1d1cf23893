using GitOps.Reconciler.Common;

namespace GitOps.Reconciler.Tests.Common;

public class SecretMaskTests
{
    [Theory]
    [InlineData("environment.DB_PASSWORD", true)]
    [InlineData("environment.db_password", true)]
    [InlineData("environment.CLIENT_SECRET", true)]
    [InlineData("environment.HF_TOKEN", true)]
    [InlineData("environment.API_KEY", true)]
    [InlineData("environment.MODE", false)]
    [InlineData("labels.PASSWORD", true)]
    [InlineData("command", false)]
    [InlineData("image", false)]
    [InlineData("environment.SMTP_PASS", true)]
    [InlineData("environment.DB_PASSWD", true)]
    [InlineData("environment.DATABASE_DSN", true)]
    [InlineData("environment.AWS_CREDENTIALS_FILE", true)]
    [InlineData("environment.PASSING_GRADE", false)]
    [InlineData("environment.DATABASE_URL", false)]
    public void IsSensitiveField_EnvironmentKeysByName(string field, bool sensitive)
    {
        Assert.Equal(sensitive, SecretMask.IsSensitiveField(field));
    }

    [Fact]
    public void Apply_Sensitive_MaskedButAbsentStaysAbsent()
    {
        Assert.Equal("******", SecretMask.Apply("environment.TOKEN", "abc"));
        Assert.Null(SecretMask.Apply("environment.TOKEN", null));
        Assert.Equal("abc", SecretMask.Apply("environment.MODE", "abc"));
    }

    [Fact]
    public void Lines_SecretValuesAndSensitiveAssignments_Masked()
    {
        var environment = new Dictionary<string, string> { ["API_TOKEN"] = "s3cr3t", ["MODE"] = "fast" };

        var lines = SecretMask.Lines(["connecting with s3cr3t", "DB_PASSWORD=hunter22 mode=fast", "api_key: abc123", "plain line"], environment).ToList();

        Assert.Equal(["connecting with ******", "DB_PASSWORD=****** mode=fast", "api_key: ******", "plain line"], lines);
    }

    [Theory]
    [InlineData("postgres://app:hunter2@db/app", "postgres://app:******@db/app")]
    [InlineData("see https://ghp_tokentoken@github.com/org/repo.git now", "see https://******@github.com/org/repo.git now")]
    [InlineData("http://host:8080/path@x", "http://host:8080/path@x")]
    [InlineData("https://example.com/a?b=c", "https://example.com/a?b=c")]
    [InlineData("user@example.com", "user@example.com")]
    public void Apply_UrlInAnInnocentVariable_CredentialsMasked(string value, string shown)
    {
        Assert.Equal(shown, SecretMask.Apply("environment.GREETING", value));
        Assert.Equal(shown, SecretMask.Apply("command", value));
    }

    [Fact]
    public void Apply_UrlVariableWithCredentials_MaskedWhole()
    {
        Assert.Equal("******", SecretMask.Apply("environment.DATABASE_URL", "postgres://app:hunter2@db/app"));
        Assert.Equal("postgres://db/app", SecretMask.Apply("environment.DATABASE_URL", "postgres://db/app"));
    }

    [Fact]
    public void Show_VariableFromASensitiveSource_MaskedWholeAndBlottedElsewhere()
    {
        var environment = new Dictionary<string, string> { ["GREETING"] = "open-sesame", ["MODE"] = "fast" };
        var mask = SecretMask.For(["GREETING"], environment);

        Assert.Equal("******", mask.Show("environment.GREETING", "open-sesame"));
        Assert.Equal("******", mask.Show("environment.GREETING", "anything-else"));
        Assert.Equal("say ******", mask.Show("command", "say open-sesame"));
        Assert.Equal("fast", mask.Show("environment.MODE", "fast"));
    }

    [Fact]
    public void Show_MaskedTwice_SameText()
    {
        var once = SecretMask.Apply("environment.GREETING", "postgres://app:hunter2@db/app")!;

        Assert.Equal(once, SecretMask.Apply("environment.GREETING", once));
    }
}
