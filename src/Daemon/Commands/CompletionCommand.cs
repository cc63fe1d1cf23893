using System.CommandLine;
using GitOps.Daemon.Cli;

namespace GitOps.Daemon.Commands;

/// <summary><c>completion bash|zsh</c>: prints a shell completion script for every verb and option of this executable.</summary>
/// <param name="verbs">The verbs to complete (the catalog), read when the script is printed.</param>
public sealed class CompletionCommand : ICommand
{
    private readonly Func<IReadOnlyList<ICommand>> _verbs;
    private readonly Argument<string> _shell = new("shell") { Description = "The shell: bash or zsh." };

    public CompletionCommand(Func<IReadOnlyList<ICommand>> verbs)
    {
        _verbs = verbs;
        _shell.AcceptOnlyFromAmong([.. CompletionScript.Shells]);
        Spec = new CommandSpec(
            "completion",
            "Print a shell completion script for bash or zsh.",
            "bash: source <(gitops-agent completion bash), or save it as /etc/bash_completion.d/gitops-agent.\n"
            + "zsh: source <(gitops-agent completion zsh) after compinit, or save it as _gitops-agent in a directory of $fpath.")
        {
            _shell,
        };
    }

    public CommandSpec Spec { get; }

    public async Task<int> RunAsync(CommandLine args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        var verbs = _verbs().Select(v => v.Spec).ToList();
        await output.WriteAsync(CompletionScript.For(args.GetValue(_shell)!, verbs));
        return 0;
    }
}
