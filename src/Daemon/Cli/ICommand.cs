namespace GitOps.Daemon.Cli;

/// <summary>
/// One CLI verb: its declaration (<see cref="Spec"/>, with the verb's own typed options) and what it does.
/// Exit codes follow the verb's documented contract (0 ok, 1 error, 2 "changes"/"drift").
/// </summary>
public interface ICommand
{
    CommandSpec Spec { get; }

    Task<int> RunAsync(CommandLine args, TextWriter output, TextWriter error, CancellationToken cancellationToken);
}
