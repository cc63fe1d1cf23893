using System.CommandLine;
using System.Text.Json;
using GitOps.Daemon.Cli;
using GitOps.Daemon.Rendering;
using GitOps.Daemon.Sync;
using GitOps.Reconciler.Configuration;
using GitOps.Reconciler.Reconciliation;
using GitOps.Reconciler.Reporting;

namespace GitOps.Daemon.Commands;

public sealed class SyncCommand : ICommand
{
    private readonly SyncTargetOptions _target = new("The host to converge as (default: this machine's hostname).");
    private readonly Option<bool> _json = CliOptions.Json("Print the result as JSON instead of progress and a table.");

    public SyncCommand()
    {
        Spec = new CommandSpec(
            "sync",
            "Reconcile this host once: validate, plan, apply, and print the result.",
            "Exit status: 0 when the host converged (or nothing was to do), 1 when validation, a pull, a health gate or the engine failed.\n"
            + "Without <dir>, pulls the configured repository (fetch, verify) the way the daemon does.\n"
            + "Waits while another reconcile (the daemon, another sync) holds the host's lock.")
        {
            _target.Directory, _target.Host,
        };
        Spec.AddAll([.. _target.Rest, _json]);
    }

    public CommandSpec Spec { get; }

    public async Task<int> RunAsync(CommandLine args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var json = args.GetValue(_json);
        var colour = !json && Terminal.IsInteractive(output);
        using var loggers = CliLogging.Create(args.GetValue(_target.Verbose));
        using var target = await SyncTarget.OpenAsync(args, _target, loggers, takeLock: true, error, cancellationToken);
        if (target is null)
        {
            return 1;
        }

        var planned = await target.Reconciler.PlanAsync(target.Repo, target.Host, target.Revision, fullDrift: true, cancellationToken);
        if (colour && planned.Plan is not null)
        {
            PlanConsole.Write(planned.Plan, Terminal.Create(output, colour: true));
        }
        else if (!json && planned.Plan is not null)
        {
            await output.WriteAsync(PlanText.Render(planned.Plan));
        }
        var result = await target.Reconciler.ApplyAsync(planned, json ? null : new SyncProgress(output, colour), cancellationToken);
        if (json)
        {
            await output.WriteLineAsync(ReconcileResultJson.Serialize(ReconcileResultJson.From(result)));
        }
        else if (result.Plan is null)
        {
            await ResultOutput.WriteFailureAsync(result, error);
        }
        else
        {
            SyncSummary.Write(result, output, colour);
        }
        await SyncReport.ReportAsync(target, result, error, cancellationToken);
        return result.Failed ? 1 : 0;
    }
}
