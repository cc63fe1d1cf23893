using System.CommandLine;

namespace GitOps.Daemon.Cli;

/// <summary>
/// Finds the verb, parses its options with System.CommandLine (the verbs are the root command's subcommands; a
/// two-word verb such as <c>task run</c> is a subcommand of its group), prints help or usage errors, and runs it.
/// </summary>
public sealed class CommandDispatcher(IReadOnlyList<ICommand> commands)
{
    public const string Summary = "gitops-agent: pull-based GitOps for Docker hosts";

    private readonly RootCommand _root = Root(commands);

    public async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
        {
            await output.WriteAsync(Overview());
            return args.Length == 0 ? 1 : 0;
        }
        var command = args.Length > 1 ? commands.FirstOrDefault(c => c.Spec.Group == args[0] && c.Spec.Name == args[1]) : null;
        command ??= commands.FirstOrDefault(c => c.Spec.Group is null && c.Spec.Name == args[0]);
        if (command is null && commands.Any(c => c.Spec.Group == args[0]))
        {
            // A group named without one of its verbs: list them; exit 0 only when that was asked for with --help.
            await output.WriteAsync(Overview(args[0]));
            return args.Length > 1 && args[1] is "-h" or "--help" ? 0 : 1;
        }
        if (command is null)
        {
            await error.WriteLineAsync($"gitops-agent: unknown command '{args[0]}'. Run 'gitops-agent --help' for the list.");
            return 1;
        }
        var name = command.Spec.FullName;
        CommandLine line;
        try
        {
            line = CommandLine.From(_root.Parse(args), command.Spec);
        }
        catch (UsageException ex)
        {
            await error.WriteLineAsync($"gitops-agent {name}: {ex.Message}");
            await error.WriteAsync(command.Spec.Usage());
            return 1;
        }
        if (line.Help)
        {
            await output.WriteAsync(command.Spec.Usage());
            return 0;
        }
        try
        {
            return await command.RunAsync(line, output, error, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await error.WriteLineAsync($"gitops-agent {name}: interrupted");
            return 130;
        }
#pragma warning disable CA1031 // The last resort of every verb: one line for people, never a stack trace.
        catch (Exception ex) when (ex is not OutOfMemoryException)
#pragma warning restore CA1031
        {
            await error.WriteLineAsync($"gitops-agent {name}: {ex.Message}");
            return 1;
        }
    }

    /// <summary>
    /// The executable's command tree: every verb a subcommand, the members of a group under a command of the group's
    /// name. The root's own default options (help, version) are dropped: <c>--help</c> belongs to each verb and the
    /// version is a verb.
    /// </summary>
    public static RootCommand Root(IEnumerable<ICommand> commands)
    {
        ArgumentNullException.ThrowIfNull(commands);
        var root = new RootCommand(Summary);
        root.Options.Clear();
        var groups = new Dictionary<string, Command>(StringComparer.Ordinal);
        foreach (var spec in commands.Select(c => c.Spec))
        {
            if (spec.Group is null)
            {
                root.Subcommands.Add(spec);
                continue;
            }
            if (!groups.TryGetValue(spec.Group, out var group))
            {
                // A group may share its name with a verb listed before it (models, models gc): its members are that verb's subcommands.
                group = root.Subcommands.FirstOrDefault(c => c.Name == spec.Group);
                if (group is null)
                {
                    group = new Command(spec.Group);
                    root.Subcommands.Add(group);
                }
                else
                {
                    // Still a verb when typed alone: the parser asks for a subcommand of a command without an action.
                    // The dispatcher runs the verb itself, never this action.
                    group.SetAction(_ => 0);
                }
                groups.Add(spec.Group, group);
            }
            group.Subcommands.Add(spec);
        }
        return root;
    }

    /// <summary>Every verb with its summary; with <paramref name="group"/>, only that group's verbs.</summary>
    public string Overview(string? group = null)
    {
        var lines = commands.Where(c => group is null || c.Spec.Group == group)
            .Select(c => $"  {c.Spec.FullName,-14} {c.Spec.Description}");
        return Summary + "\n\nUsage: gitops-agent <command> [options]\n\nCommands:\n"
            + string.Join('\n', lines)
            + "\n\nRun 'gitops-agent <command> --help' for a command's options.\n";
    }
}
