using GitOps.Integration.Tests.Infrastructure;
using GitOps.Reconciler.Configuration;
using GitOps.Reconciler.Source;
using Xunit.Abstractions;

namespace GitOps.Integration.Tests.Source;

/// <summary>Smart HTTP with Basic auth: the credentials come from files through the credentials callback.</summary>
public sealed class HttpTransportTests : IDisposable
{
    private readonly SourceFactory _sources;
    private const string User = "deploy";
    private const string Token = "tok_0a1b2c3d4e5f";
    private readonly UpstreamRepo _upstream = new();
    private readonly TempDirectory _state = new("state");
    private readonly GitHttpServer _server;
    private readonly CancellationToken _timeout = SourceFactory.Timeout();

    public HttpTransportTests(ITestOutputHelper output)
    {
        _sources = new SourceFactory(output);
        _server = new GitHttpServer(Path.GetDirectoryName(_upstream.BarePath)!, User, Token);
    }

    private string Secret(string name, string value)
    {
        var path = _state.Combine(name);
        File.WriteAllText(path, value + "\n");
        return path;
    }

    [Fact]
    public async Task Pull_TokenAndUserFromFiles_Fetches()
    {
        var commit = _upstream.Commit("inventory.yaml", "hosts: {}\n");
        var auth = new RepoAuth(TokenFile: Secret("token", Token), UsernameFile: Secret("user", User));
        var source = _sources.Create(_state, _server.UrlFor("fleet.git"), auth: auth);

        var revision = await SourceFactory.PullAsync(source, _timeout);

        Assert.Equal(commit, revision.Commit);
        Assert.True(_server.Accepted > 0);
        Assert.DoesNotContain(Token, File.ReadAllText(Path.Combine(source.RepositoryPath, "config")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Poll_RemoteUnchanged_OneRefListingPerPollAndNoUploadPackAtTheServer()
    {
        _upstream.Commit("a.txt", "1");
        var auth = new RepoAuth(TokenFile: Secret("token", Token), UsernameFile: Secret("user", User));
        var source = _sources.Create(_state, _server.UrlFor("fleet.git"), auth: auth);
        await SourceFactory.PullAsync(source, _timeout);
        var (listings, uploads) = (_server.RefListings, _server.UploadPacks);

        for (var i = 0; i < 5; i++)
        {
            // A daemon pass polls, and would not even ask for a fetch of a commit it holds; the source skips it anyway.
            await source.FetchAsync(await source.ResolveRemoteAsync(_timeout), _timeout);
        }

        Assert.Equal(listings + 5, _server.RefListings);
        Assert.Equal(uploads, _server.UploadPacks);
        Assert.True(uploads > 0, "the first pull fetched through git-upload-pack");
    }

    [Fact]
    public async Task Pull_PasswordInUrl_SentAsCredentialsButNotStored()
    {
        var commit = _upstream.Commit("a.txt", "1");
        var url = _server.UrlFor("fleet.git").Replace("http://", $"http://{User}:{Token}@", StringComparison.Ordinal);
        var source = _sources.Create(_state, url);

        var revision = await SourceFactory.PullAsync(source, _timeout);

        Assert.Equal(commit, revision.Commit);
        Assert.DoesNotContain(Token, File.ReadAllText(Path.Combine(source.RepositoryPath, "config")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Resolve_WrongPassword_FetchFailedWithoutThePassword()
    {
        _upstream.Commit("a.txt", "1");
        const string wrong = "wrong-pa55word";
        var auth = new RepoAuth(UsernameFile: Secret("user", User), PasswordFile: Secret("password", wrong));
        var source = _sources.Create(_state, _server.UrlFor("fleet.git"), auth: auth);

        var ex = await Assert.ThrowsAsync<SourceException>(() => source.ResolveRemoteAsync(_timeout));

        Assert.Equal(SourceFailure.FetchFailed, ex.Reason);
        Assert.DoesNotContain(wrong, ex.ToString(), StringComparison.Ordinal);
        Assert.True(_server.Rejected > 0);
    }

    public void Dispose()
    {
        _server.Dispose();
        _upstream.Dispose();
        _state.Dispose();
    }
}
