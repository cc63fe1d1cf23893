using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using GitOps.Daemon.Cli;
using GitOps.Daemon.Rendering;
using GitOps.Reconciler.Compose;
using GitOps.Reconciler.Desired;
using GitOps.Reconciler.Diagnostics;
using GitOps.Reconciler.Repository;

namespace GitOps.Daemon.Commands;

/// <summary><c>render &lt;dir&gt; --host H [--json]</c>: prints what the host would run from this repo, every variable applied.</summary>
/// <param name="loadCompose">Compose loading, replaceable in tests; <see cref="ComposeLoader.Load"/> by default.</param>
public sealed class RenderCommand : ICommand
{
    private readonly Func<ComposeSource, DiagnosticBag, StackSpec?>? _loadCompose;
    private readonly Argument<string> _directory = CliOptions.Directory("The config repository's directory.");

    // Not marked required for the parser: a missing --host gets its own message, then the usage.
    private readonly Option<string?> _host = CliOptions.Host("The host to render for (required).");
    private readonly Option<bool> _json = CliOptions.Json("Print JSON instead of indented text.");
    private readonly Option<bool> _showSecrets = CliOptions.Flag("--show-secrets", "Print secret values in plaintext (masked by default; a warning says it was done).");

    public RenderCommand(Func<ComposeSource, DiagnosticBag, StackSpec?>? loadCompose = null)
    {
        _loadCompose = loadCompose;
        Spec = new CommandSpec(
            "render",
            "Print the effective desired state of one host: its stacks, tasks and models with variables applied.",
            "Exit status: 0 when rendered, 1 when the repository has errors for the host (printed as file:line:col: message).")
        {
            _directory, _host, _json, _showSecrets,
        };
    }

    public CommandSpec Spec { get; }

    public async Task<int> RunAsync(CommandLine args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        var host = args.GetValue(_host);
        if (host is null)
        {
            await error.WriteLineAsync("gitops-agent render: missing option --host HOST");
            await error.WriteAsync(Spec.Usage());
            return 1;
        }
        var directory = args.GetValue(_directory)!;
        if (!Directory.Exists(directory))
        {
            await error.WriteLineAsync($"gitops-agent render: directory '{directory}' does not exist");
            return 1;
        }
        var diagnostics = new DiagnosticBag();
        var state = new DesiredStateLoader(_loadCompose).Load(new RepoDirectory(directory), host, diagnostics);
        foreach (var diagnostic in diagnostics.Sorted().Distinct())
        {
            await error.WriteLineAsync(diagnostic.ToString());
        }
        if (state is null)
        {
            return 1;
        }
        var tree = JsonSerializer.SerializeToNode(state, (JsonTypeInfo<DesiredState>)CliJson.Options.GetTypeInfo(typeof(DesiredState)));
        if (args.GetValue(_showSecrets))
        {
            await error.WriteLineAsync($"WRN render --show-secrets: secret values of host {host} are printed in plaintext");
        }
        else
        {
            RenderMask.Apply(tree, state);
        }
        await output.WriteAsync(args.GetValue(_json) ? tree!.ToJsonString(CliJson.Options) + "\n" : IndentedText.Write(tree));
        return 0;
    }
}
