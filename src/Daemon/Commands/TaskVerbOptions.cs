using GitOps.Daemon.Cli;
using GitOps.Daemon.Hosting;
using GitOps.Reconciler.Configuration;

namespace GitOps.Daemon.Commands;

/// <summary>The options every task verb shares, and how they resolve to the agent's configuration and state directory.</summary>
internal static class TaskVerbOptions
{
    public static OptionSpec Config { get; } =
        new("config", $"The agent configuration, for its state directory and HTTP address (default {AgentConfig.DefaultPath}).", TakesValue: true, ValueName: "FILE");

    public static OptionSpec StateDir { get; } =
        new("state-dir", $"The agent's state directory (default: the configuration's, else {AgentDefaults.StateDirectory}).", TakesValue: true, ValueName: "DIR");

    /// <summary>The configuration named by --config, or the default one when it exists; null (errors written) when invalid.</summary>
    public static async Task<(bool Ok, AgentConfig? Config)> LoadConfigAsync(CommandLine args, TextWriter error, bool required)
    {
        var path = args.Value("config");
        if (path is null && !File.Exists(AgentConfig.DefaultPath) && !required)
        {
            return (true, null);
        }
        var loaded = AgentConfigFile.Load(path);
        if (!loaded.IsValid)
        {
            foreach (var message in loaded.Errors)
            {
                await error.WriteLineAsync("error: " + message);
            }
            return (false, null);
        }
        return (true, loaded.Config);
    }

    /// <summary>--state-dir, else the configuration's, else the default; null (errors written) when the configuration is invalid.</summary>
    public static async Task<string?> StateDirectoryAsync(CommandLine args, TextWriter error)
    {
        if (args.Value("state-dir") is { } explicitDirectory)
        {
            return explicitDirectory;
        }
        var (ok, config) = await LoadConfigAsync(args, error, required: false);
        return !ok ? null : config?.StateDir ?? AgentDefaults.StateDirectory;
    }

    /// <summary>A table for people on a terminal; tab-separated lines without a header in a pipe.</summary>
    public static bool IsTerminal(TextWriter output) => !Console.IsOutputRedirected && output == Console.Out;
}
