using System.Text.Json;
using GitOps.Daemon.Cli;
using GitOps.Daemon.Sync;
using GitOps.Reconciler.Reconciliation;
using GitOps.Reconciler.Reporting;
using GitOps.Reconciler.Repository;
using GitOps.Reconciler.State;

namespace GitOps.Daemon.Commands;

public sealed class SyncCommand : ICommand
{
    private static readonly TimeSpan LockWait = TimeSpan.FromMinutes(10);

    public CommandSpec Spec { get; } = new(
        "sync",
        "Reconcile this host once: validate, plan, apply, and print the result.",
        [new PositionalSpec("dir", "The config repository's directory.")],
        [
            new OptionSpec("host", "The host to converge as (default: this machine's hostname).", TakesValue: true, ValueName: "HOST"),
            new OptionSpec("state-dir", $"The agent's state directory (default {AgentDefaults.StateDirectory}).", TakesValue: true, ValueName: "DIR"),
            new OptionSpec("json", "Print the result as JSON instead of progress and a table."),
            new OptionSpec("verbose", "Log what the agent does to stderr."),
        ],
        "Exit status: 0 when the host converged (or nothing was to do), 1 when validation, a pull, a health gate or the engine failed.\n"
        + "Waits while another reconcile (the daemon, another sync) holds the host's lock.");

    public async Task<int> RunAsync(CommandLine args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var repo = new RepoDirectory(args.Positionals[0]);
        var host = args.Value("host") ?? Environment.MachineName;
        var stateDirectory = args.Value("state-dir") ?? AgentDefaults.StateDirectory;
        var json = args.Flag("json");
        var colour = !json && !Console.IsOutputRedirected && output == Console.Out;
        using var loggers = CliLogging.Create(args.Flag("verbose"));
        Directory.CreateDirectory(stateDirectory);
        using var hostLock = await ReconcileLock.AcquireAsync(stateDirectory, LockWait, TimeProvider.System, cancellationToken);
        using var agent = LocalAgent.Open(stateDirectory, host, loggers);

        var planned = await agent.Reconciler.PlanAsync(repo, host, revision: null, fullDrift: true, cancellationToken);
        if (!json && planned.Plan is not null)
        {
            await output.WriteAsync(PlanText.Render(planned.Plan));
        }
        var result = await agent.Reconciler.ApplyAsync(planned, json ? null : new SyncProgress(output, colour), cancellationToken);
        if (json)
        {
            await output.WriteLineAsync(JsonSerializer.Serialize(ReconcileResultJson.From(result), ReconcileResultJson.Options));
        }
        else if (result.Plan is null)
        {
            await ResultOutput.WriteFailureAsync(result, error);
        }
        else
        {
            SyncSummary.Write(result, output, colour);
        }
        return result.Failed ? 1 : 0;
    }
}
