using Docker.DotNet.Models;
using GitOps.Integration.Tests.Infrastructure;
using GitOps.Reconciler.Common;
using GitOps.Reconciler.Compose;
using GitOps.Reconciler.Desired;
using GitOps.Reconciler.Engine;
using GitOps.Reconciler.Planning;
using GitOps.Reconciler.State;
using GitOps.Reconciler.Tasks;
using Microsoft.Extensions.Logging;
using Xunit.Abstractions;
using TaskSpec = GitOps.Reconciler.Desired.TaskSpec;

namespace GitOps.Integration.Tests.Tasks;

/// <summary>
/// A task scheduler on a real SQLite job store and the real engine, in its own state directory. Schedules are
/// Quartz expressions with seconds, so nothing waits for a cron minute. The scheduler, the runner and the store log to
/// the test's output.
/// </summary>
[Collection(AgentHostCollection.Name)]
public abstract class TaskTest(EngineFixture fixture, ITestOutputHelper output) : EngineTest(fixture, output), IAsyncLifetime
{
    protected static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);

    private StateStore? _state;

    protected string StateDir => Path.Combine(WorkingDir, "state");

    /// <summary>The host name the task containers are owned by: unique per test.</summary>
    protected string Owner => Project;

    protected StateStore State => _state ??= StateStore.Open(StateDir, TimeProvider.System, Loggers.CreateLogger<StateStore>());

    protected TaskRunner NewRunner() => new(
        new DockerTaskContainers(Fixture.Engine, Fixture.Raw, Owner, TimeProvider.System, Loggers.CreateLogger<DockerTaskContainers>()),
        State,
        new TaskRunnerOptions { Host = Owner },
        TimeProvider.System,
        Loggers.CreateLogger<TaskRunner>());

    protected async Task<TaskSchedule> OpenAsync(TaskRunner runner) => await TaskSchedule.OpenAsync(
        new TaskScheduleOptions { StateDirectory = StateDir, MisfireThreshold = TimeSpan.FromSeconds(1) },
        runner, TimeProvider.System, Loggers, Token);

    /// <summary>A unique task name, so task containers never clash between tests.</summary>
    protected string TaskName(string name) => Project + "-" + name;

    protected static TaskSpec Spec(string name, string cron, params string[] shell) => new(
        name,
        "(test)",
        ValueList.Of(cron),
        EngineFixture.Image("backup:1.0"),
        ValueList.From(["sh", "-c", .. shell]),
        ValueMap<string>.Empty,
        ValueList<MountSpec>.Empty,
        TimeSpan.FromMinutes(1),
        Suspended: false);

    /// <summary>A Quartz expression for every <paramref name="seconds"/> seconds.</summary>
    protected static string Every(int seconds) => $"0/{seconds} * * * * ?";

    /// <summary>A Quartz expression firing at exactly these times (UTC) within the next minutes.</summary>
    protected static string At(params DateTimeOffset[] times) =>
        $"{string.Join(',', times.Select(t => t.Second).Distinct())} {string.Join(',', times.Select(t => t.Minute).Distinct())} {string.Join(',', times.Select(t => t.Hour).Distinct())} * * ?";

    protected static async Task ScheduleAsync(TaskSchedule schedule, params TaskSpec[] specs)
    {
        var plan = TaskPlanner.Plan(specs.ToDictionary(s => s.Name), await schedule.ReadAsync(CancellationToken.None));
        await schedule.ApplyAsync(plan, "rev-1", CancellationToken.None);
    }

    protected async Task<IReadOnlyList<TaskRunRecord>> EventuallyRunsAsync(string task, Func<IReadOnlyList<TaskRunRecord>, bool> until, string what)
    {
        IReadOnlyList<TaskRunRecord> runs = [];
        await EventuallyAsync(() =>
        {
            runs = State.GetTaskRuns(task, 100);
            return Task.FromResult(until(runs));
        }, () => $"{what}; runs: {string.Join(", ", runs.Select(r => r.Outcome))}");
        return runs;
    }

    /// <summary>Polls <paramref name="condition"/> until it holds, failing with <paramref name="what"/> after <see cref="Wait"/>.</summary>
    protected Task EventuallyAsync(Func<Task<bool>> condition, Func<string> what) => Eventually.TrueAsync(condition, what, Wait, Token);

    protected async Task<IList<ContainerListResponse>> TaskContainersAsync(string task) =>
        await Fixture.Raw.Containers.ListContainersAsync(new ContainersListParameters
        {
            All = true,
            Filters = new Dictionary<string, IDictionary<string, bool>> { ["label"] = new Dictionary<string, bool> { [$"{TaskContainerLabels.Task}={task}"] = true } },
        }, Token);

    public new async Task DisposeAsync()
    {
        _state?.Dispose();
        var containers = await Fixture.Raw.Containers.ListContainersAsync(new ContainersListParameters
        {
            All = true,
            Filters = new Dictionary<string, IDictionary<string, bool>> { ["label"] = new Dictionary<string, bool> { [EngineLabels.OwnerFilter(Owner)] = true } },
        }, CancellationToken.None);
        foreach (var container in containers)
        {
            await Fixture.Engine.Containers.RemoveAsync(container.ID, force: true, CancellationToken.None);
        }
        await base.DisposeAsync();
    }
}
