using System.CommandLine;
using GitOps.Daemon.Cli;
using GitOps.Reconciler.Configuration;

namespace GitOps.Daemon.Sync;

/// <summary>The argument and options <see cref="SyncTarget.OpenAsync"/> reads, declared once for every verb built on a sync target.</summary>
public sealed class SyncTargetOptions(string hostDescription)
{
    public Argument<string?> Directory { get; } = new("dir")
    {
        Description = "The config repository's directory (default: the repository in the agent configuration).",
        Arity = ArgumentArity.ZeroOrOne,
    };

    public Option<string?> Host { get; } = CliOptions.Host(hostDescription);

    public Option<string?> StateDirectory { get; } = CliOptions.StateDirectory();

    public Option<string?> Config { get; } =
        CliOptions.Config($"The agent configuration (default {AgentConfig.DefaultPath}, when it exists): without <dir> its repository; always its age key, secrets directory, state directory and policy.");

    public Option<bool> Verbose { get; } = CliOptions.Verbose();

    /// <summary>The options after <see cref="Host"/>, in the order help lists them.</summary>
    public IEnumerable<Option> Rest => [StateDirectory, Config, Verbose];
}
