using GitOps.Daemon.Cli;
using GitOps.Daemon.Sync;
using GitOps.Reconciler.Reconciliation;
using GitOps.Reconciler.Reporting;
using GitOps.Reconciler.Repository;

namespace GitOps.Daemon.Commands;

public sealed class PlanCommand : ICommand
{
    public CommandSpec Spec { get; } = new(
        "plan",
        "Show what a sync would change on this host (a dry run: nothing is touched).",
        [new PositionalSpec("dir", "The config repository's directory.")],
        [
            new OptionSpec("host", "The host to plan for (default: this machine's hostname).", TakesValue: true, ValueName: "HOST"),
            new OptionSpec("state-dir", $"The agent's state directory (default {AgentDefaults.StateDirectory}).", TakesValue: true, ValueName: "DIR"),
            new OptionSpec("json", "Print the plan as JSON."),
            new OptionSpec("verbose", "Log what the agent does to stderr."),
        ],
        "Exit status: 0 when there is nothing to do, 2 when there are changes, 1 on error.");

    public async Task<int> RunAsync(CommandLine args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var repo = new RepoDirectory(args.Positionals[0]);
        var host = args.Value("host") ?? Environment.MachineName;
        using var loggers = CliLogging.Create(args.Flag("verbose"));
        using var agent = LocalAgent.Open(args.Value("state-dir") ?? AgentDefaults.StateDirectory, host, loggers);
        var result = await agent.Reconciler.PlanAsync(repo, host, revision: null, fullDrift: true, cancellationToken);
        if (result.Plan is null)
        {
            await ResultOutput.WriteFailureAsync(result, error);
            return 1;
        }
        await output.WriteAsync(args.Flag("json") ? PlanJson.Render(result.Plan) + "\n" : PlanText.Render(result.Plan));
        return result.Plan.HasChanges ? 2 : 0;
    }
}
