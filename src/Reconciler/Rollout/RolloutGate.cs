using System.Globalization;
using GitOps.Reconciler.Common;
using GitOps.Reconciler.Desired;

namespace GitOps.Reconciler.Rollout;

/// <summary>
/// Whether a host may apply a new commit, from the rollout policy, the inventory and the fleet store's rows: pure, so
/// every rule is tested without a database. A host of wave N goes on once every host of waves 0..N-1 runs the commit
/// in sync for the soak; a failed, stalled or rolled-back host of an earlier wave halts it.
/// </summary>
public static class RolloutGate
{
    /// <summary>Reports missed before a host counts as unresponsive (as in <c>fleet status</c>).</summary>
    public const int MissedIntervals = 3;

    private const int HostsNamed = 3;

    /// <param name="hosts">The inventory's hosts with their groups (of the commit to apply).</param>
    /// <param name="rows">The store's rows of (at least) the hosts of earlier waves.</param>
    /// <param name="now">The database's clock when the rows were read.</param>
    public static RolloutDecision Decide(
        RolloutPolicy policy, IReadOnlyDictionary<string, ValueList<string>> hosts, string host, string commit,
        IReadOnlyList<RolloutHostState> rows, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(hosts);
        ArgumentNullException.ThrowIfNull(rows);
        var wave = policy.WaveOf(hosts.GetValueOrDefault(host) ?? ValueList<string>.Empty);
        var waveSize = HostsOf(policy, hosts, wave).Count;
        var limit = policy.MaxUnavailable.Limit(waveSize);
        int? leaseLimit = limit < waveSize ? limit : null;
        var byHost = rows.ToDictionary(r => r.Host, StringComparer.Ordinal);
        for (var earlier = 0; earlier < wave; earlier++)
        {
            var problems = HostsOf(policy, hosts, earlier)
                .Select(h => (Host: h, Problem: ProblemOf(byHost.GetValueOrDefault(h), policy.Soak, commit, now)))
                .Where(p => p.Problem is not null)
                .OrderByDescending(p => p.Problem!.Value.Halts)
                .ThenBy(p => p.Host, StringComparer.Ordinal)
                .ToList();
            if (problems.Count == 0)
            {
                continue;
            }
            var named = problems.Take(HostsNamed).Select(p => $"{p.Host} {p.Problem!.Value.Text}");
            var more = problems.Count > HostsNamed ? $" and {problems.Count - HostsNamed} more" : "";
            return new RolloutDecision(
                policy.WaveName(wave),
                problems[0].Problem!.Value.Halts,
                $"waiting for wave {policy.WaveName(earlier)}: {string.Join(", ", named)}{more}",
                leaseLimit);
        }
        return new RolloutDecision(policy.WaveName(wave), Halted: false, Reason: null, leaseLimit);
    }

    /// <summary>The hosts of wave <paramref name="wave"/>, by name.</summary>
    public static IReadOnlyList<string> HostsOf(RolloutPolicy policy, IReadOnlyDictionary<string, ValueList<string>> hosts, int wave)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(hosts);
        return [.. hosts.Where(h => policy.WaveOf(h.Value) == wave).Select(h => h.Key).Order(StringComparer.Ordinal)];
    }

    /// <summary>The hosts of every wave before <paramref name="host"/>'s: the rows the gate reads.</summary>
    public static IReadOnlyList<string> EarlierHosts(RolloutPolicy policy, IReadOnlyDictionary<string, ValueList<string>> hosts, string host)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(hosts);
        var wave = policy.WaveOf(hosts.GetValueOrDefault(host) ?? ValueList<string>.Empty);
        return [.. hosts.Where(h => policy.WaveOf(h.Value) < wave).Select(h => h.Key).Order(StringComparer.Ordinal)];
    }

    /// <summary>Why an earlier host does not let the commit through yet; null when it ran it in sync for the soak.</summary>
    private static (string Text, bool Halts)? ProblemOf(RolloutHostState? row, TimeSpan soak, string commit, DateTimeOffset now)
    {
        if (row is null)
        {
            return ("has not reported", false);
        }
        if (now - row.ReportedAt > row.PollInterval * MissedIntervals)
        {
            return ("unresponsive", false);
        }
        if (row.RolledBack)
        {
            return ("rolledBack", true);
        }
        if (row.Status is "failed" or "stalled")
        {
            return (row.Status, true);
        }
        if (row.Commit != commit)
        {
            return ($"at {Short(row.Commit)}", false);
        }
        if (row.Status != "inSync" || row.InSyncSince is not { } since)
        {
            return (row.Status, false);
        }
        var soaked = now - since;
        return soaked >= soak ? null : ($"inSync for {Duration(soaked)} of {Duration(soak)}", false);
    }

    private static string Short(string? commit) => commit is null ? "no commit" : commit[..Math.Min(12, commit.Length)];

    private static string Duration(TimeSpan span)
    {
        var seconds = (long)Math.Max(0, span.TotalSeconds);
        return seconds switch
        {
            < 60 => seconds.ToString(CultureInfo.InvariantCulture) + "s",
            < 3600 => $"{seconds / 60}m{(seconds % 60 == 0 ? "" : (seconds % 60).ToString(CultureInfo.InvariantCulture) + "s")}",
            _ => $"{seconds / 3600}h{(seconds % 3600 / 60 == 0 ? "" : (seconds % 3600 / 60).ToString(CultureInfo.InvariantCulture) + "m")}",
        };
    }
}
