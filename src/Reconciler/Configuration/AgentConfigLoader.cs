using GitOps.Reconciler.Diagnostics;

namespace GitOps.Reconciler.Configuration;

/// <summary>
/// Reads agent.yaml, applies environment overrides (one variable per setting, see <see cref="AgentConfigKeys"/>)
/// and validates the result. The environment is injected, so tests and callers decide what it holds.
/// </summary>
public sealed class AgentConfigLoader(IReadOnlyDictionary<string, string?> environment, Func<string> machineName)
{
    public AgentConfigResult Load(string path)
    {
        var full = Path.GetFullPath(path);
        var baseDirectory = Path.GetDirectoryName(full) ?? "/";
        if (!File.Exists(full))
        {
            // A file is optional when the environment names the repository (containers configured by env only).
            return HasValue("GITOPS_AGENT_REPO_URL")
                ? Parse("", full, baseDirectory)
                : new AgentConfigResult(null, [$"{full}: configuration file not found (and GITOPS_AGENT_REPO_URL is not set)"]);
        }
        string text;
        try
        {
            text = File.ReadAllText(full);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return new AgentConfigResult(null, [$"{full}: cannot read the configuration file: {ex.Message}"]);
        }
        return Parse(text, full, baseDirectory);
    }

    /// <summary>Parses configuration text; relative file paths in it are resolved against <paramref name="baseDirectory"/>.</summary>
    public AgentConfigResult Parse(string text, string file, string baseDirectory)
    {
        var diagnostics = new DiagnosticBag();
        var settings = ConfigFileReader.Read(text, file, diagnostics);
        var errors = diagnostics.Sorted().Select(d => d.ToString()).ToList();
        ApplyEnvironment(settings);
        var binder = new AgentConfigBinder(settings, baseDirectory, machineName, diagnostics.HasErrors);
        var config = binder.Bind();
        errors.AddRange(binder.Errors);
        return errors.Count == 0 ? new AgentConfigResult(config, []) : new AgentConfigResult(null, errors);
    }

    private void ApplyEnvironment(Dictionary<string, ConfigSetting> settings)
    {
        foreach (var key in AgentConfigKeys.All)
        {
            if (!HasValue(key.EnvironmentVariable))
            {
                continue;
            }
            if (key.Path.StartsWith("repo.ref.", StringComparison.Ordinal))
            {
                // One ref kind from the environment replaces whatever kind the file chose.
                settings.Remove("repo.ref.branch");
                settings.Remove("repo.ref.tag");
                settings.Remove("repo.ref.commit");
            }
            settings[key.Path] = new ConfigSetting(key.Path, environment[key.EnvironmentVariable]!, key.EnvironmentVariable);
        }
    }

    private bool HasValue(string variable) =>
        environment.TryGetValue(variable, out var value) && !string.IsNullOrEmpty(value);
}
