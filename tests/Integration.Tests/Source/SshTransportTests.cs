using GitOps.Integration.Tests.Infrastructure;
using GitOps.Reconciler.Configuration;
using GitOps.Reconciler.Source;
using Xunit.Abstractions;

namespace GitOps.Integration.Tests.Source;

public sealed class SshTransportTests(ITestOutputHelper output) : IDisposable
{
    private readonly SourceFactory _sources = new(output);
    private readonly UpstreamRepo _upstream = new();
    private readonly TempDirectory _state = new("state");
    private readonly SshServer _ssh = new();
    private readonly CancellationToken _timeout = SourceFactory.Timeout();

    private RepoAuth Auth => new(SshKeyFile: _ssh.UserKeyFile, KnownHostsFile: _ssh.KnownHostsFile);

    [Fact]
    public async Task Pull_SshUrlWithStrictHostKey_FetchesAndMaterializes()
    {
        var commit = _upstream.Commit("inventory.yaml", "hosts: {}\n");
        var source = _sources.Create(_state, _ssh.UrlFor(_upstream.BarePath), auth: Auth);

        var revision = await SourceFactory.PullAsync(source, _timeout);
        await SourceFactory.PullAsync(source, _timeout);

        Assert.Equal(commit, revision.Commit);
        Assert.Equal("hosts: {}\n", File.ReadAllText(Path.Combine(revision.Directory, "inventory.yaml")));
        Assert.Equal(1, source.FetchCount);
    }

    [Fact]
    public async Task Pull_SshSettings_NotWrittenToGitConfig()
    {
        _upstream.Commit("a.txt", "1");
        var source = _sources.Create(_state, _ssh.UrlFor(_upstream.BarePath), auth: Auth);

        await SourceFactory.PullAsync(source, _timeout);

        var config = File.ReadAllText(Path.Combine(source.RepositoryPath, "config"));
        Assert.DoesNotContain("sshCommand", config, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(_ssh.UserKeyFile, config, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Resolve_UnknownHostKeyUnderStrictChecking_FetchFailed()
    {
        _upstream.Commit("a.txt", "1");
        var emptyKnownHosts = _state.Combine("known_hosts");
        File.WriteAllText(emptyKnownHosts, "");
        var source = _sources.Create(_state, _ssh.UrlFor(_upstream.BarePath),
            auth: new RepoAuth(SshKeyFile: _ssh.UserKeyFile, KnownHostsFile: emptyKnownHosts));

        var ex = await Assert.ThrowsAsync<SourceException>(() => source.ResolveRemoteAsync(_timeout));

        Assert.Equal(SourceFailure.FetchFailed, ex.Reason);
        Assert.Contains("Host key verification failed", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Resolve_KeyNotAuthorized_FetchFailed()
    {
        _upstream.Commit("a.txt", "1");
        var otherKey = _state.Combine("other_ed25519");
        ProcessRunner.Run("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-f", otherKey]);
        var source = _sources.Create(_state, _ssh.UrlFor(_upstream.BarePath),
            auth: new RepoAuth(SshKeyFile: otherKey, KnownHostsFile: _ssh.KnownHostsFile));

        var ex = await Assert.ThrowsAsync<SourceException>(() => source.ResolveRemoteAsync(_timeout));

        Assert.Equal(SourceFailure.FetchFailed, ex.Reason);
        Assert.Contains("Permission denied", ex.Message, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        _ssh.Dispose();
        _upstream.Dispose();
        _state.Dispose();
    }
}
