using System.Reflection;
using GitOps.Daemon.Cli;

namespace GitOps.Daemon.Commands;

public sealed class VersionCommand : ICommand
{
    public CommandSpec Spec { get; } = new("version", "Print the agent's version.");

    public async Task<int> RunAsync(CommandLine args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var version = typeof(VersionCommand).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
        await output.WriteLineAsync($"gitops-agent {version}");
        return 0;
    }
}
