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
    [InlineData("labels.PASSWORD", false)]
    [InlineData("image", false)]
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
}
