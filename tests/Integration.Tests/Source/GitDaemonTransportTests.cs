using GitOps.Integration.Tests.Infrastructure;
using GitOps.Reconciler.Source;
using Xunit.Abstractions;

namespace GitOps.Integration.Tests.Source;

public sealed class GitDaemonTransportTests : IDisposable
{
    private readonly SourceFactory _sources;
    private readonly UpstreamRepo _upstream = new();
    private readonly TempDirectory _state = new("state");
    private readonly CancellationToken _timeout = SourceFactory.Timeout();
    private GitDaemonServer _daemon;

    public GitDaemonTransportTests(ITestOutputHelper output)
    {
        _sources = new SourceFactory(output);
        _daemon = new GitDaemonServer(Path.GetDirectoryName(_upstream.BarePath)!);
    }

    private string Url => _daemon.UrlFor("fleet.git");

    [Fact]
    public async Task Pull_GitUrl_FetchesAndMaterializes()
    {
        var commit = _upstream.Commit("inventory.yaml", "hosts: {}\n");
        var source = _sources.Create(_state, Url);

        var revision = await SourceFactory.PullAsync(source, _timeout);

        Assert.Equal(commit, revision.Commit);
        Assert.Equal("hosts: {}\n", File.ReadAllText(Path.Combine(revision.Directory, "inventory.yaml")));
    }

    [Fact]
    public async Task Pull_UnchangedRemote_OneFetchOnly()
    {
        _upstream.Commit("a.txt", "1");
        var source = _sources.Create(_state, Url);

        for (var i = 0; i < 3; i++)
        {
            await SourceFactory.PullAsync(source, _timeout);
        }

        Assert.Equal(1, source.FetchCount);
    }

    [Fact]
    public async Task Pull_DaemonStoppedThenRestarted_FetchFailedThenRecovers()
    {
        _upstream.Commit("a.txt", "1");
        var source = _sources.Create(_state, Url);
        await SourceFactory.PullAsync(source, _timeout);
        var url = Url;

        _daemon.Dispose();
        var ex = await Assert.ThrowsAsync<SourceException>(() => source.ResolveRemoteAsync(_timeout));
        var next = _upstream.Commit("a.txt", "2");
        _daemon = new GitDaemonServer(Path.GetDirectoryName(_upstream.BarePath)!, new Uri(url).Port);
        var revision = await SourceFactory.PullAsync(source, _timeout);

        Assert.Equal(SourceFailure.FetchFailed, ex.Reason);
        Assert.Contains("127.0.0.1", ex.Message, StringComparison.Ordinal);
        Assert.Equal(next, revision.Commit);
    }

    public void Dispose()
    {
        _daemon.Dispose();
        _upstream.Dispose();
        _state.Dispose();
    }
}
