using GitOps.Daemon.Hosting;
using GitOps.Reconciler.Configuration;

namespace GitOps.Daemon.Cli;

/// <summary>
/// The agent configuration a verb run on a directory reads for this host's own settings (its age key, runtime secrets
/// directory, state directory, policy): <c>--config</c>, else the default file when it exists, else none.
/// </summary>
public static class OptionalAgentConfig
{
    /// <returns><c>Ok</c> false after writing why to <paramref name="error"/>; <c>Config</c> null when there is no file to read.</returns>
    /// <param name="required">Read the default file even when it does not exist, so its absence is an error.</param>
    public static async Task<(bool Ok, AgentConfig? Config)> ReadAsync(string? path, TextWriter error, bool required = false)
    {
        ArgumentNullException.ThrowIfNull(error);
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
}
