using System.Diagnostics;
using GitOps.Reconciler.Common;
using GitOps.Reconciler.Fleet;
using GitOps.Reconciler.Reporting.Drift;

namespace GitOps.Bench.FleetLoad;

/// <summary>
/// Hosts that report to one fleet store the way agents do: each writes once per poll interval at a phase of its own,
/// through the store's real write (one upsert, a history row on a status change). The interval is compressed by a
/// factor so that rounds take seconds; the number of rounds and the writes in flight are bounded.
/// </summary>
/// <param name="commits">The commits hosts run, head first: host i runs the first, unless i is a multiple of 3 (the second)
/// or of 10 (the third), as in a rollout under way.</param>
internal sealed class SimulatedAgents(IFleetStore store, int hosts, IReadOnlyList<string> commits)
{
    /// <summary>Writes in flight at most: past it the generator falls behind (counted) rather than piling up.</summary>
    public const int MaxInFlight = 256;

    private readonly FleetEntry[][] _entries = [.. Enumerable.Range(0, hosts).Select(i =>
        new[] { Entry(i, CommitOf(i, commits), ReportStatus.InSync), Entry(i, CommitOf(i, commits), ReportStatus.Drifted) })];

    public static string HostName(int i) => $"bench-host-{i:0000}";

    /// <summary>Runs <paramref name="rounds"/> poll intervals of <paramref name="interval"/> compressed <paramref name="compression"/> times.</summary>
    public async Task<LoadResult> RunAsync(TimeSpan interval, double compression, int rounds, CancellationToken cancellationToken)
    {
        var round = interval / compression;
        var latencies = new double[hosts * rounds];
        var failures = 0;
        var late = 0;
        using var slots = new SemaphoreSlim(MaxInFlight);
        var writes = new List<Task>(hosts * rounds);
        var clock = Stopwatch.StartNew();
        for (var r = 0; r < rounds; r++)
        {
            for (var i = 0; i < hosts; i++)
            {
                // Host i writes at its own phase of each round, as agents started at different moments do.
                var due = round * r + round * i / hosts;
                var wait = due - clock.Elapsed;
                if (wait > TimeSpan.FromMilliseconds(1))
                {
                    await Task.Delay(wait, cancellationToken);
                }
                else if (wait < -TimeSpan.FromMilliseconds(100))
                {
                    late++;
                }
                await slots.WaitAsync(cancellationToken);
                var slot = r * hosts + i;
                // A host is drifted for one round in fifty: its status changes twice, so history rows are written too.
                var entry = _entries[i][(i + r) % 50 == 0 ? 1 : 0];
                writes.Add(WriteAsync(entry, slot));
            }
        }
        await Task.WhenAll(writes);
        clock.Stop();
        return new LoadResult(compression, hosts * rounds, clock.Elapsed, latencies, failures, late);

        async Task WriteAsync(FleetEntry entry, int slot)
        {
            var started = Stopwatch.GetTimestamp();
            try
            {
                await store.WriteAsync(entry, cancellationToken);
                latencies[slot] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                Interlocked.Increment(ref failures);
                latencies[slot] = double.NaN;
            }
            finally
            {
                slots.Release();
            }
        }
    }

    /// <summary>A report the size of a host's with a few stacks: four services, their networks and a volume.</summary>
    private static string CommitOf(int i, IReadOnlyList<string> commits) =>
        commits[Math.Min(commits.Count - 1, i % 10 == 0 ? 2 : i % 3 == 0 ? 1 : 0)];

    private static FleetEntry Entry(int i, string commit, ReportStatus status)
    {
        var host = HostName(i);
        var now = DateTimeOffset.UtcNow;
        var resources = new List<DriftResource>();
        foreach (var stack in new[] { "ocr", "nlp" })
        {
            resources.Add(new DriftResource(DriftKind.Stack, stack, stack, ResourceStatus.InSync, ValueList<DriftDifference>.Empty, null, now, null, null));
            resources.Add(new DriftResource(DriftKind.Network, stack, "default", ResourceStatus.InSync, ValueList<DriftDifference>.Empty, null, now, null, null));
            resources.Add(new DriftResource(DriftKind.Volume, stack, "data", ResourceStatus.InSync, ValueList<DriftDifference>.Empty, null, now, null, null));
            foreach (var service in new[] { "api", "worker" })
            {
                var drifted = status == ReportStatus.Drifted && service == "api" && stack == "ocr";
                resources.Add(new DriftResource(
                    DriftKind.Service, stack, service, drifted ? ResourceStatus.Drifted : ResourceStatus.InSync,
                    drifted ? ValueList.Of(new DriftDifference("image", "registry.example.net/ocr/api:1.4.3", "registry.example.net/ocr/api:1.4.2")) : ValueList<DriftDifference>.Empty,
                    null, now, drifted ? "changed by hand" : null, null));
            }
        }
        var report = new DriftReport(
            DriftReport.CurrentSchemaVersion, host, new DriftRevision("branch main", commit, Verified: true), now, status,
            ValueList.From(resources), null, null);
        return FleetEntry.From(host, report, "bench", TimeSpan.FromSeconds(30));
    }
}
