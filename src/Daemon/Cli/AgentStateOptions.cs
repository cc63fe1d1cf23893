using System.CommandLine;
using GitOps.Reconciler.Configuration;

namespace GitOps.Daemon.Cli;

/// <summary>
/// <c>--config</c> and <c>--state-dir</c> for the verbs that read this host's state. The state directory is, in this
/// order: <c>--state-dir</c>; the <c>stateDir</c> of <c>--config</c>; that of the default configuration file when it
/// exists; <see cref="AgentDefaults.StateDirectory"/>.
/// </summary>
public sealed class AgentStateOptions
{
    public Option<string?> Config { get; } =
        CliOptions.Config($"The agent configuration, for its state directory (default {AgentConfig.DefaultPath}).");

    public Option<string?> StateDirectory { get; } =
        CliOptions.StateDirectory($"The agent's state directory (default: the configuration's, else {AgentDefaults.StateDirectory}).");

    public IEnumerable<Option> All => [Config, StateDirectory];

    /// <summary>The state directory; null after writing why to <paramref name="error"/> (an invalid configuration).</summary>
    public async Task<string?> ResolveAsync(CommandLine args, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(error);
        if (args.GetValue(StateDirectory) is { } explicitDirectory)
        {
            return explicitDirectory;
        }
        var (ok, config) = await OptionalAgentConfig.ReadAsync(args.GetValue(Config), error);
        return !ok ? null : config?.StateDir ?? AgentDefaults.StateDirectory;
    }
}
