using System.CommandLine;
using GitOps.Daemon.Cli;
using GitOps.Daemon.Hosting;
using GitOps.Reconciler.Configuration;

namespace GitOps.Daemon.Commands;

/// <summary>The options every task verb shares, and how they resolve to the agent's configuration and state directory.</summary>
internal static class TaskVerbOptions
{
    /// <summary>The task's name, the argument of every <c>task</c> verb.</summary>
    public static Argument<string> Name() => new("name") { Description = "The task's name (tasks/NAME.yaml)." };

    /// <summary>The configuration named by --config, or the default one when it exists; null (errors written) when invalid.</summary>
    public static Task<(bool Ok, AgentConfig? Config)> LoadConfigAsync(string? path, TextWriter error, bool required) =>
        OptionalAgentConfig.ReadAsync(path, error, required);

    /// <summary>A table for people on a terminal; tab-separated lines without a header in a pipe.</summary>
    public static bool IsTerminal(TextWriter output) => !Console.IsOutputRedirected && output == Console.Out;
}
