using GitOps.Daemon.Hosting;
using GitOps.Reconciler.Configuration;
using GitOps.Reconciler.Engine;
using GitOps.Reconciler.Apply;
using GitOps.Reconciler.Planning;
using GitOps.Reconciler.Reconciliation;
using GitOps.Reconciler.Repository;
using GitOps.Reconciler.Stacks;
using GitOps.Reconciler.State;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using GitOps.Integration.Tests.Infrastructure;
using Xunit.Abstractions;

namespace GitOps.Integration.Tests.Pipeline;

/// <summary>
/// The whole reconcile of one host (LoadDesired → ProbeActual → Plan → Apply → Report) from a config repo on disk
/// against the real engine and registry. The host name is the test's project name, so the agent owns only what the
/// test creates and other tests' stacks are invisible to it.
/// </summary>
public abstract class PipelineTest : EngineTest, IDisposable
{
    private readonly ServiceProvider _services;
    private readonly ILoggerFactory _loggers;

    protected PipelineTest(EngineFixture fixture, ITestOutputHelper output)
        : base(fixture)
    {
        _loggers = TestOutputLoggerProvider.Factory(output);
        _loggers.AddProvider(Log);
        Repo = new ConfigRepo(Project);
        var stateDirectory = StateDirectory = Path.Combine(Fixture.StateDirectory, "agent-" + Project);
        // Decrypted secret files must be on tmpfs; /dev/shm is one wherever the tests run.
        SecretsDirectory = Path.Combine("/dev/shm", "gitops-agent-" + Project);
        // The state and compose stacks slices of the composition root, on this test's counting engine.
        _services = new ServiceCollection()
            .AddSingleton(_loggers)
            .AddSingleton(typeof(ILogger<>), typeof(Logger<>))
            .AddSingleton<IDockerEngine>(Engine)
            .AddAgentState(stateDirectory, AgentConfig.DefaultHistoryRetention)
            .AddComposeStacks(
                Project, new ComposeExecutorOptions { StateDirectory = stateDirectory, SecretsDirectory = SecretsDirectory, Owner = Project, SettlePeriod = TimeSpan.FromSeconds(1) }, trustFromEvents: false)
            .AddHostReconciler()
            .BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
        Reconciler = _services.GetRequiredService<HostReconciler>();
    }

    protected ConfigRepo Repo { get; }

    /// <summary>Every line the agent's services logged in this test.</summary>
    protected CapturingLoggerProvider Log { get; } = new();

    /// <summary>The agent's state directory (its config-hash key, history, reports).</summary>
    protected string StateDirectory { get; }

    protected HostReconciler Reconciler { get; }

    /// <summary>The tmpfs directory the executor writes decrypted secret files to.</summary>
    protected string SecretsDirectory { get; }

    /// <summary>A web service on the demo image: <paramref name="tag"/> v1, v2 or broken (its healthcheck fails).</summary>
    protected static string Web(string tag, string env = "A: \"1\"", string name = "web") => $"""
          {name}:
            image: {EngineFixture.Image("web")}:{tag}
            environment:
              {env}
            healthcheck:
              test: ["CMD", "wget", "-q", "-O-", "http://127.0.0.1:8080/healthz"]
              interval: 1s
              timeout: 2s
              retries: 3

        """;

    protected static string Compose(params string[] services) => "services:\n" + string.Concat(services);

    protected Task<ReconcileResult> PlanAsync(bool fullDrift = false) =>
        Reconciler.PlanAsync(new RepoDirectory(Repo.Root), Project, revision: null, fullDrift, Token);

    protected async Task<ReconcileResult> SyncAsync(bool fullDrift = false) =>
        await Reconciler.ApplyAsync(await PlanAsync(fullDrift), progress: null, Token);

    protected async Task<ReconcileResult> SyncOkAsync()
    {
        var result = await SyncAsync();
        Assert.True(!result.Failed, $"sync ended {result.Status}: {result.Error} {string.Join("; ", result.Diagnostics)}");
        return result;
    }

    /// <summary>Container ids of the stack by service, from the engine.</summary>
    protected async Task<Dictionary<string, string>> ContainerIdsAsync(string? stack = null)
    {
        var containers = await Fixture.Engine.Containers.ListAsync([$"com.docker.compose.project={stack ?? Project}"], Token);
        return containers.ToDictionary(c => c.Labels["com.docker.compose.service"], c => c.ID, StringComparer.Ordinal);
    }

    protected static ServiceChange Service(ReconcileResult result, string stack, string service) =>
        result.Plan!.Stacks.Single(s => s.Stack == stack).Changes.OfType<ServiceChange>().Single(c => c.Name == service);

    public void Dispose()
    {
        _services.Dispose();
        _loggers.Dispose();
        Repo.Dispose();
        if (Directory.Exists(SecretsDirectory))
        {
            Directory.Delete(SecretsDirectory, recursive: true);
        }
        GC.SuppressFinalize(this);
    }
}
