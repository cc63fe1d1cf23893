using System.Diagnostics;
using System.Globalization;
using GitOps.Daemon.Http;
using GitOps.Reconciler.Actual;
using GitOps.Reconciler.Actual.Events;
using GitOps.Reconciler.Apply;
using GitOps.Reconciler.Common;
using GitOps.Reconciler.Configuration;
using GitOps.Reconciler.Engine;
using GitOps.Reconciler.Reconciliation;
using GitOps.Reconciler.Reporting.Drift;
using GitOps.Reconciler.Reporting.Metrics;
using GitOps.Reconciler.Repository;
using GitOps.Reconciler.SelfHeal;
using GitOps.Reconciler.Stacks;
using GitOps.Reconciler.State;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace GitOps.Bench.DriftLatency;

/// <summary>
/// Resident memory and CPU of the surface components idling in one process: N stacks deployed, the event watcher,
/// the drift monitor, the HTTP server, and a probe + plan + report every poll interval (the daemon's pass without
/// git and without applying). Not the daemon: no git poll, no Quartz, no Serilog.
/// </summary>
internal static class IdleBench
{
    private const string Host = "idle-bench";
    private static readonly DriftRevision Revision = new("refs/heads/main", "1d1e000000000000000000000000000000000000", Verified: false);

    public static async Task<string> RunAsync(TimeSpan duration, int stackCount, TimeSpan poll, CancellationToken cancellationToken)
    {
        var prefix = "idle-" + Guid.NewGuid().ToString("N")[..6];
        var root = Path.Combine(Path.GetTempPath(), "idle-bench-" + prefix);
        var repo = Path.Combine(root, "repo");
        var stacks = Enumerable.Range(1, stackCount).Select(i => $"{prefix}-{i:00}").ToHashSet(StringComparer.Ordinal);
        await File.WriteAllTextAsync(Path.Combine(Directory.CreateDirectory(repo).FullName, "inventory.yaml"), $"hosts:\n  {Host}: {{}}\n", cancellationToken);
        foreach (var stack in stacks)
        {
            var dir = Directory.CreateDirectory(Path.Combine(repo, "stacks", stack)).FullName;
            await File.WriteAllTextAsync(Path.Combine(dir, "stack.yaml"), $"targets: [{Host}]\n", cancellationToken);
            await File.WriteAllTextAsync(Path.Combine(dir, "compose.yaml"), "services:\n  web:\n    image: 127.0.0.1:5000/demo/web:v1\n", cancellationToken);
        }
        var stateDirectory = Path.Combine(root, "state");
        using var engine = new DockerEngine(DockerEngine.DefaultEndpoint);
        using var host = BenchServices.Build(stateDirectory, engine, new NoTrigger());
        var services = host.Services;
        var executor = services.GetRequiredService<ComposeExecutor>();
        var reconciler = services.GetRequiredService<HostReconciler>();

        async Task<CurrentPlan?> PlanAsync(CancellationToken token)
        {
            var planned = await reconciler.PlanAsync(new RepoDirectory(repo), Host, revision: null, fullDrift: false, token);
            return planned.Plan is { } plan ? new CurrentPlan(plan with { Stacks = ValueList.From(plan.Stacks.Where(s => stacks.Contains(s.Stack))) }, Revision) : null;
        }

        try
        {
            var initial = await PlanAsync(cancellationToken) ?? throw new InvalidOperationException("the idle repo does not plan");
            foreach (var stackPlan in initial.Plan.Stacks)
            {
                await executor.ApplyStackAsync(stackPlan, null, cancellationToken);
            }
            var store = services.GetRequiredService<DriftReportStore>();
            var publisher = services.GetRequiredService<DriftReportPublisher>();
            var monitor = new DriftMonitor(PlanAsync, publisher, new SelfHealBackoff(TimeProvider.System), new NoTrigger(), new DriftMonitorOptions(),
                TimeProvider.System, NullLogger<DriftMonitor>.Instance);
            var watcher = monitor.WatchEvents(engine, new DockerEventWatcherOptions(), NullLogger<DockerEventWatcher>.Instance);
            await host.StartAsync(cancellationToken);
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var background = Task.WhenAll(monitor.RunAsync(stop.Token), watcher.RunAsync(stop.Token), PollAsync(monitor, poll, stop.Token));

            await Task.Delay(TimeSpan.FromSeconds(10), cancellationToken);
            using var self = Process.GetCurrentProcess();
            var cpuBefore = self.TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            var rss = new List<long>();
            while (clock.Elapsed < duration)
            {
                self.Refresh();
                rss.Add(self.WorkingSet64);
                await Task.Delay(TimeSpan.FromSeconds(5), cancellationToken);
            }
            self.Refresh();
            var cpu = self.TotalProcessorTime - cpuBefore;
            var wall = clock.Elapsed;
            await stop.CancelAsync();
            await background;
            await host.StopAsync(CancellationToken.None);
            return string.Create(CultureInfo.InvariantCulture,
                $"idle {wall.TotalSeconds:0}s, {stackCount} stacks, refresh every {poll.TotalSeconds:0}s: cpu {100 * cpu.TotalSeconds / wall.TotalSeconds:0.00}% of one core "
                + $"({cpu.TotalSeconds:0.0}s), rss avg {rss.Average() / 1048576:0.0} MiB, max {rss.Max() / 1048576:0.0} MiB");
        }
        finally
        {
            foreach (var stack in stacks)
            {
                foreach (var container in await engine.Containers.ListAsync([$"com.docker.compose.project={stack}"], CancellationToken.None))
                {
                    await engine.Containers.RemoveAsync(container.ID, force: true, CancellationToken.None);
                }
                foreach (var network in await engine.Networks.ListAsync([$"com.docker.compose.project={stack}"], CancellationToken.None))
                {
                    await engine.Networks.RemoveAsync(network.ID, CancellationToken.None);
                }
            }
            Directory.Delete(root, recursive: true);
        }
    }

    private static async Task PollAsync(DriftMonitor monitor, TimeSpan interval, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(interval);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                await monitor.RefreshAsync(cancellationToken);
            }
        }
        catch (OperationCanceledException)
        {
            // Measured enough.
        }
    }

    private sealed class NoTrigger : IReconcileTrigger
    {
        public bool Request(string reason) => true;
    }
}
