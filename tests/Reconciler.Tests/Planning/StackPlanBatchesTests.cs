using GitOps.Reconciler.Actual;
using GitOps.Reconciler.Compose;
using GitOps.Reconciler.Planning;
using GitOps.Reconciler.Stacks;

namespace GitOps.Reconciler.Tests.Planning;

/// <summary>The batches and waits a stack plan carries for the apply, straight from the planner.</summary>
public class StackPlanBatchesTests
{
    [Fact]
    public void Plan_FirstDeployOfAChain_NetworkAloneThenEveryServiceInOneBatchWithTheWaitsOfDependsOn()
    {
        var desired = Given.Desired(Given.Stack("demo",
            Given.Service("web").DependsOn("api", DependencyCondition.ServiceHealthy),
            Given.Service("api").DependsOn("db"),
            Given.Service("db"),
            Given.Service("docs")));

        var stack = Assert.Single(Planner.Plan(desired, ActualState.Empty, PlanningContext.Empty).Stacks);

        Assert.Equal(["api", "db", "default", "docs", "web"], stack.Changes.Select(c => c.Name).Order(StringComparer.Ordinal));
        Assert.Equal(2, stack.Batches.Count);
        Assert.Equal(["default"], stack.Batches[0].Select(i => stack.Changes[i].Name));
        Assert.Equal(["db", "api", "docs", "web"], stack.Batches[1].Select(i => stack.Changes[i].Name));
        Assert.Empty(stack.Waits["db"]);
        Assert.Equal([("db", DependencyWait.Started)], stack.Waits["api"]);
        Assert.Empty(stack.Waits["docs"]);
        Assert.Equal([("api", DependencyWait.Passed)], stack.Waits["web"]);
    }

    [Fact]
    public void Plan_RemovedService_ItsDeleteIsABatchOfItsOwnBeforeTheServicesAndWaitsForNothing()
    {
        var running = Given.Desired(Given.Stack("demo", Given.Service("api").DependsOn("db"), Given.Service("db"), Given.Service("old")));
        var desired = Given.Desired(Given.Stack("demo", Given.Service("api").DependsOn("db"), Given.Service("db")));

        var stack = Assert.Single(Planner.Plan(desired, Given.Deployed(running), PlanningContext.Empty).Stacks);

        var delete = stack.Changes.Select((c, i) => (c, i)).Single(x => x.c.Action == ChangeAction.Delete).i;
        Assert.Contains(stack.Batches, b => b.SequenceEqual([delete]));
        Assert.Equal(["db", "api"], stack.Batches[^1].Select(i => stack.Changes[i].Name));
        Assert.False(stack.Waits.ContainsKey("old"));
        Assert.Equal([("db", DependencyWait.Started)], stack.Waits["api"]);
    }
}
