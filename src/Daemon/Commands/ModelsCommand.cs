using System.Globalization;
using System.Text;
using System.Text.Json;
using GitOps.Daemon.Cli;
using GitOps.Reconciler.Models;

namespace GitOps.Daemon.Commands;

/// <summary>
/// <c>gitops-agent models</c>: each model in this host's store with version, digest, path, consumers' files, state and
/// size on disk; <c>gitops-agent models gc [--dry-run]</c>: what garbage collection removes (or removes it).
/// </summary>
public sealed class ModelsCommand : ICommand
{
    public CommandSpec Spec { get; } = new(
        "models",
        "List the models installed on this host, or collect the store's garbage (models gc).",
        [new PositionalSpec("gc", "Remove versions beyond each model's keep, and blobs no version references.", Required: false)],
        [
            new OptionSpec("state-dir", $"The agent's state directory (default {AgentDefaults.StateDirectory}).", TakesValue: true, ValueName: "DIR"),
            new OptionSpec("dry-run", "With gc: only list what would be removed."),
            new OptionSpec("json", "Print as JSON."),
        ],
        "Exit status: 0 on success, 1 on error.");

    public async Task<int> RunAsync(CommandLine args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        var store = new ModelStore(args.Value("state-dir") ?? AgentDefaults.StateDirectory);
        var records = new ModelRecordStore(store);
        if (args.Positionals.Count > 0)
        {
            if (args.Positionals[0] != "gc")
            {
                await error.WriteLineAsync($"gitops-agent models: unknown argument '{args.Positionals[0]}'; expected gc");
                return 1;
            }
            return await CollectAsync(new ModelGarbage(store, records), args.Flag("dry-run"), args.Flag("json"), output);
        }
        var models = new ModelInventory(store, records).List();
        await output.WriteAsync(args.Flag("json") ? JsonSerializer.Serialize(models, CliJson.Options) + "\n" : Table(models));
        return 0;
    }

    private static async Task<int> CollectAsync(ModelGarbage garbage, bool dryRun, bool json, TextWriter output)
    {
        var paths = garbage.Collect();
        if (!dryRun)
        {
            foreach (var path in paths)
            {
                ModelGarbage.Delete(path);
            }
        }
        if (json)
        {
            await output.WriteLineAsync(JsonSerializer.Serialize(new { dryRun, removed = paths }, CliJson.Options));
            return 0;
        }
        foreach (var path in paths)
        {
            await output.WriteLineAsync((dryRun ? "would remove " : "removed ") + path);
        }
        await output.WriteLineAsync(paths.Count == 0 ? "nothing to collect" : $"{paths.Count} {(dryRun ? "would be removed" : "removed")}");
        return 0;
    }

    private static string Table(IReadOnlyList<ModelListing> models)
    {
        if (models.Count == 0)
        {
            return "no models installed\n";
        }
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"{"MODEL",-20} {"VERSION",-12} {"DIGEST",-14} {"STATE",-10} {"SIZE",10}  PATH");
        foreach (var m in models)
        {
            text.AppendLine(CultureInfo.InvariantCulture,
                $"{m.Name,-20} {m.Version ?? "-",-12} {(m.Digest is null ? "-" : m.Digest[..12]),-14} {m.State,-10} {m.SizeOnDisk,10}  {m.Path ?? "-"}");
            if (m.Consumers.Count > 0)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"  consumers: {string.Join(", ", m.Consumers)}");
            }
            if (m.Message is not null)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"  {m.Message}");
            }
        }
        return text.ToString();
    }
}
