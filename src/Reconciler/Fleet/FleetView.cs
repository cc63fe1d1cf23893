using GitOps.Reconciler.Common;

namespace GitOps.Reconciler.Fleet;

/// <summary>
/// The fleet as <c>fleet status</c> shows it, from the inventory and the store's rows: pure, so the ranking and the
/// unresponsive rule are tested without a database.
/// </summary>
public static class FleetView
{
    /// <summary>Reports missed before a host counts as unresponsive.</summary>
    public const int MissedIntervals = 3;

    /// <param name="inventory">The inventory's hosts with their groups.</param>
    /// <param name="behind">Commits from a host's commit to the ref's head; null when unknown.</param>
    public static IReadOnlyList<FleetHostLine> Lines(
        IReadOnlyDictionary<string, ValueList<string>> inventory, IReadOnlyList<FleetHostRow> rows, Func<string, int?> behind)
    {
        ArgumentNullException.ThrowIfNull(inventory);
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(behind);
        var byHost = rows.ToDictionary(r => r.Host, StringComparer.Ordinal);
        // Once per commit, not per host: a fleet runs a handful of commits, and each count walks the history.
        var counted = new Dictionary<string, int?>(StringComparer.Ordinal);
        int? Behind(string commit) => counted.TryGetValue(commit, out var known) ? known : counted[commit] = behind(commit);
        return [.. inventory
            .Select(host => Line(host.Key, host.Value, byHost.GetValueOrDefault(host.Key), Behind))
            .OrderBy(line => line.Status)
            .ThenBy(line => line.Host, StringComparer.Ordinal)];
    }

    public static FleetStatus StatusOf(FleetHostRow? row)
    {
        if (row is null || row.Age > row.PollInterval * MissedIntervals)
        {
            return FleetStatus.Unresponsive;
        }
        return row.Status switch
        {
            "failed" => FleetStatus.Failed,
            "stalled" => FleetStatus.Stalled,
            "drifted" => FleetStatus.Drifted,
            "converging" => FleetStatus.Converging,
            "suspended" => FleetStatus.Suspended,
            "inSync" => FleetStatus.InSync,
            // A status a newer agent writes and this build does not know is not called healthy.
            _ => FleetStatus.Drifted,
        };
    }

    /// <summary>0 when every host listed is in sync (or suspended), 2 otherwise: as <c>drift</c> for one host.</summary>
    public static int ExitCode(IReadOnlyList<FleetHostLine> lines) =>
        lines.All(l => l.Status is FleetStatus.InSync or FleetStatus.Suspended) ? 0 : 2;

    private static FleetHostLine Line(string host, ValueList<string> groups, FleetHostRow? row, Func<string, int?> behind) => new(
        host,
        groups,
        StatusOf(row),
        row?.Status,
        row?.Commit,
        row?.Commit is { } commit ? behind(commit) : null,
        row is null ? null : Math.Round(row.Age.TotalSeconds, 1),
        row?.Drifted ?? 0,
        row?.Failed ?? 0,
        row?.AgentVersion)
    {
        Reason = row?.Reason,
    };
}
