using GitOps.Integration.Tests.Infrastructure;
using GitOps.Reconciler.Configuration;
using GitOps.Reconciler.Source;
using Xunit.Abstractions;

namespace GitOps.Integration.Tests.Source;

/// <summary>Secrets must never reach an exception message (which ends up in logs and reports) or .git/config.</summary>
public sealed class CredentialRedactionTests(ITestOutputHelper output) : IDisposable
{
    private readonly SourceFactory _sources = new(output);
    private const string Password = "s3cr3t-Pa55word";
    private const string Token = "tok_9f8e7d6c5b4a";
    private readonly TempDirectory _state = new("state");
    private readonly CancellationToken _timeout = SourceFactory.Timeout();

    // Nothing listens on a fresh free port, so the transport fails after the URL was handed to libgit2.
    private static string ClosedPortUrl(string userInfo) => $"https://{userInfo}@127.0.0.1:{Network.FreePort()}/fleet.git";

    [Fact]
    public async Task Resolve_PasswordInUrl_NotInMessageOrGitConfig()
    {
        var source = _sources.Create(_state, ClosedPortUrl("deploy:" + Password));

        var ex = await Assert.ThrowsAsync<SourceException>(() => SourceFactory.PullAsync(source, _timeout));

        Assert.Equal(SourceFailure.FetchFailed, ex.Reason);
        Assert.DoesNotContain(Password, ex.ToString(), StringComparison.Ordinal);
        Assert.Contains("https://deploy@127.0.0.1", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Password, File.ReadAllText(Path.Combine(source.RepositoryPath, "config")), StringComparison.Ordinal);
        Assert.DoesNotContain(Password, source.DisplayUrl, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Resolve_TokenFile_NotInMessageOrGitConfig()
    {
        var tokenFile = _state.Combine("token");
        File.WriteAllText(tokenFile, Token + "\n");
        var source = _sources.Create(_state, ClosedPortUrl("deploy"), auth: new RepoAuth(TokenFile: tokenFile));

        var ex = await Assert.ThrowsAsync<SourceException>(() => source.ResolveRemoteAsync(_timeout));

        Assert.DoesNotContain(Token, ex.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(Token, File.ReadAllText(Path.Combine(source.RepositoryPath, "config")), StringComparison.Ordinal);
    }

    public void Dispose() => _state.Dispose();
}
