using GitOps.Reconciler.Common;
using GitOps.Reconciler.Desired;
using GitOps.Reconciler.Planning;
using GitOps.Reconciler.Tasks;
using Microsoft.Extensions.Logging.Abstractions;
using NSubstitute;
using NSubstitute.ExceptionExtensions;
using static GitOps.Reconciler.Tests.Tasks.TaskFixtures;

namespace GitOps.Reconciler.Tests.Tasks;

public class TaskKindExecutorTests
{
    private readonly ITaskKind _tasks = Substitute.For<ITaskKind>();

    private static TaskPlan Plan(IEnumerable<TaskSpec> desired, params ScheduledTask[] scheduled) =>
        TaskPlanner.Plan(desired.ToDictionary(s => s.Name), scheduled);

    [Fact]
    public async Task ApplyAsync_Changes_WrittenToTheStoreWithTheRevision()
    {
        var plan = Plan([Spec()]);

        var results = await new TaskKindExecutor(_tasks, NullLogger.Instance).ApplyAsync(plan, "rev-1", null, CancellationToken.None);

        await _tasks.Received(1).ApplyAsync(plan, "rev-1", Arg.Any<CancellationToken>());
        Assert.Empty(results);
    }

    [Fact]
    public async Task ApplyAsync_NoChanges_StoreNotWritten()
    {
        await new TaskKindExecutor(_tasks, NullLogger.Instance).ApplyAsync(Plan([Spec()], Scheduled(Spec())), "rev-1", null, CancellationToken.None);

        await _tasks.DidNotReceiveWithAnyArgs().ApplyAsync(default!, default, default);
    }

    [Fact]
    public async Task ApplyAsync_StoreFails_LoggedNotThrown()
    {
        _tasks.ApplyAsync(Arg.Any<TaskPlan>(), Arg.Any<string?>(), Arg.Any<CancellationToken>()).ThrowsAsync(new Quartz.SchedulerException("store locked"));

        var results = await new TaskKindExecutor(_tasks, NullLogger.Instance).ApplyAsync(Plan([Spec()]), "rev-1", null, CancellationToken.None);

        Assert.Empty(results);
    }

    [Fact]
    public async Task ApplyAsync_AnotherKindsPlan_Refused()
    {
        var stacks = new StacksPlan(ValueList<StackPlan>.Empty);

        await Assert.ThrowsAsync<ArgumentException>(() => new TaskKindExecutor(_tasks, NullLogger.Instance).ApplyAsync(stacks, null, null, CancellationToken.None));
    }
}
