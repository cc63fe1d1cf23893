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
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;

namespace GitOps.Bench.DriftLatency;

/// <summary>
/// One stack of demo/web:v1 deployed under a unique project, the surface components wired as the daemon wires them
/// (self-heal off, so the drift stays visible), and /status on a loopback port. Each sample: `docker stop -t 0` by
/// hand, then poll /status every 10 ms until the service shows Drifted; then start it again and wait for InSync.
/// </summary>
internal sealed class LatencyBench : IAsyncDisposable
{
    private const string Host = "bench-host";
    private static readonly DriftRevision Revision = new("refs/heads/main", "be9c000000000000000000000000000000000000", Verified: false);

    private readonly string _project = "bench-" + Guid.NewGuid().ToString("N")[..8];
    private readonly string _root = Path.Combine(Path.GetTempPath(), "drift-bench-" + Guid.NewGuid().ToString("N")[..8]);
    private readonly DockerEngine _engine = new(DockerEngine.DefaultEndpoint);
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };
    private IHost _host = null!;
    private DriftReportPublisher _publisher = null!;
    private HostReconciler _reconciler = null!;
    private ComposeExecutor _executor = null!;
    private Uri _address = null!;

    private string Repo => Path.Combine(_root, "repo");

    private string Container => _project + "-web-1";

    public static async Task<LatencyBench> StartAsync(CancellationToken cancellationToken)
    {
        var bench = new LatencyBench();
        await bench.SetUpAsync(cancellationToken);
        return bench;
    }

    public async Task<IReadOnlyList<TimeSpan>> MeasureAsync(LatencyMode mode, int runs, TimeSpan poll, CancellationToken cancellationToken)
    {
        var publisher = _publisher;
        var monitor = new DriftMonitor(
            PlanAsync, publisher, new SelfHealBackoff(TimeProvider.System), new IgnoredTrigger(),
            new DriftMonitorOptions { SelfHeal = false }, TimeProvider.System, NullLogger<DriftMonitor>.Instance);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var background = new List<Task> { monitor.RunAsync(stop.Token) };
        if (mode == LatencyMode.Events)
        {
            var watcher = monitor.WatchEvents(_engine, new DockerEventWatcherOptions(), NullLogger<DockerEventWatcher>.Instance);
            background.Add(watcher.RunAsync(stop.Token));
        }
        else
        {
            background.Add(PollAsync(monitor, poll, stop.Token));
        }
        await monitor.RefreshAsync(cancellationToken);
        var samples = new List<TimeSpan>();
        while (samples.Count < runs)
        {
            // Another agent's full sync on a shared engine may tear the bench stack down: put it back first.
            await EnsureDeployedAsync(cancellationToken);
            await monitor.RefreshAsync(cancellationToken);
            if (!await WaitForAsync(ResourceStatus.InSync, cancellationToken))
            {
                continue;
            }
            // Spread the stops over the poll phase, as hand changes are.
            await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(0, (int)poll.TotalMilliseconds)), cancellationToken);
            var clock = Stopwatch.StartNew();
            if (!await DockerAsync(cancellationToken, "stop", "-t", "0", Container) || !await WaitForAsync(ResourceStatus.Drifted, cancellationToken))
            {
                Console.Error.WriteLine($"{mode}: drift not seen within the bound (stack removed from outside?); sample discarded");
                continue;
            }
            samples.Add(clock.Elapsed);
            Console.Error.WriteLine($"{mode} run {samples.Count}: {clock.Elapsed.TotalMilliseconds:0} ms");
            await DockerAsync(cancellationToken, "start", Container);
        }
        await stop.CancelAsync();
        await Task.WhenAll(background);
        return samples;
    }

    public static string Summary(string name, IReadOnlyList<TimeSpan> samples)
    {
        var ms = samples.Select(s => s.TotalMilliseconds).Order().ToList();
        var median = ms.Count % 2 == 1 ? ms[ms.Count / 2] : (ms[(ms.Count / 2) - 1] + ms[ms.Count / 2]) / 2;
        return string.Create(CultureInfo.InvariantCulture,
            $"{name,-10} runs={ms.Count} median={median:0} ms min={ms[0]:0} ms max={ms[^1]:0} ms samples=[{string.Join(", ", ms.Select(m => m.ToString("0", CultureInfo.InvariantCulture)))}]");
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync(CancellationToken.None);
        foreach (var container in await _engine.Containers.ListAsync([$"com.docker.compose.project={_project}"], CancellationToken.None))
        {
            await _engine.Containers.RemoveAsync(container.ID, force: true, CancellationToken.None);
        }
        foreach (var network in await _engine.Networks.ListAsync([$"com.docker.compose.project={_project}"], CancellationToken.None))
        {
            await _engine.Networks.RemoveAsync(network.ID, CancellationToken.None);
        }
        _host.Dispose();
        _engine.Dispose();
        _http.Dispose();
        Directory.Delete(_root, recursive: true);
    }

    private async Task SetUpAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.Combine(Repo, "stacks", _project));
        await File.WriteAllTextAsync(Path.Combine(Repo, "inventory.yaml"), $"hosts:\n  {Host}: {{}}\n", cancellationToken);
        await File.WriteAllTextAsync(Path.Combine(Repo, "stacks", _project, "stack.yaml"), $"targets: [{Host}]\n", cancellationToken);
        await File.WriteAllTextAsync(Path.Combine(Repo, "stacks", _project, "compose.yaml"),
            "services:\n  web:\n    image: 127.0.0.1:5000/demo/web:v1\n", cancellationToken);
        var stateDirectory = Path.Combine(_root, "state");
        _host = BenchServices.Build(stateDirectory, _engine, new IgnoredTrigger());
        _executor = _host.Services.GetRequiredService<ComposeExecutor>();
        _reconciler = _host.Services.GetRequiredService<HostReconciler>();
        await EnsureDeployedAsync(cancellationToken);
        _publisher = _host.Services.GetRequiredService<DriftReportPublisher>();
        await _host.StartAsync(cancellationToken);
        _address = AgentHttpListener.Address(_host.Services)!;
        Console.Error.WriteLine("serving /status on " + _address);
    }

    private async Task EnsureDeployedAsync(CancellationToken cancellationToken)
    {
        var plan = await PlanAsync(cancellationToken) ?? throw new InvalidOperationException("the bench repo does not plan");
        if (!plan.Plan.HasChanges)
        {
            return;
        }
        var applied = await _executor.ApplyStackAsync(plan.Plan.Stacks.Single(), null, cancellationToken);
        if (applied.Status != ApplyStatus.Applied)
        {
            throw new InvalidOperationException("deploy failed: " + applied.Reason);
        }
    }

    /// <summary>This bench's stack only: other stacks on the engine are none of its business.</summary>
    private async Task<CurrentPlan?> PlanAsync(CancellationToken cancellationToken)
    {
        var planned = await _reconciler.PlanAsync(new RepoDirectory(Repo), Host, revision: null, fullDrift: false, cancellationToken);
        return planned.Plan is { } plan
            ? new CurrentPlan(plan with { Stacks = ValueList.From(plan.Stacks.Where(s => s.Stack == _project)) }, Revision)
            : null;
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

    /// <summary>Polls /status every 10 ms until the service has <paramref name="status"/>; false after 20 s.</summary>
    private async Task<bool> WaitForAsync(ResourceStatus status, CancellationToken cancellationToken)
    {
        var url = new Uri(_address, "/status");
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(20))
        {
            using var response = await _http.GetAsync(url, cancellationToken);
            if (response.IsSuccessStatusCode
                && DriftReportJson.Deserialize(await response.Content.ReadAsStringAsync(cancellationToken)).Find(DriftKind.Service, _project, "web")?.Status == status)
            {
                return true;
            }
            await Task.Delay(10, cancellationToken);
        }
        return false;
    }

    /// <summary>False when docker failed (e.g. the container was removed from outside meanwhile).</summary>
    private static async Task<bool> DockerAsync(CancellationToken cancellationToken, params string[] args)
    {
        using var process = Process.Start(new ProcessStartInfo("docker", args) { RedirectStandardOutput = true, RedirectStandardError = true })
            ?? throw new InvalidOperationException("docker did not start");
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            Console.Error.WriteLine($"docker {string.Join(' ', args)} failed: {await process.StandardError.ReadToEndAsync(cancellationToken)}");
        }
        return process.ExitCode == 0;
    }

    private sealed class IgnoredTrigger : IReconcileTrigger
    {
        public bool Request(string reason) => true;
    }
}
