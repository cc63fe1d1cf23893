using GitOps.Integration.Tests.Infrastructure;

namespace GitOps.Integration.Tests.Scripts;

/// <summary>scripts/demo.sh as a user runs it again after editing what it wrote.</summary>
[Collection(ExclusiveEngineCollection.Name)]
public sealed class DemoScriptTests : IDisposable
{
    private static readonly TimeSpan ScriptTimeout = TimeSpan.FromMinutes(5);
    private readonly TempDirectory _state = new("demo-state");

    public void Dispose() => _state.Dispose();

    [Fact]
    public void DemoDaemon_AgentYamlEditedByTheUser_KeptAndSaidSo()
    {
        // An edit the daemon refuses (an unknown key) makes it exit at once instead of running in the foreground;
        // a script that overwrote the file would start a daemon that runs until the timeout kills it.
        var config = _state.Combine("agent.yaml");
        var edited = $"host: demo\nrepo:\n  url: file://{_state.Combine("config.git")}\n  ref: {{ branch: main }}\npollInterval: 7s\nstateDir: {_state.Path}\neditedByTheUser: true\n";
        File.WriteAllText(config, edited);

        var run = ProcessRunner.Run("bash", [Path.Combine(EngineFixture.RepositoryRoot(), "scripts", "demo.sh"), "--daemon"],
            environment: new Dictionary<string, string> { ["GITOPS_AGENT_STATE_DIR"] = _state.Path }, check: false, timeout: ScriptTimeout);

        Assert.Equal(edited, File.ReadAllText(config));
        Assert.Contains($"keeping your edited {config}", run.Output, StringComparison.Ordinal);
        Assert.Contains("editedByTheUser", run.Output + run.Error, StringComparison.Ordinal);
    }
}
