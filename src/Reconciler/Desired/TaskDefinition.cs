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
    TextAt Image,
    IReadOnlyList<TextAt>? Command,
    IReadOnlyList<(string Key, TextAt Value)> Environment)
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
        if (image.Length == 0 && Settings.Exec is null)
        {
            diagnostics.Error(Image.Position, $"image of task '{Name}' is empty for host '{host}'");
            return null;
        }
        if (image.Length > 0 && ImageReference.Problem(image) is { } problem)
        {
            diagnostics.Error(Image.Position, $"invalid image '{image}' of task '{Name}' for host '{host}': {problem}");
            return null;
        }
        // env_file values first, environment: overrides them (compose's order); env_file values are taken literally.
        var merged = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in EnvFileValues)
        {
            merged[key] = value;
        }
        foreach (var (key, value) in environment)
        {
            merged[key] = value!;
        }
        return Settings with
        {
            Image = image,
            Command = command is null ? null : ValueList.From(command.Select(c => c!)),
            Environment = ValueMap.From(merged),
        };
    }

    /// <summary>KEY=value pairs of the task's <c>env_file</c>, in file order.</summary>
    public IReadOnlyList<(string Key, string Value)> EnvFileValues { get; init; } = [];

    /// <summary>
    /// The task's settings that need no host variables (schedule, exec target, user, network, concurrency, retries…),
    /// as a spec whose image, command and environment <see cref="ForHost"/> fills in for each host.
    /// </summary>
    public required TaskSpec Settings { get; init; }

    /// <summary>Where the task's volumes and user are written, for a host policy's refusals.</summary>
    public SettingPositions? Positions { get; init; }

    /// <summary>Where <c>exec:</c> is written, for errors found per host (a stack or service the host does not run).</summary>
    public SourcePosition? ExecAt { get; init; }

    public SourcePosition? NetworkAt { get; init; }

    /// <summary>Where <c>runOn:</c> is written, for errors found per host (no fleet store, hosts that disagree).</summary>
    public SourcePosition? RunOnAt { get; init; }
}
