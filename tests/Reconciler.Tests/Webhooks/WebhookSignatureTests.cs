using System.Security.Cryptography;
using System.Text;
using GitOps.Reconciler.Webhooks;

namespace GitOps.Reconciler.Tests.Webhooks;

public class WebhookSignatureTests
{
    private const string Secret = "s3cret-shared";
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("{\"ref\":\"refs/heads/main\"}");

    private static string GitHub(byte[] body, string secret) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));

    private static KeyValuePair<string, string>[] Headers(params (string Name, string Value)[] headers) =>
        headers.Select(h => KeyValuePair.Create(h.Name, h.Value)).ToArray();

    [Fact]
    public void Verify_RightGitHubSignature_Accepted()
    {
        Assert.Equal(WebhookVerdict.Accepted, WebhookSignature.Verify(Body, Headers(("X-Hub-Signature-256", GitHub(Body, Secret))), Secret));
    }

    [Fact]
    public void Verify_HeaderNameInOtherCaseAndUppercaseHex_Accepted()
    {
        var upper = "sha256=" + GitHub(Body, Secret)[7..].ToUpperInvariant();

        Assert.Equal(WebhookVerdict.Accepted, WebhookSignature.Verify(Body, Headers(("x-hub-signature-256", upper)), Secret));
    }

    [Fact]
    public void Verify_SignatureUnderOtherSecret_Wrong()
    {
        Assert.Equal(WebhookVerdict.Wrong, WebhookSignature.Verify(Body, Headers(("X-Hub-Signature-256", GitHub(Body, "other"))), Secret));
    }

    [Fact]
    public void Verify_BodyChanged_Wrong()
    {
        var signature = GitHub(Body, Secret);

        Assert.Equal(WebhookVerdict.Wrong, WebhookSignature.Verify([.. Body, (byte)' '], Headers(("X-Hub-Signature-256", signature)), Secret));
    }

    [Fact]
    public void Verify_NoHeaders_Missing()
    {
        Assert.Equal(WebhookVerdict.Missing, WebhookSignature.Verify(Body, Headers(("Content-Type", "application/json")), Secret));
    }

    [Theory]
    [InlineData("")]
    [InlineData("sha1=0123456789abcdef0123456789abcdef01234567")]
    [InlineData("sha256=")]
    [InlineData("sha256=zz")]
    [InlineData("sha256=0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdeg")]
    [InlineData("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")]
    public void Verify_MalformedSignature_Malformed(string header)
    {
        Assert.Equal(WebhookVerdict.Malformed, WebhookSignature.Verify(Body, Headers(("X-Hub-Signature-256", header)), Secret));
    }

    [Theory]
    [InlineData(62)]
    [InlineData(66)]
    [InlineData(128)]
    public void Verify_WrongLengthSignature_Malformed(int hexDigits)
    {
        var header = "sha256=" + GitHub(Body, Secret)[7..].PadRight(128, 'a')[..hexDigits];

        Assert.Equal(WebhookVerdict.Malformed, WebhookSignature.Verify(Body, Headers(("X-Hub-Signature-256", header)), Secret));
    }

    [Fact]
    public void Verify_SignatureSentTwice_Malformed()
    {
        var signature = GitHub(Body, Secret);

        Assert.Equal(WebhookVerdict.Malformed, WebhookSignature.Verify(Body, Headers(("X-Hub-Signature-256", signature), ("X-Hub-Signature-256", signature)), Secret));
    }

    [Fact]
    public void Verify_RightGitLabToken_Accepted()
    {
        Assert.Equal(WebhookVerdict.Accepted, WebhookSignature.Verify(Body, Headers(("X-Gitlab-Token", Secret)), Secret));
    }

    [Theory]
    [InlineData("s3cret-share")]
    [InlineData("s3cret-shared-and-more")]
    [InlineData("S3CRET-SHARED")]
    public void Verify_WrongGitLabToken_Wrong(string token)
    {
        Assert.Equal(WebhookVerdict.Wrong, WebhookSignature.Verify(Body, Headers(("X-Gitlab-Token", token)), Secret));
    }

    [Fact]
    public void Verify_EmptyGitLabToken_Malformed()
    {
        Assert.Equal(WebhookVerdict.Malformed, WebhookSignature.Verify(Body, Headers(("X-Gitlab-Token", "")), Secret));
    }

    [Fact]
    public void Verify_BothStylesWithWrongSignature_SignatureDecides()
    {
        var headers = Headers(("X-Gitlab-Token", Secret), ("X-Hub-Signature-256", GitHub(Body, "other")));

        Assert.Equal(WebhookVerdict.Wrong, WebhookSignature.Verify(Body, headers, Secret));
    }

    [Fact]
    public void Verify_EmptySecret_Refused()
    {
        Assert.Throws<ArgumentException>(() => WebhookSignature.Verify(Body, Headers(("X-Gitlab-Token", "")), ""));
    }

    [Fact]
    public void Sign_Body_GitHubFormat()
    {
        Assert.Equal(GitHub(Body, Secret), WebhookSignature.Sign(Body, Secret));
    }
}
