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
    public void Of_Chain_OneServicePerBatchInDependencyOrder()
    {
        var batches = ChangeBatches.Of([
            Service(Given.Service("db")),
            Service(Given.Service("api").DependsOn("db")),
            Service(Given.Service("docs")),
            Service(Given.Service("web").DependsOn("api"))]);

        Assert.Equal([[0, 2], [1], [3]], batches);
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
