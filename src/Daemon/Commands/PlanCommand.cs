using GitOps.Daemon.Cli;
using GitOps.Daemon.Sync;
using GitOps.Reconciler.Configuration;
using GitOps.Reconciler.Models;
using GitOps.Reconciler.Reconciliation;
using GitOps.Reconciler.Reporting;

namespace GitOps.Daemon.Commands;

public sealed class PlanCommand : ICommand
{
    public CommandSpec Spec { get; } = new(
        "plan",
        "Show what a sync would change on this host (a dry run: nothing is touched).",
        [SyncTarget.RepositoryArgument],
        [
            new OptionSpec("host", "The host to plan for (default: this machine's hostname).", TakesValue: true, ValueName: "HOST"),
            .. SyncTarget.Options,
            new OptionSpec("json", "Print the plan as JSON."),
        ],
        "Without <dir>, pulls the configured repository (fetch, verify) under the host's lock, like the daemon.\n"
        + "Exit status: 0 when there is nothing to do, 2 when there are changes, 1 on error.");

    public async Task<int> RunAsync(CommandLine args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        using var loggers = CliLogging.Create(args.Flag("verbose"));
        using var target = await SyncTarget.OpenAsync(args, loggers, takeLock: false, error, cancellationToken);
        if (target is null)
        {
            return 1;
        }
        var result = await target.Reconciler.PlanAsync(target.Repo, target.Host, target.Revision, fullDrift: true, cancellationToken);
        if (result.Plan is null)
        {
            await ResultOutput.WriteFailureAsync(result, error);
            return 1;
        }
        await output.WriteAsync(args.Flag("json") ? PlanJson.Render(result.Plan) + "\n" : PlanText.Render(result.Plan) + ModelPlanText.Render(result.ModelPlan));
        return result.Plan.HasChanges || result.ModelPlan?.HasChanges == true ? 2 : 0;
    }
}
