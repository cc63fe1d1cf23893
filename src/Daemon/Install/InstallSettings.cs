using GitOps.Reconciler.Configuration;

namespace GitOps.Daemon.Install;

/// <summary>
/// What install takes from the configuration it keeps or writes: the state directory (the unit's only writable
/// path, so <c>ReadWritePaths</c> follows a changed <c>stateDir</c>) and the repository URL.
/// </summary>
public sealed record InstallSettings(string StateDirectory, string? RepoUrl)
{
    public static InstallSettings Of(InstallRequest request, string? existingConfig)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (existingConfig is null)
        {
            return new InstallSettings(InstallPlanner.StateDirectory, request.RepoUrl);
        }
        // An operator's configuration may read the environment or be invalid; what it names is taken as far as it goes.
        var loaded = new AgentConfigLoader(new Dictionary<string, string?>(), () => "localhost")
            .Parse(existingConfig, InstallPlanner.ConfigPath, InstallPlanner.ConfigDirectory);
        return loaded.Config is { } config
            ? new InstallSettings(config.StateDir, config.Repo.Url)
            : new InstallSettings(InstallPlanner.StateDirectory, null);
    }
}
