using GitOps.Daemon.Rendering;
using GitOps.Daemon.Cli;
using GitOps.Daemon.Commands;
using GitOps.Reconciler.Reporting.Drift;
using GitOps.Reconciler.Tests.Reporting.Drift;

namespace GitOps.Reconciler.Tests.Cli;

public sealed class DriftCommandTests : IDisposable
{
    private readonly string _stateDir = Path.Combine(Path.GetTempPath(), "drift-cmd-" + Guid.NewGuid().ToString("N")[..8]);

    public void Dispose()
    {
        if (Directory.Exists(_stateDir))
        {
            Directory.Delete(_stateDir, recursive: true);
        }
    }

    private async Task<(int Exit, string Output, string Error)> Run(params string[] args)
    {
        var command = new DriftCommand();
        var (output, error) = (new StringWriter(), new StringWriter());
        var exit = await command.RunAsync(CommandLine.Parse([.. args, "--state-dir", _stateDir], command.Spec), output, error, CancellationToken.None);
        return (exit, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task RunAsync_InSyncReport_ExitsZeroWithTable()
    {
        new DriftReportStore(_stateDir).Save(SampleReports.InSync());

        var (exit, output, error) = await Run();

        Assert.Equal(0, exit);
        Assert.Equal("", error);
        Assert.Equal(DriftTable.Render(SampleReports.InSync(), colour: false), output);
        Assert.DoesNotContain("\u001b[", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_DriftedReport_ExitsTwo()
    {
        new DriftReportStore(_stateDir).Save(SampleReports.Mixed());

        var (exit, _, _) = await Run();

        Assert.Equal(2, exit);
    }

    [Fact]
    public async Task RunAsync_Json_PrintsTheSavedReport()
    {
        var report = SampleReports.Mixed();
        new DriftReportStore(_stateDir).Save(report);

        var (exit, output, _) = await Run("--json");

        Assert.Equal(2, exit);
        Assert.Equal(report, DriftReportJson.Deserialize(output));
    }

    [Fact]
    public async Task RunAsync_NoReport_ExitsOneAndSaysWhy()
    {
        var (exit, output, error) = await Run();

        Assert.Equal(1, exit);
        Assert.Equal("", output);
        Assert.Contains("no drift report", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_RefreshWithoutRepo_ExitsOne()
    {
        var (exit, _, error) = await Run("--refresh");

        Assert.Equal(1, exit);
        Assert.Contains("--repo", error, StringComparison.Ordinal);
    }
}
