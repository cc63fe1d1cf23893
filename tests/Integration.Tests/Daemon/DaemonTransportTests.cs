using GitOps.Integration.Tests.Infrastructure;
using GitOps.Reconciler.Reconciliation;
using Xunit.Abstractions;

namespace GitOps.Integration.Tests.Daemon;

/// <summary>The daemon's pass over each network transport, against the real engine.</summary>
public sealed class DaemonTransportTests(EngineFixture fixture, ITestOutputHelper output) : DaemonTest(fixture, output)
{
    [Fact]
    public async Task Cycle_GitDaemonTransport_ConvergesNewCommit()
    {
        using var server = new GitDaemonServer(Path.GetDirectoryName(Upstream.BarePath)!);
        RepoUrl = server.UrlFor(Path.GetFileName(Upstream.BarePath));
        await AssertFollowsTagChangeAsync();
    }

    [Fact]
    public async Task Cycle_SshTransport_ConvergesNewCommit()
    {
        using var server = new SshServer();
        RepoUrl = server.UrlFor(Upstream.BarePath);
        ExtraRepoConfig = $"  auth:\n    sshKeyFile: {server.UserKeyFile}\n    knownHostsFile: {server.KnownHostsFile}\n";
        await AssertFollowsTagChangeAsync();
    }

    private async Task AssertFollowsTagChangeAsync()
    {
        CommitWeb("v1");
        var pipeline = Pipeline();
        Assert.Equal(ReconcileStatus.Converged, (await pipeline.Cycle.RunAsync(Token)).Status);
        Assert.Equal(ReconcileStatus.Unchanged, (await pipeline.Cycle.RunAsync(Token)).Status);
        Assert.Equal(1, pipeline.Source.FetchCount);

        var commit = CommitWeb("v2");
        var result = await pipeline.Cycle.RunAsync(Token);

        Assert.Equal(ReconcileStatus.Converged, result.Status);
        Assert.Equal(commit, result.Revision);
        Assert.Equal(2, pipeline.Source.FetchCount);
        Assert.Equal(Web("v2"), await ImageOfAsync("web"));
    }
}
