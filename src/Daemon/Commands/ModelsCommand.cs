using System.CommandLine;
using System.Globalization;
using System.Text;
using GitOps.Daemon.Cli;
using GitOps.Reconciler.Models;

namespace GitOps.Daemon.Commands;

/// <summary>
/// <c>gitops-agent models</c>: each model in this host's store with version, digest, path, consumers, files, state and
/// size on disk. Read from the store alone, without the repository; <c>models gc</c> (<see cref="ModelsGcCommand"/>)
/// collects its garbage.
/// </summary>
public sealed class ModelsCommand : ICommand
{
    private readonly AgentStateOptions _state = new();
    private readonly Option<bool> _json = CliOptions.Json("Print the models as JSON.");

    public ModelsCommand()
    {
        Spec = new CommandSpec(
            "models",
            "List the models installed on this host (version, digest, path, consumers, state, size on disk).",
            "'gitops-agent models gc' removes versions beyond each model's keep and blobs no version references. "
            + "Exit status: 0 when the store was read (even when empty), 1 on error.");
        Spec.AddAll([_state.StateDirectory, _state.Config, _json]);
    }

    public CommandSpec Spec { get; }

    public async Task<int> RunAsync(CommandLine args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (await ModelStoreOpening.OpenAsync(_state, args, error) is not { } opened)
        {
            return 1;
        }
        var models = new ModelInventory(opened.Store, opened.Records).List();
        await output.WriteAsync(args.GetValue(_json) ? CliJson.Serialize(models, CliJsonContext.Default.IReadOnlyListModelListing) + "\n" : Table(models));
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
