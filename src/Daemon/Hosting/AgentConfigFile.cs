using System.Collections;
using GitOps.Reconciler.Configuration;

namespace GitOps.Daemon.Hosting;

/// <summary>Loads the agent's configuration the way every verb does: the file (default or --config) plus this process's environment.</summary>
public static class AgentConfigFile
{
    public static AgentConfigResult Load(string? path)
    {
        var environment = Environment.GetEnvironmentVariables()
            .Cast<DictionaryEntry>()
            .ToDictionary(e => (string)e.Key, e => (string?)e.Value, StringComparer.Ordinal);
        return new AgentConfigLoader(environment, () => Environment.MachineName).Load(path ?? AgentConfig.DefaultPath);
    }
}
