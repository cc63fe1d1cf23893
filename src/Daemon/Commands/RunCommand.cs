using System.CommandLine;
using GitOps.Daemon.Cli;
using GitOps.Daemon.Hosting;
using GitOps.Daemon.Http;
using GitOps.Reconciler.Configuration;
using Microsoft.Extensions.Hosting;

namespace GitOps.Daemon.Commands;

public sealed class RunCommand : ICommand
{
    private readonly Option<string?> _config = CliOptions.Config();

    public RunCommand()
    {
        Spec = new CommandSpec(
            "run",
            "Run the agent: poll the config repository and keep this host converged until stopped.",
            "Environment variables override single settings (see docs/configuration.md). The agent refuses to start on an\n"
            + "invalid configuration and prints every mistake. SIGTERM or SIGINT stops it; the current step is abandoned cleanly.")
        {
            _config,
        };
    }

    public CommandSpec Spec { get; }

    public async Task<int> RunAsync(CommandLine args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var loaded = AgentConfigFile.Load(args.GetValue(_config));
        if (!loaded.IsValid)
        {
            foreach (var message in loaded.Errors)
            {
                await error.WriteLineAsync("error: " + message);
            }
            await error.WriteLineAsync("gitops-agent: refusing to start with an invalid configuration");
            return 1;
        }
        using var host = AgentHost.Build(loaded.Config!);
        try
        {
            return await AgentFailure.RunAsync(host, error, cancellationToken);
        }
        catch (IOException ex) when (ListenFailedException.From(ex, loaded.Config!.HttpListen) is { } failed)
        {
            // One line naming the address (and its holder): the start failed before any reconcile.
            await error.WriteLineAsync("gitops-agent: " + failed.Message);
            return 1;
        }
    }
}
