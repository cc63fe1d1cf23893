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
        var content = ConfigFileReader.Read(text, file, diagnostics);
        var settings = content.Settings;
        var errors = diagnostics.Sorted().Select(d => d.ToString()).ToList();
        ApplyEnvironment(settings);
        var binder = new AgentConfigBinder(settings, baseDirectory, machineName, diagnostics.HasErrors) { Content = content };
        var config = binder.Bind();
        errors.AddRange(binder.Errors);
        return errors.Count == 0 ? new AgentConfigResult(config, []) : new AgentConfigResult(null, errors);
    }

    /// <summary>
    /// Only the host policy of an agent.yaml (<c>validate --policy</c>): the rest of the file is checked for shape,
    /// not for completeness, so a policy file needs no repository.
    /// </summary>
    public (Policy.HostPolicy? Policy, IReadOnlyList<string> Errors) LoadPolicy(string path)
    {
        var full = Path.GetFullPath(path);
        string text;
        try
        {
            text = File.ReadAllText(full);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return (null, [$"{full}: cannot read the policy file: {ex.Message}"]);
        }
        var diagnostics = new DiagnosticBag();
        var content = ConfigFileReader.Read(text, full, diagnostics);
        var errors = diagnostics.Sorted().Select(d => d.ToString()).ToList();
        ApplyEnvironment(content.Settings);
        var binder = new AgentConfigBinder(content.Settings, Path.GetDirectoryName(full) ?? "/", machineName, diagnostics.HasErrors) { Content = content };
        var policy = binder.BindPolicyOnly();
        errors.AddRange(binder.Errors);
        return errors.Count == 0 ? (policy, []) : (null, errors);
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
