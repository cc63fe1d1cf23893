using GitOps.Daemon.Install;
using GitOps.Reconciler.Configuration;

namespace GitOps.Reconciler.Tests.Install;

public sealed class InstallPlannerTests
{
    private const string Binary = "/usr/bin/gitops-agent";

    private static InstallRequest Request(string? repo = "ssh://git@git.example.org/fleet.git", string root = "/", bool start = true) =>
        new(root, Host: "ocr-prod-1", RepoUrl: repo, Branch: null, ExecStart: Binary, Start: start);

    private static InstallFacts Fresh(bool systemd = true) =>
        new(UserExists: false, DockerGroupExists: true, ExistingConfig: null, ExistingUnit: null, new HashSet<string>(), systemd);

    private static InstallFacts Installed(InstallPlan first) => new(
        UserExists: true,
        DockerGroupExists: true,
        ExistingConfig: first.Steps.OfType<WriteFile>().Single(f => f.Path == InstallPlanner.ConfigPath).Content,
        ExistingUnit: first.Steps.OfType<WriteFile>().Single(f => f.Path == InstallPlanner.UnitPath).Content,
        new HashSet<string> { InstallPlanner.ConfigDirectory, InstallPlanner.StateDirectory },
        SystemdRunning: true) { ConfigFiles = [InstallPlanner.AgeKeyPath] };

    private static List<string> Described(InstallPlan plan) => [.. plan.Steps.Select(s => s.Describe())];

    [Fact]
    public void Plan_FreshSystemdHost_CreatesAccountDirectoriesConfigUnitAndStartsIt()
    {
        var plan = InstallPlanner.Plan(Request(), Fresh());

        Assert.Empty(plan.Errors);
        Assert.Equal(
        [
            "create system user gitops-agent (home /var/lib/gitops-agent, groups docker)",
            "create directory /etc/gitops-agent (0750, group gitops-agent)",
            "create directory /var/lib/gitops-agent (0750, gitops-agent:gitops-agent)",
            "create age key /etc/gitops-agent/age.key (0400, gitops-agent:gitops-agent) for decrypting the repo's secrets",
            "write /etc/gitops-agent/agent.yaml (0640, group gitops-agent): the agent's configuration",
            "write /etc/systemd/system/gitops-agent.service (0644): the systemd unit",
            "systemctl daemon-reload",
            "systemctl enable --now gitops-agent.service",
        ], Described(plan));
    }

    [Fact]
    public void Plan_SecondInstallWithTheUnitRunning_NothingToDo()
    {
        var first = InstallPlanner.Plan(Request(), Fresh());

        var second = InstallPlanner.Plan(Request(), Installed(first) with { UnitRunning = true });

        Assert.Empty(second.Steps);
    }

    [Fact]
    public void Plan_SecondInstallWithTheUnitStopped_OnlyStartsIt()
    {
        var first = InstallPlanner.Plan(Request(), Fresh());

        var second = InstallPlanner.Plan(Request(), Installed(first));

        Assert.Equal(["systemctl enable --now gitops-agent.service"], Described(second));
        Assert.Empty(InstallPlanner.Plan(Request(start: false), Installed(first)).Steps);
    }

    [Fact]
    public void Plan_UnitOfAnOlderBinary_RewrittenReloadedAndRestarted()
    {
        var installed = Installed(InstallPlanner.Plan(Request(), Fresh()));

        var plan = InstallPlanner.Plan(Request() with { ExecStart = "/opt/gitops-agent/gitops-agent" }, installed);

        Assert.Equal(
        [
            "write /etc/systemd/system/gitops-agent.service (0644): the systemd unit, updated",
            "systemctl daemon-reload",
            "systemctl enable --now gitops-agent.service",
            "systemctl try-restart gitops-agent.service",
        ], Described(plan));
    }

