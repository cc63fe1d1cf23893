using GitOps.Daemon.Cli;
using GitOps.Daemon.Commands;
using GitOps.Daemon.Install;

namespace GitOps.Reconciler.Tests.Install;

/// <summary>The verb against a staging root: real files, written once, then left alone.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class InstallCommandTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "install-root-" + Guid.NewGuid().ToString("N")[..8]);

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    private async Task<(int Exit, string Output, string Error)> Run(params string[] args)
    {
        var command = new InstallCommand();
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = await command.RunAsync(
            CommandLine.Parse([.. args, "--root", _root, "--binary", "/usr/bin/gitops-agent"], command.Spec), output, error, CancellationToken.None);
        return (exit, output.ToString(), error.ToString());
    }

    private string Under(string hostPath) => HostPath.Under(_root, hostPath);

    [Fact]
    public async Task Install_TwiceIntoAStagingRoot_WritesOnceThenHasNothingToDo()
    {
        var first = await Run("--repo", "file:///srv/fleet.git", "--host", "web-1");
        var unitWritten = File.GetLastWriteTimeUtc(Under(InstallPlanner.UnitPath));
        var second = await Run();

        Assert.Equal(0, first.Exit);
        Assert.Contains("url: \"file:///srv/fleet.git\"", await File.ReadAllTextAsync(Under(InstallPlanner.ConfigPath)), StringComparison.Ordinal);
        Assert.Contains("ExecStart=/usr/bin/gitops-agent run --config /etc/gitops-agent/agent.yaml", await File.ReadAllTextAsync(Under(InstallPlanner.UnitPath)), StringComparison.Ordinal);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead, File.GetUnixFileMode(Under(InstallPlanner.ConfigPath)));
        Assert.True(Directory.Exists(Under(InstallPlanner.StateDirectory)));
        Assert.Equal(0, second.Exit);
        Assert.Contains("Nothing to do", second.Output, StringComparison.Ordinal);
        Assert.Equal(unitWritten, File.GetLastWriteTimeUtc(Under(InstallPlanner.UnitPath)));
    }

    [Fact]
    public async Task Install_ConfigThere_KeptByteForByte()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Under(InstallPlanner.ConfigPath))!);
        await File.WriteAllTextAsync(Under(InstallPlanner.ConfigPath), "host: mine\nrepo:\n  url: file:///mine.git\n");

        var result = await Run("--repo", "file:///other.git");

        Assert.Equal(0, result.Exit);
        Assert.Equal("host: mine\nrepo:\n  url: file:///mine.git\n", await File.ReadAllTextAsync(Under(InstallPlanner.ConfigPath)));
        Assert.Contains("exists and is kept", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Install_DryRun_PrintsTheStepsAndWritesNothing()
    {
        var result = await Run("--repo", "file:///srv/fleet.git", "--dry-run");

        Assert.Equal(0, result.Exit);
        Assert.Contains("write /etc/systemd/system/gitops-agent.service", result.Output, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_root));
    }

    [Fact]
    public async Task Install_UnusableRepoUrl_ExitOneWithTheReasonAndNothingWritten()
    {
        var result = await Run("--repo", "ftp://git.example.org/fleet.git");

        Assert.Equal(1, result.Exit);
        Assert.Contains("gitops-agent install: ", result.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_root));
    }

    [Fact]
    public async Task Install_StagedDirectoryAndFileWithLooseModes_TightenedThenNothingToDo()
    {
        await Run("--repo", "file:///srv/fleet.git");
        File.SetUnixFileMode(Under(InstallPlanner.ConfigDirectory), (UnixFileMode)Convert.ToInt32("777", 8));
        var key = Under("/etc/gitops-agent/deploy_key");
        await File.WriteAllTextAsync(key, "not a real key\n");
        File.SetUnixFileMode(key, (UnixFileMode)Convert.ToInt32("644", 8));

        var fixing = await Run();
        var again = await Run();

        Assert.Equal(0, fixing.Exit);
        Assert.Contains("set /etc/gitops-agent to 0750 (was 0777", fixing.Output, StringComparison.Ordinal);
        Assert.Contains("set /etc/gitops-agent/deploy_key to 0640 (was 0644", fixing.Output, StringComparison.Ordinal);
        Assert.Equal((UnixFileMode)Convert.ToInt32("750", 8), File.GetUnixFileMode(Under(InstallPlanner.ConfigDirectory)));
        Assert.Equal((UnixFileMode)Convert.ToInt32("640", 8), File.GetUnixFileMode(key));
        Assert.Contains("Nothing to do", again.Output, StringComparison.Ordinal);
    }
}
