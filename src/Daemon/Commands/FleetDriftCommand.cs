using System.CommandLine;
using System.Text.Json;
using GitOps.Daemon.Cli;
using GitOps.Daemon.Rendering;
using GitOps.Reconciler.Reporting.Drift;

namespace GitOps.Daemon.Commands;

/// <summary><c>fleet drift HOST</c>: a host's latest drift report from the fleet store, shown as <c>drift</c> shows this host's.</summary>
public sealed class FleetDriftCommand : ICommand
{
    private readonly Argument<string> _host = new("host") { Description = "The host's name in the inventory." };
    private readonly FleetVerbOptions _fleet = new();
    private readonly Option<bool> _json = CliOptions.Json("Print the report as JSON (docs/drift-report.md).");

    public FleetDriftCommand()
    {
        Spec = new CommandSpec(
            "drift",
            "Show one host's latest drift report from the fleet store, as drift shows this host's.",
            "Exit status: as drift: 0 when the host is in sync, 2 when anything drifted, failed or is stalled, 1 when the host never reported or the store cannot be read.")
        {
            Group = "fleet",
        };
        Spec.Add(_host);
        Spec.AddAll([.. _fleet.All, _json]);
    }

    public CommandSpec Spec { get; }

    public async Task<int> RunAsync(CommandLine args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        var host = args.GetValue(_host)!;
        var (ok, config) = await _fleet.LoadAsync(args, error, needsConfig: false);
        if (!ok)
        {
            return DriftExitCode.Error;
        }
        await using var store = await _fleet.OpenAsync(args, config, "fleet drift", error);
        if (store is null)
        {
            return DriftExitCode.Error;
        }
        DriftReport report;
        try
        {
            if (await store.ReadReportAsync(host, cancellationToken) is not { } json)
            {
                await error.WriteLineAsync($"gitops-agent fleet drift: host '{host}' has not reported to the fleet store");
                return DriftExitCode.Error;
            }
            report = DriftReportJson.Deserialize(json);
        }
        catch (Exception e) when (FleetVerbOptions.IsStoreError(e) || e is JsonException or NotSupportedException)
        {
            await error.WriteLineAsync($"gitops-agent fleet drift: {FleetVerbOptions.Describe(e)}");
            return DriftExitCode.Error;
        }
        await DriftOutput.WriteAsync(report, args.GetValue(_json), output);
        return DriftExitCode.Of(report);
    }
}
