using GitOps.Integration.Tests.Infrastructure;
using Xunit.Abstractions;

namespace GitOps.Integration.Tests.Packaging;

/// <summary>
/// The release artifacts as an operator uses them: built by packaging/build.sh, the bundle's install.sh staged
/// twice, and the .deb rolled out to this machine by the Ansible role (twice: the second changes nothing), its
/// account converging a stack from a repo, then purged.
/// </summary>
public sealed class PackageTests(EngineFixture fixture, ITestOutputHelper output) : EngineTest(fixture, output), IDisposable
{
    private static readonly TimeSpan BuildTimeout = TimeSpan.FromMinutes(10);
    private const string CachedDeb = "/var/cache/gitops-agent.deb";
    private readonly TempDirectory _work = new("package");
    private readonly UpstreamRepo _upstream = new();

    public void Dispose()
    {
        _upstream.Dispose();
        _work.Dispose();
    }

    /// <summary>The artifacts the test command built for this run (GITOPS_TEST_DIST), else a build of packaging/build.sh now.</summary>
    private string Dist()
    {
        if (Environment.GetEnvironmentVariable("GITOPS_TEST_DIST") is { Length: > 0 } built)
        {
            return built;
        }
        var dist = _work.Combine("dist");
        ProcessRunner.Run("bash", [Path.Combine(EngineFixture.RepositoryRoot(), "packaging", "build.sh"), dist], timeout: BuildTimeout);
        return dist;
    }

    [Fact]
    public async Task Build_BundleAndDeb_InstallTheDaemonThatConvergesAsItsOwnAccountAndPurgeCleanly()
    {
        var dist = Dist();
        var deb = Assert.Single(Directory.GetFiles(dist, "*.deb"));
        var bundle = Assert.Single(Directory.GetFiles(dist, "*.tar.gz"));
        Assert.Equal("gitops-agent", ProcessRunner.Run("dpkg-deb", ["-f", deb, "Package"]).Output.Trim());

        StagedBundle_InstallsOnceThenHasNothingToDo(bundle);

        PurgeLeftoverPackage();
        _upstream.Commit(new Dictionary<string, string>
        {
            ["inventory.yaml"] = $"hosts:\n  {Project}: {{}}\n",
            [$"stacks/{Project}/stack.yaml"] = $"targets: [{Project}]\n",
            [$"stacks/{Project}/compose.yaml"] = $"services:\n  web:\n    image: {EngineFixture.Image("web:v1")}\n",
        }, "one stack");
        try
        {
            var first = Playbook(deb);
            var second = Playbook(deb);
            // The .deb copied and installed, `gitops-agent install`, the key, known_hosts, secret, drop-in directory and drop-in.
            Assert.Contains("changed=8", first, StringComparison.Ordinal);
            Assert.Contains("changed=0", second, StringComparison.Ordinal);
            RoleSettings_InTheUnitsEnvironmentAndFilesOnlyTheAgentReads();
            Assert.Contains("docker", ProcessRunner.Run("id", ["-nG", "gitops-agent"]).Output, StringComparison.Ordinal);
            Assert.Contains("ExecStart=/usr/bin/gitops-agent run", File.ReadAllText("/etc/systemd/system/gitops-agent.service"), StringComparison.Ordinal);

            // libgit2 refuses a local repository owned by another user, as git does.
            ProcessRunner.Run("chown", ["-R", "gitops-agent", _upstream.BarePath]);
            // With the role's settings that apply to a file:// repository, as the unit passes them.
            var sync = ProcessRunner.Run("runuser", ["-u", "gitops-agent", "--", "env",
                "GITOPS_AGENT_HTTP_LISTEN=" + Listen, "GITOPS_AGENT_POLL_INTERVAL=" + PollInterval, "GITOPS_AGENT_WEBHOOK_SECRET_FILE=/etc/gitops-agent/webhook-secret",
                "/usr/bin/gitops-agent", "sync", "--config", "/etc/gitops-agent/agent.yaml"], check: false, timeout: BuildTimeout);
            Assert.True(sync.ExitCode == 0, sync.Output + sync.Error);
            // Not Token: the build alone can take much of a test's usual time budget.
            var container = await Fixture.Engine.Containers.InspectAsync($"{Project}-web-1", CancellationToken.None);
            Assert.True(container?.State?.Running, "the stack's container runs");
        }
        finally
        {
            ProcessRunner.Run("dpkg", ["--purge", "gitops-agent"], timeout: BuildTimeout);
            File.Delete(CachedDeb);
        }
        Assert.NotEqual(0, ProcessRunner.Run("id", ["gitops-agent"], check: false).ExitCode);
        Assert.False(Directory.Exists("/etc/gitops-agent"));
        Assert.False(Directory.Exists("/var/lib/gitops-agent"));
        Assert.False(File.Exists("/etc/systemd/system/gitops-agent.service"));
        Assert.False(Directory.Exists("/etc/systemd/system/gitops-agent.service.d"));
        Assert.False(File.Exists("/usr/bin/gitops-agent"));
    }

    private const string Listen = "127.0.0.1:19420";
    private const string PollInterval = "7s";
    private const string WebhookSecret = "role-webhook-secret-4f2a";

