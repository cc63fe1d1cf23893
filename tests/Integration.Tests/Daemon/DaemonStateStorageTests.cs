using System.Net;
using System.Security.Cryptography;
using Docker.DotNet.Models;
using GitOps.Daemon.Hosting;
using GitOps.Integration.Tests.Infrastructure;
using GitOps.Reconciler.Configuration;
using GitOps.Reconciler.Reconciliation;
using GitOps.Reconciler.Reporting.Drift;
using GitOps.Reconciler.State;
using Microsoft.Extensions.Hosting;
using Xunit.Abstractions;

namespace GitOps.Integration.Tests.Daemon;

/// <summary>The state directory as a resource that runs out: a steady host writes nothing, a full disk is reported.</summary>
[Collection(ExclusiveEngineCollection.Name)]
public sealed class DaemonStateStorageTests(EngineFixture fixture, ITestOutputHelper output) : DaemonTest(fixture, output)
{
    [Fact]
    public async Task Cycle_NoOpPasses_StateFileAndLogUnchanged()
    {
        CommitWeb("v1");
        var pipeline = Pipeline();
        Assert.Equal(ReconcileStatus.Converged, (await pipeline.Cycle.RunAsync(Token)).Status);
        Assert.Equal(ReconcileStatus.Unchanged, (await pipeline.Cycle.RunAsync(Token)).Status);
        var before = Snapshot();

        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(ReconcileStatus.Unchanged, (await pipeline.Cycle.RunAsync(Token)).Status);
        }

        Assert.Equal(before, Snapshot());
    }

    [Fact]
    public async Task Cycle_CorruptStateStoreMovedAside_ReportedOnce()
    {
        CommitWeb("v1");
        File.WriteAllText(AgentState.Combine(StateStore.FileName), "this is not a database, it is a sentence long enough to be read as one");
        var pipeline = Pipeline();

        await pipeline.Cycle.RunAsync(Token);
        var first = pipeline.Reports.Latest!;
        await pipeline.Cycle.RunAsync(Token);
        var second = pipeline.Reports.Latest!;

        Assert.Equal(ReportStatus.Failed, first.Status);
        Assert.Contains("moved aside", first.LastError, StringComparison.Ordinal);
        Assert.Contains(Directory.GetFiles(AgentState.Path), f => Path.GetFileName(f).StartsWith(StateStore.FileName + ".corrupt-", StringComparison.Ordinal));
        Assert.Contains(Reconciler.Reporting.Notifications.TransitionDetector.Detect(null, first, null),
            t => t.Event == Reconciler.Reporting.Notifications.NotificationEvent.Failed && t.Details.Contains("moved aside", StringComparison.Ordinal));
        Assert.Null(second.LastError);
        Assert.Equal(ReportStatus.InSync, second.Status);
    }

    [Fact]
    public async Task RunHost_StateDirectoryFull_ReportedNotReadyAndStillSelfHeals()
    {
        CommitWeb("v1");
        var stateDir = AgentState.Combine("small-disk");
        Directory.CreateDirectory(stateDir);
        ProcessRunner.Run("mount", ["-t", "tmpfs", "-o", "size=8m", "tmpfs", stateDir]);
        try
        {
            await FullDiskAsync(stateDir);
        }
        finally
        {
            ProcessRunner.Run("umount", ["-l", stateDir], check: false);
        }
    }

    private async Task FullDiskAsync(string stateDir)
    {
        var port = Infrastructure.Network.FreePort();
        using var receiver = new NotificationSink();
        var config = Config() with
        {
            StateDir = stateDir,
            HttpListen = new ListenAddress("127.0.0.1", port),
            Notify = new(WebhookUrl: receiver.Url),
        };
        using var host = BuildHost(config);
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        await host.StartAsync(Token);
        try
        {
            await EventuallyAsync(async () => await ReportStatusAsync(http) == "inSync", "the first pass reports in sync");
            var filler = Path.Combine(stateDir, "filler");
            Fill(filler);

            var web = (await ContainersAsync())[$"{Project}-web-1"].ID;
            await Fixture.Raw.Containers.StopContainerAsync(web, new ContainerStopParameters { WaitBeforeKillSeconds = 1 }, Token);

            await EventuallyAsync(async () => (await Fixture.Engine.Containers.InspectAsync(web, Token))?.State?.Running == true, "self-heal started the container on a full disk");
            await EventuallyAsync(async () => await ReportStatusAsync(http) == "failed", "the report says failed");
            var status = await http.GetStringAsync(new Uri("/status", UriKind.Relative), Token);
            Assert.Contains("full", status, StringComparison.OrdinalIgnoreCase);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, (await http.GetAsync(new Uri("/readyz", UriKind.Relative), Token)).StatusCode);
            Assert.Contains("gitops_agent_reconciles_total{outcome=\"failed\"}", await http.GetStringAsync(new Uri("/metrics", UriKind.Relative), Token), StringComparison.Ordinal);
            await EventuallyAsync(() => Task.FromResult(receiver.Events.Contains("failed")), "the failure was notified");

            // A new commit cannot be fetched into the full clone: that is reported too, and the host stays on v1.
            CommitWeb("v2");
            await EventuallyAsync(async () => (await http.GetStringAsync(new Uri("/status", UriKind.Relative), Token)).Contains("cannot", StringComparison.Ordinal)
                && (await http.GetStringAsync(new Uri("/status", UriKind.Relative), Token)).Contains("fetch", StringComparison.Ordinal), "the fetch failure is reported");
            Assert.Equal(Web("v1"), await ImageOfAsync("web"));

            File.Delete(filler);
            await EventuallyAsync(async () => await ImageOfAsync("web") == Web("v2"), "v2 deployed once there is room again");
            await EventuallyAsync(async () => await ReportStatusAsync(http) == "inSync", "the report is back in sync");
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(new Uri("/readyz", UriKind.Relative), Token)).StatusCode);
        }
        finally
        {
            await host.StopAsync(CancellationToken.None);
        }
    }

    /// <summary>Writes until the file system refuses: no space is left for anything else.</summary>
    private static void Fill(string path)
    {
        var block = new byte[64 * 1024];
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1);
        try
        {
            while (true)
            {
                stream.Write(block);
                stream.Flush();
            }
        }
        catch (IOException)
        {
            // Full; now fill the last bytes one block size at a time down to one byte.
            for (var size = block.Length / 2; size > 0; size /= 2)
            {
                try
                {
                    while (true)
                    {
                        stream.Write(block, 0, size);
                        stream.Flush();
                    }
                }
                catch (IOException)
                {
                    // Try a smaller piece.
                }
            }
        }
    }

    private (string Database, string Log) Snapshot() => (Hash(StateStore.FileName), Hash(StateStore.FileName + "-wal"));

    private string Hash(string name)
    {
        var path = AgentState.Combine(name);
        return File.Exists(path)
            ? new FileInfo(path).Length + ":" + Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path)))
            : "absent";
    }
}
