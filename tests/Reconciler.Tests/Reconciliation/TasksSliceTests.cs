using GitOps.Reconciler.Common;
using GitOps.Reconciler.Desired;
using GitOps.Reconciler.Planning;
using GitOps.Reconciler.Reconciliation;
using GitOps.Reconciler.Reconciliation.Slices;
using GitOps.Reconciler.Repository;
using GitOps.Reconciler.Tasks;
using GitOps.Reconciler.Tests.Planning;
using Microsoft.Extensions.Logging.Abstractions;
using NSubstitute;
using NSubstitute.ExceptionExtensions;
using static GitOps.Reconciler.Tests.Tasks.TaskFixtures;

namespace GitOps.Reconciler.Tests.Reconciliation;

public class TasksSliceTests
{
    private readonly ITaskKind _tasks = Substitute.For<ITaskKind>();
    private readonly TasksSlice _slice = new(NullLogger<TasksSlice>.Instance);

    public TasksSliceTests() => _slice.Schedule = _tasks;

    private static TaskPlan Plan(IEnumerable<TaskSpec> desired, params ScheduledTask[] scheduled) =>
        TaskPlanner.Plan(desired.ToDictionary(s => s.Name), scheduled);

    private static ReconcileResult Applying() =>
        new("h1", "rev-1", ReconcileStatus.Unchanged, [], null, null, null, DateTimeOffset.UnixEpoch, TimeSpan.Zero);

    private static KindPlanRequest Request() => new(Given.Desired(), new RepoDirectory(Path.GetTempPath()), FullDrift: false);

    [Fact]
    public async Task ApplyAsync_Changes_WrittenToTheStoreWithTheRevision()
    {
        var plan = Plan([Spec()]);

        var result = await _slice.ApplyAsync(plan, Applying(), null, CancellationToken.None);

        await _tasks.Received(1).ApplyAsync(plan, "rev-1", Arg.Any<CancellationToken>());
        Assert.Equal(ReconcileStatus.Converged, result.Status);
    }

    [Fact]
    public async Task ApplyAsync_NoChanges_StoreNotWritten()
    {
        var result = await _slice.ApplyAsync(Plan([Spec()], Scheduled(Spec())), Applying(), null, CancellationToken.None);

        await _tasks.DidNotReceiveWithAnyArgs().ApplyAsync(default!, default, default);
        Assert.Equal(ReconcileStatus.Unchanged, result.Status);
    }

    [Fact]
    public async Task ApplyAsync_StoreFails_LoggedNotThrown()
    {
        _tasks.ApplyAsync(Arg.Any<TaskPlan>(), Arg.Any<string?>(), Arg.Any<CancellationToken>()).ThrowsAsync(new Quartz.SchedulerException("store locked"));

        var result = await _slice.ApplyAsync(Plan([Spec()]), Applying(), null, CancellationToken.None);

        Assert.Null(result.Error);
    }

    [Fact]
    public async Task ApplyAsync_AnotherKindsPlan_Refused()
    {
        var stacks = new StacksPlan(ValueList<StackPlan>.Empty);

        await Assert.ThrowsAsync<ArgumentException>(() => _slice.ApplyAsync(stacks, Applying(), null, CancellationToken.None));
    }

    [Fact]
    public async Task PlanAsync_NoStoreAttached_SitsThePassOut()
    {
        _slice.Schedule = null;

        Assert.Null(await _slice.PlanAsync(Request(), CancellationToken.None));
    }

    [Fact]
    public async Task PlanAsync_StoreUnreadable_SitsThePassOut()
    {
        _tasks.PlanAsync(Arg.Any<DesiredState>(), Arg.Any<CancellationToken>()).ThrowsAsync(new Quartz.SchedulerException("store locked"));

        Assert.Null(await _slice.PlanAsync(Request(), CancellationToken.None));
    }

    [Fact]
    public async Task PlanAsync_StoreAttached_ThePlanHoldsTheTasksPart()
    {
        var plan = Plan([Spec()]);
        _tasks.PlanAsync(Arg.Any<DesiredState>(), Arg.Any<CancellationToken>()).Returns(plan);

        var part = await _slice.PlanAsync(Request(), CancellationToken.None);

        Assert.Same(plan, Assert.Single(part!.Kinds));
    }
}