    private void RoleSettings_InTheUnitsEnvironmentAndFilesOnlyTheAgentReads()
    {
        var dropIn = File.ReadAllText("/etc/systemd/system/gitops-agent.service.d/ansible.conf").Split('\n');
        Assert.Contains($"Environment=\"GITOPS_AGENT_HTTP_LISTEN={Listen}\"", dropIn);
        Assert.Contains($"Environment=\"GITOPS_AGENT_POLL_INTERVAL={PollInterval}\"", dropIn);
        Assert.Contains("Environment=\"GITOPS_AGENT_SSH_KEY_FILE=/etc/gitops-agent/ssh_key\"", dropIn);
        Assert.Contains("Environment=\"GITOPS_AGENT_KNOWN_HOSTS_FILE=/etc/gitops-agent/known_hosts\"", dropIn);
        Assert.Contains("Environment=\"GITOPS_AGENT_WEBHOOK_SECRET_FILE=/etc/gitops-agent/webhook-secret\"", dropIn);
        Assert.Equal(File.ReadAllText(_work.Combine("ssh_key")), File.ReadAllText("/etc/gitops-agent/ssh_key"));
        Assert.Equal(File.ReadAllText(_work.Combine("known_hosts")), File.ReadAllText("/etc/gitops-agent/known_hosts"));
        Assert.Equal(WebhookSecret, File.ReadAllText("/etc/gitops-agent/webhook-secret"));
        foreach (var file in new[] { "ssh_key", "known_hosts", "webhook-secret" })
        {
            Assert.Equal("640 root:gitops-agent", ProcessRunner.Run("stat", ["-c", "%a %U:%G", "/etc/gitops-agent/" + file]).Output.Trim());
        }
    }

    /// <summary>The role's playbook against this machine, with every setting the role has; returns its recap.</summary>
    private string Playbook(string deb)
    {
        var ansible = Path.Combine(EngineFixture.RepositoryRoot(), "packaging", "ansible");
        var inventory = _work.Combine("hosts.ini");
        File.WriteAllText(inventory, $"{Project} ansible_connection=local ansible_python_interpreter=/usr/bin/python3\n");
        File.WriteAllText(_work.Combine("ssh_key"), "-----BEGIN OPENSSH PRIVATE KEY-----\nnot a real key\n-----END OPENSSH PRIVATE KEY-----\n");
        File.WriteAllText(_work.Combine("known_hosts"), "git.example.org ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIExampleOnly\n");
        var run = ProcessRunner.Run("ansible-playbook",
            ["-i", inventory, Path.Combine(ansible, "playbook.yml"), "-e", "gitops_agent_deb=" + deb, "-e", "gitops_agent_repo_url=" + _upstream.FileUrl,
                "-e", "gitops_agent_listen=" + Listen, "-e", "gitops_agent_poll_interval=" + PollInterval,
                "-e", "gitops_agent_ssh_key=" + _work.Combine("ssh_key"), "-e", "gitops_agent_known_hosts=" + _work.Combine("known_hosts"),
                "-e", "gitops_agent_webhook_secret=" + WebhookSecret],
            environment: new Dictionary<string, string> { ["ANSIBLE_ROLES_PATH"] = Path.Combine(ansible, "roles"), ["ANSIBLE_NOCOLOR"] = "1" },
            timeout: BuildTimeout);
        Assert.DoesNotContain(WebhookSecret, run.Output + run.Error, StringComparison.Ordinal);
        return run.Output[run.Output.LastIndexOf("PLAY RECAP", StringComparison.Ordinal)..];
    }

    private void StagedBundle_InstallsOnceThenHasNothingToDo(string bundle)
    {
        var unpacked = _work.Combine("bundle");
        var stage = _work.Combine("stage");
        Directory.CreateDirectory(unpacked);
        ProcessRunner.Run("tar", ["-C", unpacked, "-xzf", bundle]);
        string[] args = [Path.Combine(unpacked, "install.sh"), "--root", stage, "--repo", "file:///srv/fleet.git", "--host", "web-1"];

        var first = ProcessRunner.Run("bash", args);
        var second = ProcessRunner.Run("bash", args);

        Assert.Contains("write /etc/systemd/system/gitops-agent.service", first.Output, StringComparison.Ordinal);
        Assert.Contains("ExecStart=/usr/bin/gitops-agent run --config /etc/gitops-agent/agent.yaml",
            File.ReadAllText(Path.Combine(stage, "etc/systemd/system/gitops-agent.service")), StringComparison.Ordinal);
        Assert.Equal("../lib/gitops-agent/gitops-agent", new FileInfo(Path.Combine(stage, "usr/bin/gitops-agent")).LinkTarget);
        Assert.Contains("Nothing to do", second.Output, StringComparison.Ordinal);
    }

    /// <summary>A run that died before its purge leaves the package; anything else at the package's paths is not ours to remove.</summary>
    private static void PurgeLeftoverPackage()
    {
        if (ProcessRunner.Run("dpkg-query", ["-W", "-f=${Status}", "gitops-agent"], check: false).Output.Contains("installed", StringComparison.Ordinal))
        {
            ProcessRunner.Run("dpkg", ["--purge", "gitops-agent"], timeout: BuildTimeout);
        }
        Assert.False(Directory.Exists("/etc/gitops-agent"), "/etc/gitops-agent exists without the package: this test would overwrite it");
    }
}
