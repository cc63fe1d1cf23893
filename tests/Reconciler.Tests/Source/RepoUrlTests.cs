using GitOps.Reconciler.Configuration;

namespace GitOps.Reconciler.Tests.Source;

public class RepoUrlTests
{
    [Theory]
    [InlineData("file:///srv/r.git", RepoTransport.File)]
    [InlineData("/srv/r.git", RepoTransport.File)]
    [InlineData("git://127.0.0.1:9418/r", RepoTransport.Git)]
    [InlineData("ssh://git@h:22/r.git", RepoTransport.Ssh)]
    [InlineData("git@github.com:org/r.git", RepoTransport.Ssh)]
    [InlineData("https://h/r.git", RepoTransport.Http)]
    public void TransportOf_KnownSchemes(string url, RepoTransport transport) => Assert.Equal(transport, RepoUrl.TransportOf(url));

    [Fact]
    public void TransportOf_Unknown_Null() => Assert.Null(RepoUrl.TransportOf("ftp://h/r"));

    [Fact]
    public void WithoutPassword_KeepsUser() =>
        Assert.Equal("https://deploy@h/r.git", RepoUrl.WithoutPassword("https://deploy:s3cret@h/r.git"));

    [Fact]
    public void Redact_MasksUrlPasswordAndSecrets()
    {
        var text = "failed to reach https://deploy:s3cret@h/r.git with token tok-123456";
        var redacted = RepoUrl.Redact(text, ["tok-123456"]);
        Assert.Equal("failed to reach https://deploy:***@h/r.git with token ***", redacted);
    }
}
