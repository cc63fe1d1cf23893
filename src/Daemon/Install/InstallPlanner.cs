using GitOps.Reconciler.Configuration;

namespace GitOps.Daemon.Install;

/// <summary>The steps of an install, the notes for the operator, and why it cannot go ahead (if it cannot).</summary>
public sealed record InstallPlan(IReadOnlyList<InstallStep> Steps, IReadOnlyList<string> Notes, IReadOnlyList<string> Errors);

/// <summary>
/// Plans <c>install</c> from the request and what the host already has; no I/O. Everything is created only when
/// missing or different, so a second install plans nothing; an existing agent.yaml is never overwritten (it is the
/// operator's). On a staging root (a package build) the account and systemctl are left to the package's scripts.
/// </summary>
public static class InstallPlanner
{
    public const string User = "gitops-agent";
    public const string ConfigDirectory = "/etc/gitops-agent";
    public const string ConfigPath = ConfigDirectory + "/agent.yaml";
    public const string StateDirectory = "/var/lib/gitops-agent";
    public const string UnitPath = "/etc/systemd/system/" + SystemdUnit.Name;

    private const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
        | UnixFileMode.GroupRead | UnixFileMode.GroupExecute;
    private const UnixFileMode GroupReadable = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead;
    private const UnixFileMode WorldReadable = GroupReadable | UnixFileMode.OtherRead;

    public static InstallPlan Plan(InstallRequest request, InstallFacts facts)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(facts);
        var onHost = request.Root == "/";
        var steps = new List<InstallStep>();
        var notes = new List<string>();
        var errors = new List<string>();
        var owner = onHost ? User : null;

        if (onHost && !facts.UserExists)
        {
            steps.Add(new CreateUser(User, StateDirectory, facts.DockerGroupExists ? ["docker"] : []));
            if (!facts.DockerGroupExists)
            {
                notes.Add("there is no docker group yet: install Docker, then add the user to it (usermod -aG docker gitops-agent)");
            }
        }
        if (!onHost)
        {
            notes.Add($"staging root {request.Root}: the {User} account and the systemd calls are left to the package's scripts");
        }

        AddDirectory(steps, facts, new CreateDirectory(ConfigDirectory, Private, null, owner));
        AddDirectory(steps, facts, new CreateDirectory(StateDirectory, Private, owner, owner));

        if (facts.ExistingConfig is null)
        {
            if (request.RepoUrl is null)
            {
                notes.Add($"there is no {ConfigPath}: the unit waits for it; write it (docs/configuration.md) or install again with --repo URL");
            }
            else
            {
                var config = AgentConfigTemplate.Render(request.RepoUrl, request.Branch, request.Host, StateDirectory);
                var check = new AgentConfigLoader(new Dictionary<string, string?>(), () => "localhost").Parse(config, ConfigPath, ConfigDirectory);
                errors.AddRange(check.Errors);
                steps.Add(new WriteFile(ConfigPath, config, GroupReadable, owner, "the agent's configuration"));
            }
        }
        else if (request.RepoUrl is not null || request.Host is not null || request.Branch is not null)
        {
            notes.Add($"{ConfigPath} exists and is kept as it is: --repo, --branch and --host only fill a new one");
        }

        var unit = SystemdUnit.Render(request.ExecStart, ConfigPath, StateDirectory, User);
        var unitChanged = facts.ExistingUnit != unit;
        if (unitChanged)
        {
            steps.Add(new WriteFile(UnitPath, unit, WorldReadable, null, facts.ExistingUnit is null ? "the systemd unit" : "the systemd unit, updated"));
        }

        if (onHost && facts.SystemdRunning)
        {
            if (unitChanged)
            {
                steps.Add(new Systemctl(["daemon-reload"]));
            }
            if (request.Start)
            {
                if (!facts.UnitRunning)
                {
                    steps.Add(new Systemctl(["enable", "--now", SystemdUnit.Name]));
                }
                if (unitChanged && facts.ExistingUnit is not null)
                {
                    steps.Add(new Systemctl(["try-restart", SystemdUnit.Name]));
                }
            }
            else
            {
                notes.Add($"not started (--no-start): systemctl enable --now {SystemdUnit.Name}");
            }
        }
        else if (onHost)
        {
            notes.Add($"systemd is not running here: start the daemon with {request.ExecStart} run --config {ConfigPath}");
        }
        return new InstallPlan(errors.Count > 0 ? [] : steps, notes, errors);
    }

    private static void AddDirectory(List<InstallStep> steps, InstallFacts facts, CreateDirectory directory)
    {
        if (!facts.ExistingDirectories.Contains(directory.Path))
        {
            steps.Add(directory);
        }
    }
}
