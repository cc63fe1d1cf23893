using System.Diagnostics;
using System.Globalization;
using System.Text;
using GitOps.Daemon.Hosting;
using GitOps.Reconciler.Configuration;
using GitOps.Reconciler.Reporting.Drift;
using GitOps.Reconciler.Engine;
using GitOps.Reconciler.Lease;
using GitOps.Reconciler.Reconciliation;
using GitOps.Reconciler.Source;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace GitOps.Bench.NoOpPass;

/// <summary>
/// The daemon as <c>run</c> builds it (HTTP, event watcher, drift monitor, task scheduler, the loop), on a repository
/// whose stacks are already in sync. After its first pass, the bench runs further passes through the daemon's own loop
/// (<see cref="ReconcileLoop.RunOnceAsync"/>, what the timer runs) and times each: the whole pass, its ls-remote, the
/// bytes the process allocated and the engine calls it made, once the owner lease has settled (held a time to live).
/// The loop's own timer is set to an hour so only the bench's passes run.
/// </summary>
internal static class NoOpPassBench
{
    public static async Task<string> RunAsync(AgentConfig config, int passes, int warmUp, CancellationToken cancellationToken)
    {
        TimedSource? source = null;
        using var host = AgentHost.Build(config with { PollInterval = TimeSpan.FromHours(1), PollJitter = 0 }, services =>
            services.AddSingleton<IConfigSource>(provider => source = new TimedSource(provider.GetRequiredService<GitSource>())));
        await host.StartAsync(cancellationToken);
        try
        {
            var store = host.Services.GetRequiredService<DriftReportStore>();
            var loop = host.Services.GetRequiredService<ReconcileLoop>();
            var engine = (CountingDockerEngine)host.Services.GetRequiredService<IDockerEngine>();
            var reconciler = host.Services.GetRequiredService<HostReconciler>();
            await FirstPassAsync(store, loop, cancellationToken);
            for (var i = 0; i < warmUp; i++)
            {
                await loop.RunOnceAsync(cancellationToken);
            }
            await LeaseSettledAsync(host.Services.GetRequiredService<OwnerLease>(), loop, cancellationToken);
            var samples = new List<PassSample>(passes);
            var fetchesBefore = source!.Fetches;
            var loadsBefore = reconciler.LoadedDesired.Loads;
            for (var i = 0; i < passes; i++)
            {
                var calls = engine.Counts;
                var allocated = GC.GetTotalAllocatedBytes(precise: true);
                var cpu = Environment.CpuUsage.TotalTime;
                var started = Stopwatch.GetTimestamp();
                await loop.RunOnceAsync(cancellationToken);
                var elapsed = Stopwatch.GetElapsedTime(started);
                var cpuTime = Environment.CpuUsage.TotalTime - cpu;
                var bytes = GC.GetTotalAllocatedBytes(precise: true) - allocated;
                if (store.Latest?.Status != ReportStatus.InSync)
                {
                    throw new InvalidOperationException($"pass {i} left the report {store.Latest?.Status}: not a no-op pass");
                }
                samples.Add(new PassSample(elapsed, source.LastListing, cpuTime, bytes, Difference(engine.Counts, calls)));
            }
            var scrape = await ScrapeAsync(config.HttpListen, cancellationToken);
            return Summary(samples, source.Fetches - fetchesBefore, reconciler.LoadedDesired.Loads - loadsBefore, scrape);
        }
        finally
        {
            await host.StopAsync(CancellationToken.None);
        }
    }

    /// <summary>Waits (bounded) until the daemon's first pass has reported the host in sync.</summary>
    private static async Task FirstPassAsync(DriftReportStore store, ReconcileLoop loop, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.GetTimestamp() + Stopwatch.Frequency * 600;
        while (store.Latest?.Status != ReportStatus.InSync || loop.IsRunning)
        {
            if (Stopwatch.GetTimestamp() > deadline)
            {
                throw new TimeoutException($"the first pass did not report in sync within 10 minutes (status: {store.Latest?.Status})");
            }
            await Task.Delay(100, cancellationToken);
        }
    }

