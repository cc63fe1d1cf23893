using GitOps.Daemon.Cli;
using GitOps.Daemon.Commands;

namespace GitOps.Reconciler.Tests.Cli;

public sealed class RunCommandTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("run-command-");

    [Fact]
    public async Task RunAsync_InvalidConfig_PrintsEveryMistakeAndRefusesToStart()
    {
        var file = Path.Combine(_dir.FullName, "agent.yaml");
        File.WriteAllText(file, "host: x\nrepo:\n  url: ftp://nope\npollInterval: 0s\nbogus: 1\n");
        var command = new RunCommand();
        var (output, error) = (new StringWriter(), new StringWriter());

        var exit = await command.RunAsync(CommandLine.Parse(["--config", file], command.Spec), output, error, CancellationToken.None);

        Assert.Equal(1, exit);
        var text = error.ToString();
        Assert.Contains("agent.yaml:5:1: unknown key 'bogus'", text, StringComparison.Ordinal);
        Assert.Contains("agent.yaml:3:8: repo.url: unsupported URL", text, StringComparison.Ordinal);
        Assert.Contains("agent.yaml:4:15: pollInterval", text, StringComparison.Ordinal);
        Assert.Contains("refusing to start", text, StringComparison.Ordinal);
        Assert.Equal("", output.ToString());
    }

    [Fact]
    public async Task RunAsync_MissingConfigFile_RefusesToStart()
    {
        var command = new RunCommand();
        var error = new StringWriter();

        var exit = await command.RunAsync(
            CommandLine.Parse(["--config", Path.Combine(_dir.FullName, "absent.yaml")], command.Spec), new StringWriter(), error, CancellationToken.None);

        Assert.Equal(1, exit);
        Assert.Contains("configuration file not found", error.ToString(), StringComparison.Ordinal);
    }

    public void Dispose() => _dir.Delete(recursive: true);
}
