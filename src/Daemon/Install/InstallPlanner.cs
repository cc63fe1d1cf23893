using GitOps.Reconciler.Configuration;

namespace GitOps.Daemon.Install;

/// <summary>The steps of an install, the notes for the operator, and why it cannot go ahead (if it cannot).</summary>
public sealed record InstallPlan(IReadOnlyList<InstallStep> Steps, IReadOnlyList<string> Notes, IReadOnlyList<string> Errors);

/// <summary>
/// Plans <c>install</c> from the request and what the host already has; no I/O. Everything is compared with what is
/// there and created or set only when missing or different (docker group membership, modes and owners included), so a
/// second install plans nothing; an existing agent.yaml is never overwritten (it is the operator's), but its
/// <c>stateDir</c> is the one the unit may write. On a staging root (a package build) the account, owners and
/// systemctl are left to the package's scripts.
/// </summary>
public static class InstallPlanner
{
    public const string User = "gitops-agent";
    public const string ConfigDirectory = "/etc/gitops-agent";
    public const string ConfigPath = ConfigDirectory + "/agent.yaml";
    public const string StateDirectory = "/var/lib/gitops-agent";
    public const string UnitPath = "/etc/systemd/system/" + SystemdUnit.Name;
    public const string AgeKeyPath = GitOps.Reconciler.Secrets.AgeKeyFile.DefaultPath;

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
        var settings = InstallSettings.Of(request, facts.ExistingConfig);

        if (onHost && !facts.UserExists)
        {
            steps.Add(new CreateUser(User, StateDirectory, facts.DockerGroupExists ? ["docker"] : []));
        }
        if (onHost && !facts.DockerGroupExists)
        {
            notes.Add("there is no docker group yet: install Docker, then run install again (it adds the account to the group)");
        }
        // The account can predate the group (the package and docker.io installed in one transaction).
        var joinedDocker = onHost && facts.UserExists && facts.DockerGroupExists && !facts.UserInDockerGroup;
        if (joinedDocker)
        {
            steps.Add(new AddToGroup(User, "docker"));
        }
        if (!onHost)
        {
            notes.Add($"staging root {request.Root}: the {User} account and the systemd calls are left to the package's scripts");
        }

        AddDirectory(steps, facts, new CreateDirectory(ConfigDirectory, Private, null, owner), onHost);
        AddDirectory(steps, facts, new CreateDirectory(settings.StateDirectory, Private, owner, owner), onHost);
        var configFiles = facts.ConfigFiles ?? [];
        // The age key decrypts the repo's secrets: the agent refuses it unless it alone can read it (0400, its own).
        if (configFiles.Contains(AgeKeyPath))
        {
            Converge(steps, facts, AgeKeyPath, UnixFileMode.UserRead, owner, owner, onHost);
        }
        else if (onHost)
        {
            steps.Add(new CreateAgeKey(AgeKeyPath, owner));
        }
        else
        {
            // A key in a package would be the same key on every host that installs it.
            notes.Add($"staging root {request.Root}: no age key is created; install on the host creates {AgeKeyPath}");
        }
        foreach (var file in configFiles.Where(f => f != AgeKeyPath).Order(StringComparer.Ordinal))
        {
            // Keys, known_hosts and secrets next to agent.yaml: readable by the agent, by nobody else.
            Converge(steps, facts, file, GroupReadable, null, owner, onHost);
        }

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
        if (onHost)
        {
            CheckFileRepo(facts, notes);
        }

        var unit = SystemdUnit.Render(request.ExecStart, ConfigPath, settings.StateDirectory, User);
        var unitChanged = facts.ExistingUnit != unit;
        if (unitChanged)
        {
            steps.Add(new WriteFile(UnitPath, unit, WorldReadable, null, facts.ExistingUnit is null ? "the systemd unit" : "the systemd unit, updated"));
        }
        else
        {
            Converge(steps, facts, UnitPath, WorldReadable, null, onHost ? "root" : null, onHost);
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
                // A running daemon gets a new group (or unit) only when it starts again.
                if ((unitChanged && facts.ExistingUnit is not null) || (joinedDocker && facts.UnitRunning))
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

    /// <summary>
    /// A file:// repository the account does not own can never be fetched: git's safe.directory rule (which libgit2
    /// follows) refuses a repository another user owns. A warning, not an error: the package's scripts and the
    /// Ansible role run install before anyone can hand the repository to the account they create, and the
    /// daemon's fetch then fails with the same hint.
    /// </summary>
    private static void CheckFileRepo(InstallFacts facts, List<string> notes)
    {
        if (facts.FileRepo is not { } repo)
        {
            return;
        }
        if (repo.Owner is null)
        {
            notes.Add($"the repository {repo.Path} does not exist yet: create it owned by {User} (git refuses a repository another user owns)");
            return;
        }
        if (repo.Owner == User)
        {
            return;
        }
        notes.Add($"warning: the repository {repo.Path} is owned by {repo.Owner}, but the agent runs as {User}: git refuses a repository "
            + $"another user owns (its safe.directory rule), so every fetch fails until the account owns it: chown -R {User} {repo.Path}");
    }

    private static void AddDirectory(List<InstallStep> steps, InstallFacts facts, CreateDirectory directory, bool onHost)
    {
        if (!facts.ExistingDirectories.Contains(directory.Path))
        {
            steps.Add(directory);
            return;
        }
        Converge(steps, facts, directory.Path, directory.Mode, directory.Owner, directory.Group, onHost);
    }

    /// <summary>An existing path gets the mode, and on a host the owners, install gives it (a null owner is root).</summary>
    private static void Converge(List<InstallStep> steps, InstallFacts facts, string path, UnixFileMode mode, string? owner, string? group, bool onHost)
    {
        if (facts.Paths?.GetValueOrDefault(path) is not { } actual)
        {
            return;
        }
        var ownersDiffer = onHost && (actual.Owner != (owner ?? "root") || actual.Group != (group ?? owner ?? "root"));
        if (actual.Mode != mode || ownersDiffer)
        {
            steps.Add(new SetPathMode(path, mode, owner, group, $"{Modes.Octal(actual.Mode)}, {actual.Owner}:{actual.Group}"));
        }
    }
}
