namespace GitOps.Daemon.Cli;

/// <summary>Finds the verb, parses its options, prints help or usage errors, and runs it.</summary>
public sealed class CommandDispatcher(IReadOnlyList<ICommand> commands)
{
    public async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
        {
            await output.WriteAsync(Overview());
            return args.Length == 0 ? 1 : 0;
        }
        // A verb of two words (task run) is found by both; its options follow the second.
        var command = args.Length > 1 ? commands.FirstOrDefault(c => c.Spec.Name == args[0] + " " + args[1]) : null;
        var consumed = command is null ? 1 : 2;
        command ??= commands.FirstOrDefault(c => c.Spec.Name == args[0]);
        if (command is null && commands.Any(c => c.Spec.Name.StartsWith(args[0] + " ", StringComparison.Ordinal)))
        {
            await (args.Length == 1 || args[1] is "-h" or "--help" ? output : error).WriteAsync(Overview(args[0] + " "));
            return args.Length > 1 && args[1] is "-h" or "--help" ? 0 : 1;
        }
        if (command is null)
        {
            await error.WriteLineAsync($"gitops-agent: unknown command '{args[0]}'. Run 'gitops-agent --help' for the list.");
            return 1;
        }
        CommandLine line;
        try
        {
            line = CommandLine.Parse(args[consumed..], command.Spec);
        }
        catch (UsageException ex)
        {
            await error.WriteLineAsync($"gitops-agent {command.Spec.Name}: {ex.Message}");
            await error.WriteAsync(command.Spec.Usage());
            return 1;
        }
        if (line.Help)
        {
            await output.WriteAsync(command.Spec.Usage());
            return 0;
        }
        var missing = command.Spec.Positionals.Skip(line.Positionals.Count).FirstOrDefault(p => p.Required);
        if (missing is not null)
        {
            await error.WriteLineAsync($"gitops-agent {command.Spec.Name}: missing argument <{missing.Name}>");
            await error.WriteAsync(command.Spec.Usage());
            return 1;
        }
        try
        {
            return await command.RunAsync(line, output, error, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await error.WriteLineAsync($"gitops-agent {command.Spec.Name}: interrupted");
            return 130;
        }
#pragma warning disable CA1031 // The last resort of every verb: one line for people, never a stack trace.
        catch (Exception ex) when (ex is not OutOfMemoryException)
#pragma warning restore CA1031
        {
            await error.WriteLineAsync($"gitops-agent {command.Spec.Name}: {ex.Message}");
            return 1;
        }
    }

    public string Overview(string prefix = "")
    {
        var lines = commands.Where(c => c.Spec.Name.StartsWith(prefix, StringComparison.Ordinal)).Select(c => $"  {c.Spec.Name,-12} {c.Spec.Summary}");
        return "gitops-agent: pull-based GitOps for Docker hosts\n\nUsage: gitops-agent <command> [options]\n\nCommands:\n"
            + string.Join('\n', lines)
            + "\n\nRun 'gitops-agent <command> --help' for a command's options.\n";
    }
}
