using GitOps.Integration.Tests.Infrastructure;
using GitOps.Reconciler.Actual;
using GitOps.Reconciler.Apply;
using GitOps.Reconciler.Compose;
using GitOps.Reconciler.Engine;
using GitOps.Reconciler.Planning;
using GitOps.Reconciler.Stacks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit.Abstractions;

namespace GitOps.Integration.Tests;

/// <summary>
/// One test's isolated project on the real engine, removed by label afterwards. The engine fixture is per class, so
/// classes run in parallel with their own fixture (see AssemblyInfo).
/// </summary>
public abstract class EngineTest(EngineFixture fixture, ITestOutputHelper? output = null) : IClassFixture<EngineFixture>, IAsyncLifetime
{
    protected static readonly TimeSpan TestTimeout = TimeSpan.FromMinutes(3);

    private readonly CancellationTokenSource _timeout = new(TestTimeout);

    protected EngineFixture Fixture { get; } = fixture;

    /// <summary>Where the components under test log: the test's output, shown when it fails (none without one).</summary>
    protected ILoggerFactory Loggers { get; } = output is null ? NullLoggerFactory.Instance : TestOutputLoggerProvider.Factory(output);

    protected string Project { get; } = EngineFixture.NewProject();

    protected CountingDockerEngine Engine { get; } = new(fixture.Engine);

    protected CancellationToken Token => _timeout.Token;

    protected List<ApplyEvent> Events { get; } = [];

    protected string WorkingDir => Path.Combine(Fixture.StateDirectory, Project);

    protected ComposeExecutor Executor(
        Func<string, string, string?>? grantValues = null, string owner = EngineLabels.DefaultOwner, ILogger<ComposeExecutor>? logger = null) => new(
        Engine,
        new ComposeExecutorOptions
        {
            StateDirectory = Path.Combine(Fixture.StateDirectory, "state"),
            Owner = owner,
            GrantValues = grantValues ?? ((_, _) => null),
            SettlePeriod = TimeSpan.FromSeconds(1),
            DependencyTimeout = TimeSpan.FromSeconds(60),
        },
        TimeProvider.System,
        logger ?? Loggers.CreateLogger<ComposeExecutor>());

    protected DockerProbe Probe => new(Engine);

    protected StackSpec Stack(params ServiceSpec[] services) => StackPlans.Stack(Project, WorkingDir, services);

    protected Task<StackApplyResult> ApplyAsync(StackPlan plan, Func<string, string, string?>? grantValues = null) =>
        Executor(grantValues).ApplyStackAsync(plan, new Recorder(Events), Token);

    protected async Task<StackApplyResult> DeployAsync(StackSpec stack, params string[] order)
    {
        var result = await ApplyAsync(StackPlans.Deploy(stack, order));
        Assert.True(result.Status == ApplyStatus.Applied, $"deploy failed: {result.Reason}");
        return result;
    }

    protected async Task<ActualStack> ReadStackAsync(StackSpec? desired = null, bool fullDrift = false)
    {
        var request = new ProbeRequest(
            desired is null ? new Dictionary<string, StackSpec>() : new Dictionary<string, StackSpec> { [Project] = desired },
            fullDrift);
        var state = await Probe.ReadAsync(request, Token);
        Assert.True(state.Stacks.TryGetValue(Project, out var stack), $"stack {Project} not found by the probe");
        return stack!;
    }

    protected async Task<Docker.DotNet.Models.ContainerInspectResponse> InspectAsync(string id) =>
        await Fixture.Engine.Containers.InspectAsync(id, Token) ?? throw new InvalidOperationException($"container {id} is gone");

    public Task InitializeAsync()
    {
        Directory.CreateDirectory(WorkingDir);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await Fixture.RemoveProjectAsync(Project);
        _timeout.Dispose();
        Loggers.Dispose();
    }

    private sealed class Recorder(List<ApplyEvent> events) : IProgress<ApplyEvent>
    {
        public void Report(ApplyEvent value)
        {
            lock (events)
            {
                events.Add(value);
            }
        }
    }
}