    /// <summary>
    /// A daemon that has run for a while: passes a second apart until the owner lease has been held a whole time to live,
    /// after which a pass reads it only when its heartbeat is due (see <see cref="OwnerLease.IsSettled"/>).
    /// </summary>
    private static async Task LeaseSettledAsync(OwnerLease lease, ReconcileLoop loop, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.GetTimestamp() + Stopwatch.Frequency * (long)(3 * lease.Ttl.TotalSeconds + 60);
        while (!lease.IsSettled && Stopwatch.GetTimestamp() < deadline)
        {
            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
            await loop.RunOnceAsync(cancellationToken);
        }
    }

    /// <summary>The engine calls made between two snapshots of the counts, by operation.</summary>
    private static string Difference(IReadOnlyDictionary<string, int> after, IReadOnlyDictionary<string, int> before) =>
        string.Join(", ", after.Select(c => (c.Key, Calls: c.Value - before.GetValueOrDefault(c.Key))).Where(c => c.Calls > 0).Select(c => $"{c.Key} {c.Calls}"));

    private static double? Series(string exposition, string series) =>
        exposition.Split('\n').FirstOrDefault(l => l.StartsWith(series + " ", StringComparison.Ordinal)) is { } line
            ? double.Parse(line[(series.Length + 1)..], CultureInfo.InvariantCulture)
            : null;

    private static async Task<string> ScrapeAsync(ListenAddress listen, CancellationToken cancellationToken)
    {
        using var http = new HttpClient();
        return await http.GetStringAsync(new Uri($"http://{listen.Host}:{listen.Port}/metrics"), cancellationToken);
    }

    private static string Summary(List<PassSample> samples, int fetches, int loads, string scrape)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"{samples.Count} no-op passes through the daemon's loop; fetches during them: {fetches}; desired-state loads: {loads}");
        text.AppendLine("| per pass | median | p90 | min | max |");
        text.AppendLine("| --- | --- | --- | --- | --- |");
        Row(text, "whole pass (ms)", samples.Select(s => s.Pass.TotalMilliseconds));
        Row(text, "ls-remote (ms)", samples.Select(s => s.Listing.TotalMilliseconds));
        Row(text, "pass without the ls-remote (ms)", samples.Select(s => (s.Pass - s.Listing).TotalMilliseconds));
        Row(text, "CPU time of the process (ms)", samples.Select(s => s.Cpu.TotalMilliseconds));
        Row(text, "bytes allocated (KiB, whole process)", samples.Select(s => s.Allocated / 1024.0));
        Row(text, "Docker API calls", samples.Select(s => (double)s.DockerCalls.Split(", ").Sum(c => int.Parse(c[(c.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture))));
        text.AppendLine("Docker API calls per pass, by operation (how many passes made each set):");
        foreach (var set in samples.GroupBy(s => s.DockerCalls).OrderByDescending(g => g.Count()))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  {set.Count()}x: {set.Key}");
        }
        text.AppendLine();
        text.AppendLine("/metrics, gitops_agent_reconcile_duration_seconds (every pass of the daemon, its first included):");
        foreach (var line in scrape.Split('\n').Where(l => l.StartsWith("gitops_agent_reconcile_duration_seconds", StringComparison.Ordinal)))
        {
            text.AppendLine("  " + line);
        }
        text.Append(HistogramMedian(scrape));
        return text.ToString();
    }

    /// <summary>The bucket the median falls in, as a scraper's histogram_quantile would place it.</summary>
    private static string HistogramMedian(string scrape)
    {
        const string bucket = "gitops_agent_reconcile_duration_seconds_bucket{le=\"";
        var buckets = scrape.Split('\n').Where(l => l.StartsWith(bucket, StringComparison.Ordinal))
            .Select(l => (Le: l[bucket.Length..l.IndexOf('"', bucket.Length)], Count: double.Parse(l[(l.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture)))
            .ToList();
        var total = Series(scrape, "gitops_agent_reconcile_duration_seconds_count") ?? 0;
        var median = buckets.FirstOrDefault(b => b.Count >= total / 2);
        return median.Le is null ? "" : $"histogram median: at most {median.Le} s ({median.Count} of {total} passes)\n";
    }

    private static void Row(StringBuilder text, string name, IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        double At(double q) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(q * sorted.Count) - 1)];
        text.AppendLine(CultureInfo.InvariantCulture, $"| {name} | {At(0.5):0.0} | {At(0.9):0.0} | {sorted[0]:0.0} | {sorted[^1]:0.0} |");
    }

    private sealed record PassSample(TimeSpan Pass, TimeSpan Listing, TimeSpan Cpu, long Allocated, string DockerCalls);
}
