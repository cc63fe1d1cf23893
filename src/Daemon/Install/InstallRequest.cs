namespace GitOps.Daemon.Install;

/// <summary>What the operator asked <c>install</c> for.</summary>
/// <param name="Root">Where the host's file system starts: "/" on a host, a staging directory for a package build.</param>
/// <param name="ExecStart">The command line systemd starts the daemon with, up to (not including) <c>run</c>.</param>
/// <param name="Start">Enable and start the unit now (when systemd runs and the root is "/").</param>
public sealed record InstallRequest(string Root, string? Host, string? RepoUrl, string? Branch, string ExecStart, bool Start);

/// <summary>What the host already has, read before planning so that a second install changes nothing.</summary>
/// <param name="ExistingConfig">The configuration file's text, or null when there is none (it is never overwritten).</param>
/// <param name="ExistingUnit">The unit file's text, or null.</param>
/// <param name="ExistingDirectories">Which of the directories install manages exist already.</param>
/// <param name="UnitRunning">The unit is enabled and active (so starting it would change nothing).</param>
/// <param name="UserInDockerGroup">The account is a member of the docker group.</param>
/// <param name="Paths">Mode and owner of each managed path that exists (directories, agent.yaml, the unit).</param>
/// <param name="ConfigFiles">Every file directly in the configuration directory (agent.yaml, keys, secrets).</param>
/// <param name="FileRepo">The repository of a <c>file://</c> URL (the new or the existing configuration's), or null.</param>
public sealed record InstallFacts(
    bool UserExists,
    bool DockerGroupExists,
    string? ExistingConfig,
    string? ExistingUnit,
    IReadOnlySet<string> ExistingDirectories,
    bool SystemdRunning,
    bool UnitRunning = false,
    bool UserInDockerGroup = true,
    IReadOnlyDictionary<string, PathFacts>? Paths = null,
    IReadOnlyList<string>? ConfigFiles = null,
    FileRepoFacts? FileRepo = null);
