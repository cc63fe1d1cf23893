using GitOps.Reconciler.Actual;
using GitOps.Reconciler.Common;
using GitOps.Reconciler.Compose;
using GitOps.Reconciler.Planning;
using GitOps.Reconciler.Secrets;
using GitOps.Reconciler.Stacks;

namespace GitOps.Reconciler.Tests.Planning;

public class ChangeBatchesTests
{
    private static ServiceChange Service(ServiceSpec spec, ChangeAction action = ChangeAction.Create) =>
        new("demo", spec.Name, action, ValueList<FieldChange>.Empty, "new",
            action == ChangeAction.Delete ? null : spec,
            action == ChangeAction.Delete ? null : ServiceSpecHash.Of(spec, ConfigHashKey.Unkeyed),
            ValueList<ActualContainer>.Empty);

    private static NetworkChange Network(ChangeAction action) =>
        new("demo", "default", action, ValueList<FieldChange>.Empty, "new", NetworkSpec.Default("demo"), null);

    [Fact]
    public void Of_NetworkThenIndependentServices_ServicesInOneBatch()
    {
        var batches = ChangeBatches.Of([Network(ChangeAction.Create), Service(Given.Service("api")), Service(Given.Service("web"))]);

        Assert.Equal([[0], [1, 2]], batches);
    }

    [Fact]
    public void Of_Chain_AllServicesInOneBatch()
    {
        var batches = ChangeBatches.Of([
            Service(Given.Service("db")),
            Service(Given.Service("api").DependsOn("db")),
            Service(Given.Service("docs")),
            Service(Given.Service("web").DependsOn("api"))]);

        Assert.Equal([[0, 1, 2, 3]], batches);
    }

    [Fact]
    public void WaitsOf_ServiceStartedChain_EachWaitsForTheOneBeforeToStart()
    {
        var changes = new ResourceChange[]
        {
            Network(ChangeAction.Create),
            Service(Given.Service("db")),
            Service(Given.Service("api").DependsOn("db")),
            Service(Given.Service("docs")),
            Service(Given.Service("web").DependsOn("api")),
        };

        Assert.Empty(ChangeBatches.WaitsOf(changes, 1));
        Assert.Equal([(1, DependencyWait.Started)], ChangeBatches.WaitsOf(changes, 2));
        Assert.Empty(ChangeBatches.WaitsOf(changes, 3));
        Assert.Equal([(2, DependencyWait.Started)], ChangeBatches.WaitsOf(changes, 4));
    }

    [Fact]
    public void WaitsOf_HealthyCompletedAndSharedNetwork_WaitForTheGate()
    {
        var changes = new ResourceChange[]
        {
            Service(Given.Service("db")),
            Service(Given.Service("migrate").DependsOn("db", DependencyCondition.ServiceHealthy)),
            Service(Given.Service("api").DependsOn("migrate", DependencyCondition.ServiceCompletedSuccessfully).DependsOn("db")),
            Service(Given.Service("sidecar") with { NetworkMode = "service:api", Networks = ValueMap<NetworkAttachment>.Empty }),
        };

        Assert.Equal([(0, DependencyWait.Passed)], ChangeBatches.WaitsOf(changes, 1));
        Assert.Equal([(0, DependencyWait.Started), (1, DependencyWait.Passed)], ChangeBatches.WaitsOf(changes, 2));
        Assert.Equal([(2, DependencyWait.Passed)], ChangeBatches.WaitsOf(changes, 3));
    }

    [Fact]
    public void WaitsOf_DependencyListedLaterOrNotInThePlan_NoWait()
    {
        // A cycle (the loader rejects them) or a dependency outside the plan can never make a service wait forever.
        var changes = new ResourceChange[]
        {
            Service(Given.Service("a").DependsOn("b").DependsOn("absent")),
            Service(Given.Service("b").DependsOn("a")),
        };

        Assert.Empty(ChangeBatches.WaitsOf(changes, 0));
        Assert.Equal([(0, DependencyWait.Started)], ChangeBatches.WaitsOf(changes, 1));
    }

    [Fact]
    public void WaitsOf_DependencyDeletedOrBeyondANetworkChange_NoWait()
    {
        var changes = new ResourceChange[]
        {
            Service(Given.Service("db")),
            Network(ChangeAction.Delete),
            Service(Given.Service("old"), ChangeAction.Delete),
            Service(Given.Service("api").DependsOn("db").DependsOn("old")),
        };

        Assert.Empty(ChangeBatches.WaitsOf(changes, 3));
    }

    [Fact]
    public void Of_DeletesAndTrailingNetworks_StayAloneInPlanOrder()
    {
        var batches = ChangeBatches.Of([
            Service(Given.Service("old"), ChangeAction.Delete),
            Service(Given.Service("gone"), ChangeAction.Delete),
            Service(Given.Service("a")),
            Service(Given.Service("b"), ChangeAction.NoOp),
            Network(ChangeAction.Delete)]);

        Assert.Equal([[0], [1], [2, 3], [4]], batches);
    }
}
