using System.CommandLine;
using GitOps.Daemon.Cli;
using GitOps.Daemon.Rendering;
using GitOps.Daemon.Sync;
using GitOps.Reconciler.Configuration;
using GitOps.Reconciler.Reconciliation;
using GitOps.Reconciler.Reporting;
using GitOps.Reconciler.Tasks;

namespace GitOps.Daemon.Commands;

public sealed class PlanCommand : ICommand
{
    private readonly SyncTargetOptions _target = new("The host to plan for (default: this machine's hostname).");
    private readonly Option<bool> _json = CliOptions.Json("Print the plan as JSON.");

    public PlanCommand()
    {
        Spec = new CommandSpec(
            "plan",
            "Show what a sync would change on this host (a dry run: nothing is touched).",
            "Without <dir>, pulls the configured repository (fetch, verify) under the host's lock, like the daemon.\n"
            + "Shows the changes of every kind: stacks, and scheduled tasks against the daemon's job store.\n"
            + "Exit status: 0 when there is nothing to do, 2 when there are changes (tasks included), 1 on error.")
        {
            _target.Directory, _target.Host,
        };
        Spec.AddAll([.. _target.Rest, _json]);
    }

    public CommandSpec Spec { get; }

    public async Task<int> RunAsync(CommandLine args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        using var loggers = CliLogging.Create(args.GetValue(_target.Verbose));
        using var target = await SyncTarget.OpenAsync(args, _target, loggers, takeLock: false, error, cancellationToken);
        if (target is null)
        {
            return 1;
        }
        // The tasks kind is planned against the daemon's job store, read and never started.
        await using var schedule = await TaskSchedule.OpenForPlanAsync(
            new TaskScheduleOptions { StateDirectory = target.StateDirectory }, TimeProvider.System, loggers, cancellationToken);
        target.Tasks.Schedule ??= (ITaskKind?)schedule ?? UnscheduledTasks.Instance;
        var result = await target.Reconciler.PlanAsync(target.Repo, target.Host, target.Revision, fullDrift: true, cancellationToken);
        if (result.Plan is null)
        {
            await ResultOutput.WriteFailureAsync(result, error);
            return 1;
        }
        if (args.GetValue(_json))
        {
            await output.WriteAsync(PlanJson.Render(result.Plan) + "\n");
        }
        else if (Terminal.IsInteractive(output))
        {
            PlanConsole.Write(result.Plan, Terminal.Create(output, colour: true));
        }
        else
        {
            await output.WriteAsync(PlanText.Render(result.Plan));
        }
        return result.Plan.HasChanges ? 2 : 0;
    }
}
