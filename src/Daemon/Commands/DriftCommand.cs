using GitOps.Daemon.Cli;
using GitOps.Daemon.Sync;
using GitOps.Reconciler.Reporting.Drift;
using GitOps.Reconciler.Repository;

namespace GitOps.Daemon.Commands;

/// <summary>
/// Prints the latest drift report of this host from the state directory, so it works whether or not the daemon
/// runs. <c>--refresh</c> probes now (load, probe, plan; nothing is applied), saves the fresh report and prints it.
/// </summary>
public sealed class DriftCommand(TimeProvider time) : ICommand
{
    public DriftCommand()
        : this(TimeProvider.System)
    {
    }

    public CommandSpec Spec { get; } = new(
        "drift",
        "Show how this host compares with its revision, per stack and resource.",
        [],
        [
            new OptionSpec("state-dir", $"The agent's state directory (default {AgentDefaults.StateDirectory}).", TakesValue: true, ValueName: "DIR"),
            new OptionSpec("json", "Print the report as JSON (docs/drift-report.md)."),
            new OptionSpec("refresh", "Probe the host now against --repo instead of reading the saved report; saves the fresh one."),
            new OptionSpec("repo", "With --refresh: the config repository's directory.", TakesValue: true, ValueName: "DIR"),
            new OptionSpec("host", "With --refresh: the host to compare as (default: this machine's hostname).", TakesValue: true, ValueName: "HOST"),
            new OptionSpec("verbose", "Log what the agent does to stderr."),
        ],
        "Exit status: 0 when the host is in sync, 2 when anything drifted, failed or is stalled, 1 when there is no report or it cannot be made.");

    public async Task<int> RunAsync(CommandLine args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        var stateDirectory = args.Value("state-dir") ?? AgentDefaults.StateDirectory;
        var store = new DriftReportStore(stateDirectory);
        DriftReport? report;
        if (args.Flag("refresh"))
        {
            report = await RefreshAsync(args, stateDirectory, store, error, cancellationToken);
        }
        else
        {
            report = store.Latest;
            if (report is null)
            {
                await error.WriteLineAsync(
                    $"gitops-agent drift: no drift report in {stateDirectory} yet (the daemon writes one after each reconcile; "
                    + "'drift --refresh --repo DIR' makes one now)");
            }
        }
        if (report is null)
        {
            return DriftExitCode.Error;
        }
        var json = args.Flag("json");
        var colour = !json && !Console.IsOutputRedirected && output == Console.Out;
        await output.WriteAsync(json ? DriftReportJson.Serialize(report) + "\n" : DriftTable.Render(report, colour));
        return DriftExitCode.Of(report);
    }

    private async Task<DriftReport?> RefreshAsync(
        CommandLine args, string stateDirectory, DriftReportStore store, TextWriter error, CancellationToken cancellationToken)
    {
        if (args.Value("repo") is not { } repoPath)
        {
            await error.WriteLineAsync("gitops-agent drift: --refresh needs --repo DIR (the config repository to compare with)");
            return null;
        }
        var host = args.Value("host") ?? Environment.MachineName;
        using var loggers = CliLogging.Create(args.Flag("verbose"));
        using var agent = LocalAgent.Open(stateDirectory, host, loggers);
        var planned = await agent.Reconciler.PlanAsync(new RepoDirectory(repoPath), host, revision: null, fullDrift: true, cancellationToken);
        if (planned.Plan is null)
        {
            await ResultOutput.WriteFailureAsync(planned, error);
            return null;
        }
        var report = DriftReportBuilder.Build(new DriftReportInput(planned.Plan, Revision: null, time.GetUtcNow())
        {
            Previous = store.Latest,
            LastError = planned.Error,
        });
        store.Save(report);
        return report;
    }
}
