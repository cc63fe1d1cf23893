using System.CommandLine;
using System.Globalization;
using System.Text;
using GitOps.Daemon.Cli;
using GitOps.Reconciler.Fleet;

namespace GitOps.Daemon.Commands;

/// <summary>
/// <c>fleet status</c>: one line per host of the inventory, worst first, from the fleet store and the config
/// repository (the agent's clone: the inventory and the ref's head at the followed ref).
/// </summary>
public sealed class FleetStatusCommand : ICommand
{
    private readonly FleetVerbOptions _fleet = new();
    private readonly Option<bool> _json = CliOptions.Json("Print the hosts as JSON (docs/fleet.md).");
    private readonly Option<string?> _group = CliOptions.Value("--group", "GROUP", "Only the hosts of this inventory group (or this one host).");
    private readonly Option<string?> _repo = CliOptions.Value("--repo", "DIR", "A git repository of the config repo to read the inventory and head from, at its HEAD (default: the agent's clone at the followed ref).");

    public FleetStatusCommand()
    {
        Spec = new CommandSpec(
            "status",
            "Show every host of the inventory with its status in the fleet store, worst first.",
            "Statuses, worst first: failed, stalled, drifted, converging, unresponsive (never reported, or no report for "
            + $"{FleetView.MissedIntervals} of its poll intervals), suspended, inSync. "
            + "Exit status: 0 when every host listed is in sync, 2 when any is not, 1 on errors (no store, no inventory).")
        {
            Group = "fleet",
        };
        Spec.AddAll([.. _fleet.All, _json, _group, _repo]);
    }

    public CommandSpec Spec { get; }

    public async Task<int> RunAsync(CommandLine args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        var lines = await FleetLines.ReadAsync(_fleet, args, args.GetValue(_repo), args.GetValue(_group), "fleet status", error, cancellationToken);
        if (lines is null)
        {
            return 1;
        }
        if (args.GetValue(_json))
        {
            await output.WriteLineAsync(CliJson.Serialize(lines.Hosts, CliJsonContext.Default.IReadOnlyListFleetHostLine));
        }
        else
        {
            await output.WriteAsync(Render(lines.Hosts, lines.Head));
        }
        return FleetView.ExitCode(lines.Hosts);
    }

    /// <summary>A header line and one aligned line per host.</summary>
    public static string Render(IReadOnlyList<FleetHostLine> hosts, string head)
    {
        ArgumentNullException.ThrowIfNull(hosts);
        ArgumentNullException.ThrowIfNull(head);
        var rows = hosts.Select(h => new[]
        {
            h.Host,
            FleetLines.StatusText(h.Status),
            h.Commit is null ? "-" : h.Commit[..Math.Min(12, h.Commit.Length)] + (h.Behind is { } behind ? behind == 0 ? " (head)" : $" ({behind} behind)" : ""),
            h.ReportAgeSeconds is { } age ? Age(age) : "never",
            h.Drifted.ToString(CultureInfo.InvariantCulture),
            h.Failed.ToString(CultureInfo.InvariantCulture),
            OneLine(h.Reason),
        }).Prepend(["HOST", "STATUS", "REVISION", "REPORTED", "DRIFTED", "FAILED", "REASON"]).ToList();
        var widths = Enumerable.Range(0, 7).Select(i => rows.Max(r => r[i].Length)).ToArray();
        var text = new StringBuilder().Append("head ").Append(head[..Math.Min(12, head.Length)]).Append('\n');
        foreach (var row in rows)
        {
            text.Append(string.Join("  ", row.Select((cell, i) => cell.PadRight(widths[i]))).TrimEnd()).Append('\n');
        }
        return text.ToString();
    }

    /// <summary>A reason on the host's one line (an engine's error may span several).</summary>
    private static string OneLine(string? reason) =>
        reason is null ? "" : string.Join(' ', reason.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    private static string Age(double seconds) => seconds switch
    {
        < 120 => $"{seconds:0}s ago",
        < 7200 => $"{seconds / 60:0}m ago",
        < 172800 => $"{seconds / 3600:0}h ago",
        _ => $"{seconds / 86400:0}d ago",
    };
}
