using GitOps.Reconciler.Common;
using GitOps.Reconciler.Compose;
using GitOps.Reconciler.Diagnostics;

namespace GitOps.Reconciler.Desired;

/// <summary>
/// A task file as validated once for the whole repo. The image, command and environment may use host
/// variables (<c>${REGISTRY}</c>), so the <see cref="TaskSpec"/> itself is made per host by <see cref="ForHost"/>.
/// </summary>
public sealed record TaskDefinition(
    string Name,
    string File,
    ValueList<string> Targets,
    string Schedule,
    ValueList<string> QuartzCrons,
    TextAt Image,
    IReadOnlyList<TextAt>? Command,
    IReadOnlyList<(string Key, TextAt Value)> Environment,
    ValueList<MountSpec> Mounts,
    TimeSpan Timeout,
    bool Suspended)
{
    public TaskSpec? ForHost(IReadOnlyDictionary<string, string> variables, string host, DiagnosticBag diagnostics)
    {
        string? Fill(TextAt text) => VariableText.Substitute(text.Text, variables, text.Position, diagnostics, host);

        var image = Fill(Image);
        var command = Command?.Select(Fill).ToList();
        var environment = Environment.Select(e => (e.Key, Value: Fill(e.Value))).ToList();
        if (image is null || (command is not null && command.Any(c => c is null)) || environment.Any(e => e.Value is null))
        {
            return null;
        }
        if (image.Length == 0)
        {
            diagnostics.Error(Image.Position, $"image of task '{Name}' is empty for host '{host}'");
            return null;
        }
        if (ImageReference.Problem(image) is { } problem)
        {
            diagnostics.Error(Image.Position, $"invalid image '{image}' of task '{Name}' for host '{host}': {problem}");
            return null;
        }
        return new TaskSpec(
            Name,
            Schedule,
            QuartzCrons,
            image,
            command is null ? null : ValueList.From(command.Select(c => c!)),
            new ValueMap<string>(environment.Select(e => KeyValuePair.Create(e.Key, e.Value!))),
            Mounts,
            Timeout,
            Suspended);
    }
}