    [Fact]
    public void Plan_ExistingConfigAndRepoGiven_KeepsTheConfigAndSaysSo()
    {
        var installed = Installed(InstallPlanner.Plan(Request(), Fresh())) with { ExistingConfig = "host: mine\n" };

        var plan = InstallPlanner.Plan(Request(repo: "file:///elsewhere.git"), installed);

        Assert.DoesNotContain(plan.Steps.OfType<WriteFile>(), f => f.Path == InstallPlanner.ConfigPath);
        Assert.Contains(plan.Notes, n => n.Contains("exists and is kept", StringComparison.Ordinal));
    }

    [Fact]
    public void Plan_NoConfigAndNoRepo_InstallsTheRestAndSaysTheUnitWaits()
    {
        var plan = InstallPlanner.Plan(Request(repo: null), Fresh());

        Assert.Empty(plan.Errors);
        Assert.DoesNotContain(plan.Steps.OfType<WriteFile>(), f => f.Path == InstallPlanner.ConfigPath);
        Assert.Contains(plan.Notes, n => n.Contains("the unit waits for it", StringComparison.Ordinal));
        Assert.Contains($"ConditionPathExists={InstallPlanner.ConfigPath}", plan.Steps.OfType<WriteFile>().Single().Content, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_NoSystemd_NoSystemctlAndTheCommandToStartItByHand()
    {
        var plan = InstallPlanner.Plan(Request(), Fresh(systemd: false));

        Assert.DoesNotContain(plan.Steps, s => s is Systemctl);
        Assert.Contains(plan.Notes, n => n.Contains($"{Binary} run --config /etc/gitops-agent/agent.yaml", StringComparison.Ordinal));
    }

    [Fact]
    public void Plan_StagingRoot_NoAccountNoOwnersNoSystemctl()
    {
        var plan = InstallPlanner.Plan(Request(root: "/tmp/pkg"), Fresh(systemd: false));

        Assert.DoesNotContain(plan.Steps, s => s is CreateUser or Systemctl);
        // A key baked into a package would be shared by every host that installs it.
        Assert.DoesNotContain(plan.Steps, s => s is CreateAgeKey);
        Assert.All(plan.Steps.OfType<CreateDirectory>(), d => Assert.True(d.Owner is null && d.Group is null));
        Assert.All(plan.Steps.OfType<WriteFile>(), f => Assert.Null(f.Group));
    }

    [Fact]
    public void Plan_NoDockerGroup_UserWithoutItAndANote()
    {
        var plan = InstallPlanner.Plan(Request(), Fresh() with { DockerGroupExists = false });

        Assert.Empty(plan.Steps.OfType<CreateUser>().Single().Groups);
        Assert.Contains(plan.Notes, n => n.Contains("run install again (it adds the account to the group)", StringComparison.Ordinal));
    }

    /// <summary>The package and docker.io installed in one transaction: the account came first, the group after.</summary>
    [Fact]
    public void Plan_AccountOutsideTheDockerGroupThatAppearedLater_AddsItAndRestartsTheRunningDaemon()
    {
        var installed = Installed(InstallPlanner.Plan(Request(), Fresh())) with { UserInDockerGroup = false, UnitRunning = true };

        var plan = InstallPlanner.Plan(Request(), installed);

        Assert.Equal(["add user gitops-agent to group docker", "systemctl try-restart gitops-agent.service"], Described(plan));
        Assert.Empty(InstallPlanner.Plan(Request(), installed with { UserInDockerGroup = true }).Steps);
    }

    [Fact]
    public void Plan_ConfigDirectoryAndFilesWithWrongOwnersAndModes_SetBackAndThenNothingToDo()
    {
        var installed = Installed(InstallPlanner.Plan(Request(), Fresh())) with
        {
            UnitRunning = true,
            ConfigFiles = [InstallPlanner.ConfigPath, "/etc/gitops-agent/deploy_key", InstallPlanner.AgeKeyPath],
            Paths = new Dictionary<string, PathFacts>
            {
                [InstallPlanner.AgeKeyPath] = new(Mode("644"), "root", "root"),
                [InstallPlanner.ConfigDirectory] = new(Mode("777"), "nobody", "nogroup"),
                [InstallPlanner.ConfigPath] = new(Mode("644"), "root", "root"),
                ["/etc/gitops-agent/deploy_key"] = new(Mode("600"), "root", "root"),
                [InstallPlanner.StateDirectory] = new(Mode("700"), "root", "root"),
                [InstallPlanner.UnitPath] = new(Mode("666"), "root", "root"),
            },
        };

        var plan = InstallPlanner.Plan(Request(), installed);

        Assert.Equal(
        [
            "set /etc/gitops-agent to 0750, group gitops-agent (was 0777, nobody:nogroup)",
            "set /var/lib/gitops-agent to 0750, gitops-agent:gitops-agent (was 0700, root:root)",
            "set /etc/gitops-agent/age.key to 0400, gitops-agent:gitops-agent (was 0644, root:root)",
            "set /etc/gitops-agent/agent.yaml to 0640, group gitops-agent (was 0644, root:root)",
            "set /etc/gitops-agent/deploy_key to 0640, group gitops-agent (was 0600, root:root)",
            "set /etc/systemd/system/gitops-agent.service to 0644, group root (was 0666, root:root)",
        ], Described(plan));
        var converged = installed with
        {
            Paths = new Dictionary<string, PathFacts>
            {
                [InstallPlanner.AgeKeyPath] = new(Mode("400"), "gitops-agent", "gitops-agent"),
                [InstallPlanner.ConfigDirectory] = new(Mode("750"), "root", "gitops-agent"),
                [InstallPlanner.ConfigPath] = new(Mode("640"), "root", "gitops-agent"),
                ["/etc/gitops-agent/deploy_key"] = new(Mode("640"), "root", "gitops-agent"),
                [InstallPlanner.StateDirectory] = new(Mode("750"), "gitops-agent", "gitops-agent"),
                [InstallPlanner.UnitPath] = new(Mode("644"), "root", "root"),
            },
        };
        Assert.Empty(InstallPlanner.Plan(Request(), converged).Steps);
    }

    [Fact]
    public void Plan_StagingRootWithWrongModes_ModesOnlyNoOwners()
    {
        var facts = Fresh(systemd: false) with
        {
            ExistingDirectories = new HashSet<string> { InstallPlanner.ConfigDirectory, InstallPlanner.StateDirectory },
            Paths = new Dictionary<string, PathFacts>
            {
                [InstallPlanner.ConfigDirectory] = new(Mode("755"), "builder", "builder"),
                [InstallPlanner.StateDirectory] = new(Mode("750"), "builder", "builder"),
            },
        };

        var plan = InstallPlanner.Plan(Request(root: "/tmp/pkg", repo: null), facts);

        var fix = Assert.Single(plan.Steps.OfType<SetPathMode>());
        Assert.Equal((InstallPlanner.ConfigDirectory, Mode("750"), (string?)null, (string?)null), (fix.Path, fix.Mode, fix.Owner, fix.Group));
    }

    [Fact]
    public void Plan_ConfigWithAnotherStateDir_UnitWritesThereAndTheDirectoryIsCreated()
    {
        var installed = Installed(InstallPlanner.Plan(Request(), Fresh()));
        var moved = installed with { ExistingConfig = installed.ExistingConfig!.Replace("stateDir: /var/lib/gitops-agent", "stateDir: /srv/gitops-state", StringComparison.Ordinal) };

        var plan = InstallPlanner.Plan(Request(), moved);

        var unit = plan.Steps.OfType<WriteFile>().Single(f => f.Path == InstallPlanner.UnitPath).Content;
        Assert.Contains("ReadWritePaths=/srv/gitops-state", unit.Split('\n'));
        Assert.Contains("create directory /srv/gitops-state (0750, gitops-agent:gitops-agent)", Described(plan));
        Assert.Contains("systemctl try-restart gitops-agent.service", Described(plan));
    }

    [Fact]
    public void Plan_FileRepoOwnedByAnotherUser_WarningNamingTheOwnerTheSafeDirectoryRuleAndTheFix()
    {
        var facts = Fresh() with { UserExists = true, FileRepo = new FileRepoFacts("/srv/fleet.git", "root") };

        var plan = InstallPlanner.Plan(Request(repo: "file:///srv/fleet.git"), facts);

        Assert.Empty(plan.Errors);
        var warning = Assert.Single(plan.Notes, n => n.StartsWith("warning: ", StringComparison.Ordinal));
        Assert.Contains("owned by root", warning, StringComparison.Ordinal);
        Assert.Contains("safe.directory", warning, StringComparison.Ordinal);
        Assert.Contains("chown -R gitops-agent /srv/fleet.git", warning, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_FileRepoOwnedByTheAccount_NoWarning()
    {
        var plan = InstallPlanner.Plan(Request(repo: "file:///srv/fleet.git"), Fresh() with { UserExists = true, FileRepo = new FileRepoFacts("/srv/fleet.git", "gitops-agent") });

        Assert.Empty(plan.Errors);
        Assert.DoesNotContain(plan.Notes, n => n.Contains("/srv/fleet.git", StringComparison.Ordinal));
    }

    private static UnixFileMode Mode(string octal) => (UnixFileMode)Convert.ToInt32(octal, 8);

    [Fact]
    public void Plan_RepoUrlTheAgentCannotUse_ErrorAndNoSteps()
    {
        var plan = InstallPlanner.Plan(Request(repo: "ftp://git.example.org/fleet.git"), Fresh());

        Assert.Empty(plan.Steps);
        Assert.Contains(plan.Errors, e => e.Contains("ftp", StringComparison.Ordinal));
    }

    [Fact]
    public void Plan_WrittenConfig_LoadsWithTheRepoBranchAndHostAsked()
    {
        var plan = InstallPlanner.Plan(Request() with { Branch = "release/2.x" }, Fresh());
        var text = plan.Steps.OfType<WriteFile>().Single(f => f.Path == InstallPlanner.ConfigPath).Content;

        var loaded = new AgentConfigLoader(new Dictionary<string, string?>(), () => "unused").Parse(text, InstallPlanner.ConfigPath, InstallPlanner.ConfigDirectory);

        Assert.True(loaded.IsValid, string.Join("\n", loaded.Errors));
        Assert.Equal("ocr-prod-1", loaded.Config!.Host);
        Assert.Equal("ssh://git@git.example.org/fleet.git", loaded.Config.Repo.Url);
        Assert.Equal(GitRef.Branch("release/2.x"), loaded.Config.Repo.Ref);
        Assert.Equal(InstallPlanner.StateDirectory, loaded.Config.StateDir);
    }

    [Fact]
    public void Unit_RunsAsItsOwnAccountWithTheSystemReadOnlyAndNoPrivileges()
    {
        var unit = SystemdUnit.Render(Binary, InstallPlanner.ConfigPath, InstallPlanner.StateDirectory, InstallPlanner.User);

        string[] required =
        [
            $"ExecStart={Binary} run --config {InstallPlanner.ConfigPath}",
            "Type=notify", "User=gitops-agent", "SupplementaryGroups=docker", "ProtectSystem=strict",
            $"ReadWritePaths={InstallPlanner.StateDirectory}", "NoNewPrivileges=yes", "CapabilityBoundingSet=", "ProtectHome=yes",
            "PrivateTmp=yes", "WantedBy=multi-user.target",
        ];
        var lines = unit.Split('\n');
        Assert.All(required, line => Assert.Contains(line, lines));
    }

    [Fact]
    public void Unit_FailingStarts_StopRestartingAfterABoundedNumber()
    {
        var unit = SystemdUnit.Render(Binary, InstallPlanner.ConfigPath, InstallPlanner.StateDirectory, InstallPlanner.User);

        var sections = unit.Split("\n[");
        var unitSection = sections.Single(s => s.TrimStart('[').StartsWith("Unit]", StringComparison.Ordinal)).Split('\n');
        Assert.Contains("StartLimitBurst=5", unitSection);
        Assert.Contains("StartLimitIntervalSec=600", unitSection);
        Assert.Contains("Restart=on-failure", unit.Split('\n'));
    }
}
