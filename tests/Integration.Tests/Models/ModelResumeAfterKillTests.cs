using System.Diagnostics;
using GitOps.Daemon.Commands;
using GitOps.Integration.Tests.Daemon;
using GitOps.Integration.Tests.Infrastructure;
using GitOps.Reconciler.Models;
using Xunit.Abstractions;

namespace GitOps.Integration.Tests.Models;

/// <summary>
/// <c>gitops-agent sync</c> as a child process downloading a model from a slow loopback server, killed with SIGKILL
/// mid-file: the next sync asks for the rest only (a Range from the partial file's end) and installs the verified file.
/// </summary>
public sealed class ModelResumeAfterKillTests(EngineFixture fixture, ITestOutputHelper output) : DaemonTest(fixture, output), IDisposable
{
    private readonly ModelFileServer _server = new();
    private readonly TempDirectory _root = new("model-root");

    [Fact]
    public async Task Sync_KilledMidDownload_NextSyncResumesFromThePartialFileAndVerifies()
    {
        var content = ModelHarness.Bytes(6 << 20, 21);
        var sha = ModelHarness.Sha(content);
        _server.Serve("big.bin", content);
        _server.BytesPerSecond = 512 << 10;
        var modelPath = Path.Combine(_root.Path, "big");
        Upstream.Commit(new Dictionary<string, string>
        {
            ["inventory.yaml"] = $"hosts:\n  {Project}: {{}}\n",
            ["models/big.yaml"] = $"targets: [{Project}]\nversion: \"1\"\ninsecure: true\nfiles:\n  - name: big.bin\n    source: {_server.Url("big.bin")}\n    sha256: {sha}\npath: {modelPath}\n",
        }, "model big 1");
        var config = AgentState.Combine("agent.yaml");
        await File.WriteAllTextAsync(config, $"host: {Project}\nrepo:\n  url: {Upstream.FileUrl}\nstateDir: {AgentState.Path}\nmodels:\n  allowedRoots: {_root.Path}\n", Token);
        var partial = new ModelStore(AgentState.Path).PartialPath(sha);

        var first = Sync("first");
        try
        {
            await EventuallyAsync(() => Task.FromResult(File.Exists(partial) && new FileInfo(partial).Length >= 1 << 20), "a part of the file is downloaded");
        }
        finally
        {
            first.Kill(entireProcessTree: true);
            await first.WaitForExitAsync(CancellationToken.None);
        }
        var held = new FileInfo(partial).Length;
        Assert.InRange(held, 1, content.Length - 1);
        Assert.False(File.Exists(modelPath));

        _server.BytesPerSecond = 0;
        // The killed download's response may still be writing into a dead socket; count only once it has given up.
        await EventuallyAsync(() => Task.FromResult(_server.Serving == 0), "the killed download's response ended");
        var sentBefore = _server.BytesSent;
        var second = Sync("second");
        await second.WaitForExitAsync(Token);

        Assert.True(second.ExitCode == 0, await File.ReadAllTextAsync(AgentState.Combine("sync-second.log"), Token));
        Assert.Equal($"bytes={held}-", _server.Ranges.Last());
        Assert.Equal(content.Length - held, _server.BytesSent - sentBefore);
        Assert.Equal(content, await File.ReadAllBytesAsync(Path.Combine(modelPath, "big.bin"), Token));
        Assert.True(new ModelStore(AgentState.Path).HasBlob(sha));
        Assert.False(File.Exists(partial));
    }

    private Process Sync(string name)
    {
        var dll = typeof(SyncCommand).Assembly.Location;
        return ProcessRunner.Start("dotnet", [dll, "sync", "--config", AgentState.Combine("agent.yaml")], AgentState.Combine($"sync-{name}.log"));
    }

    public new void Dispose()
    {
        _server.Dispose();
        _root.Dispose();
        base.Dispose();
    }
}
