using System.CommandLine;
using GitOps.Daemon.Cli;
using GitOps.Daemon.Rendering;
using GitOps.Daemon.Sync;
using GitOps.Reconciler.Reporting.Drift;
using GitOps.Reconciler.Repository;

namespace GitOps.Daemon.Commands;

/// <summary>
/// Prints the latest drift report of this host from the state directory, so it works whether or not the daemon
/// runs. <c>--refresh</c> probes now (load, probe, plan; nothing is applied), saves the fresh report and prints it.
/// </summary>
public sealed class DriftCommand : ICommand
{
    private readonly TimeProvider _time;
    private readonly AgentStateOptions _state = new();
    private readonly Option<bool> _json = CliOptions.Json("Print the report as JSON (docs/drift-report.md).");
    private readonly Option<bool> _refresh =
        CliOptions.Flag("--refresh", "Probe the host now against --repo instead of reading the saved report; saves the fresh one.");
    private readonly Option<string?> _repo = CliOptions.Value("--repo", "DIR", "With --refresh: the config repository's directory.");
    private readonly Option<string?> _host = CliOptions.Host("With --refresh: the host to compare as (default: this machine's hostname).");
    private readonly Option<bool> _verbose = CliOptions.Verbose();

    public DriftCommand()
        : this(TimeProvider.System)
    {
    }

    public DriftCommand(TimeProvider time)
    {
        _time = time;
        Spec = new CommandSpec(
            "drift",
            "Show how this host compares with its revision, per stack and resource.",
            "Exit status: 0 when the host is in sync, 2 when anything drifted, failed or is stalled, 1 when there is no report or it cannot be made.");
        Spec.AddAll([_state.StateDirectory, _state.Config, _json, _refresh, _repo, _host, _verbose]);
    }

    public CommandSpec Spec { get; }

    public async Task<int> RunAsync(CommandLine args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        if (await _state.ResolveAsync(args, error) is not { } stateDirectory)
        {
            return DriftExitCode.Error;
        }
        var store = new DriftReportStore(stateDirectory);
        DriftReport? report;
        if (args.GetValue(_refresh))
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
        await DriftOutput.WriteAsync(report, args.GetValue(_json), output);
        return DriftExitCode.Of(report);
    }

    private async Task<DriftReport?> RefreshAsync(
        CommandLine args, string stateDirectory, DriftReportStore store, TextWriter error, CancellationToken cancellationToken)
    {
        if (args.GetValue(_repo) is not { } repoPath)
        {
            await error.WriteLineAsync("gitops-agent drift: --refresh needs --repo DIR (the config repository to compare with)");
            return null;
        }
        // The host's age key and secrets directory are its agent.yaml's, as the daemon's are.
        var (ok, config) = await OptionalAgentConfig.ReadAsync(args.GetValue(_state.Config), error);
        if (!ok)
        {
            return null;
        }
        var host = args.GetValue(_host) ?? config?.Host ?? Environment.MachineName;
        using var loggers = CliLogging.Create(args.GetValue(_verbose));
        using var agent = LocalAgent.Open(stateDirectory, host, loggers, config);
        agent.Reconciler.VerifyContent = true;
        var planned = await agent.Reconciler.PlanAsync(new RepoDirectory(repoPath), host, revision: null, fullDrift: true, cancellationToken);
        if (planned.Plan is null)
        {
            await ResultOutput.WriteFailureAsync(planned, error);
            return null;
        }
        var report = DriftReportBuilder.Build(new DriftReportInput(planned.Plan, Revision: null, _time.GetUtcNow())
        {
            Previous = store.Latest,
            LastError = planned.Error,
        });
        store.Save(report);
        return report;
    }
}
