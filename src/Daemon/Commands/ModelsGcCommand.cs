using System.CommandLine;
using GitOps.Daemon.Cli;
using GitOps.Reconciler.Models;

namespace GitOps.Daemon.Commands;

/// <summary>
/// <c>gitops-agent models gc [--dry-run]</c>: removes from this host's model store the versions beyond each model's
/// <c>keep</c> and the blobs no version references (or, with --dry-run, lists them). A member of the <c>models</c> group
/// beside the <c>models</c> verb itself.
/// </summary>
public sealed class ModelsGcCommand : ICommand
{
    private readonly AgentStateOptions _state = new();
    private readonly Option<bool> _dryRun = CliOptions.Flag("--dry-run", "Only list what would be removed.");
    private readonly Option<bool> _json = CliOptions.Json("Print what was (or would be) removed as JSON.");

    public ModelsGcCommand()
    {
        Spec = new CommandSpec(
            "gc",
            "Remove model versions beyond each model's keep, and blobs no version references.",
            "The current version of every model, and the previous ones its keep asks for, always stay. "
            + "Exit status: 0 on success (even with nothing to collect), 1 on error.")
        {
            Group = "models",
        };
        Spec.AddAll([_state.StateDirectory, _state.Config, _dryRun, _json]);
    }

    public CommandSpec Spec { get; }

    public async Task<int> RunAsync(CommandLine args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (await ModelStoreOpening.OpenAsync(_state, args, error) is not { } opened)
        {
            return 1;
        }
        var dryRun = args.GetValue(_dryRun);
        var paths = new ModelGarbage(opened.Store, opened.Records).Collect();
        if (!dryRun)
        {
            foreach (var path in paths)
            {
                ModelGarbage.Delete(path);
            }
        }
        if (args.GetValue(_json))
        {
            await output.WriteLineAsync(CliJson.Serialize(new ModelCollectionJson(dryRun, paths), CliJsonContext.Default.ModelCollectionJson));
            return 0;
        }
        foreach (var path in paths)
        {
            await output.WriteLineAsync((dryRun ? "would remove " : "removed ") + path);
        }
        await output.WriteLineAsync(paths.Count == 0 ? "nothing to collect" : $"{paths.Count} {(dryRun ? "would be removed" : "removed")}");
        return 0;
    }
}
