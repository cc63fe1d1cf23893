using System.CommandLine;
using System.Text;
using GitOps.Daemon.Cli;
using GitOps.Reconciler.Fleet;

namespace GitOps.Daemon.Commands;

/// <summary><c>fleet revisions</c>: which hosts of the inventory run which commit, the ref's head first (rollout progress).</summary>
public sealed class FleetRevisionsCommand : ICommand
{
    private readonly FleetVerbOptions _fleet = new();
    private readonly Option<bool> _json = CliOptions.Json("Print the commits and their hosts as JSON.");
    private readonly Option<string?> _group = CliOptions.Value("--group", "GROUP", "Only the hosts of this inventory group (or this one host).");
    private readonly Option<string?> _repo = CliOptions.Value("--repo", "DIR", "A git repository of the config repo to read the inventory and head from, at its HEAD (default: the agent's clone at the followed ref).");

    public FleetRevisionsCommand()
    {
        Spec = new CommandSpec(
            "revisions",
            "Show which hosts of the inventory run which commit, the ref's head first.",
            "Exit status: 0 when every host listed is in sync, 2 when any is not, 1 on errors (as fleet status).")
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
        var lines = await FleetLines.ReadAsync(_fleet, args, args.GetValue(_repo), args.GetValue(_group), "fleet revisions", error, cancellationToken);
        if (lines is null)
        {
            return 1;
        }
        var revisions = FleetRevision.Of(lines.Hosts);
        if (args.GetValue(_json))
        {
            await output.WriteLineAsync(CliJson.Serialize(revisions, CliJsonContext.Default.IReadOnlyListFleetRevision));
        }
        else
        {
            await output.WriteAsync(Render(revisions, lines.Hosts.Count));
        }
        return FleetView.ExitCode(lines.Hosts);
    }

    public static string Render(IReadOnlyList<FleetRevision> revisions, int hostCount)
    {
        ArgumentNullException.ThrowIfNull(revisions);
        var text = new StringBuilder();
        foreach (var revision in revisions)
        {
            var commit = revision.Commit is null ? "(none)      " : revision.Commit[..Math.Min(12, revision.Commit.Length)];
            var where = revision.Commit is null ? "never reported" : revision.Behind switch { 0 => "head", { } n => $"{n} behind", null => "not in the clone" };
            text.Append(commit).Append("  ").Append($"{revision.Hosts.Count}/{hostCount} hosts").Append("  ").Append(where)
                .Append("  ").Append(string.Join(", ", revision.Hosts)).Append('\n');
        }
        return text.ToString();
    }
}
