using GitOps.Reconciler.Actual;
using GitOps.Reconciler.Common;
using GitOps.Reconciler.Compose;
using GitOps.Reconciler.Planning;
using GitOps.Reconciler.Stacks;

namespace GitOps.Reconciler.Tests.Planning;

public class PlannerNetworkVolumeTests
{
    private static readonly ServiceSpec Web = Given.Service("web");
    private static readonly ServiceSpec Worker = Given.Service("worker") with { NetworkMode = "none", Networks = ValueMap<NetworkAttachment>.Empty };

    [Fact]
    public void Plan_NetworkDriverChanged_ReplacesNetworkAndAttachedServices()
    {
        var stack = Given.Stack("demo", Web, Worker);
        var actual = Given.Deployed(Given.Desired(stack));
        var changed = stack.WithNetwork(NetworkSpec.Default("demo") with { Internal = true });

        var plan = Planner.Plan(Given.Desired(changed), actual, PlanningContext.Empty);

        var network = plan.Network("demo", "default");
        Assert.Equal(ChangeAction.Replace, network.Action);
        Assert.Equal([new FieldChange("internal", "true", "false")], network.Fields);
        Assert.Contains("(web)", network.Reason, StringComparison.Ordinal);
        var web = plan.Service("demo", "web");
        Assert.Equal(ChangeAction.Replace, web.Action);
        Assert.Equal([new FieldChange("networks.default", "recreated", "replaced")], web.Fields);
        Assert.Equal(ChangeAction.NoOp, plan.Service("demo", "worker").Action);
    }

    [Fact]
    public void Plan_NetworkRemovedByHand_CreatesItAndRecreatesAttachedServices()
    {
        var desired = Given.Desired(Given.Stack("demo", Web));
        var actual = Given.Deployed(desired).EditStack("demo", s => s with { Networks = ValueMap<ActualNetwork>.Empty });

        var plan = Planner.Plan(desired, actual, PlanningContext.Empty);

        Assert.Equal(ChangeAction.Create, plan.Network("demo", "default").Action);
        var web = plan.Service("demo", "web");
        Assert.Equal(ChangeAction.Replace, web.Action);
        Assert.Equal("network default is recreated", web.Reason);
        Assert.Equal(new FieldChange("networks.default", "recreated", "missing"), web.Field("networks.default"));
    }

    [Fact]
    public void Plan_NetworkLabelChanged_ShowsLabelField()
    {
        var stack = Given.Stack("demo", Web);
        var actual = Given.Deployed(Given.Desired(stack));
        var labelled = stack.WithNetwork(NetworkSpec.Default("demo") with { Labels = ValueMap<string>.Empty.With("team", "ml") });

        var plan = Planner.Plan(Given.Desired(labelled), actual, PlanningContext.Empty);

        Assert.Equal([new FieldChange("labels.team", "ml", null)], plan.Network("demo", "default").Fields);
    }

    [Fact]
    public void Plan_NetworkDiffersOnlyInComposeLabels_NoOp()
    {
        var desired = Given.Desired(Given.Stack("demo", Web));
        var actual = Given.Deployed(desired).EditStack("demo", s => s with
        {
            Networks = s.Networks.With("default", s.Networks["default"] with
            {
                Spec = s.Networks["default"].Spec with { Labels = ValueMap<string>.Empty.With("com.docker.compose.network", "default") },
            }),
        });

        var plan = Planner.Plan(desired, actual, PlanningContext.Empty);

        Assert.False(plan.HasChanges);
    }

    [Fact]
    public void Plan_NetworkNoLongerDeclared_DeletedAfterServices()
    {
        var backend = new NetworkSpec("backend", "demo_backend", "bridge", false, false, ValueMap<string>.Empty, ValueMap<string>.Empty);
        var actual = Given.Deployed(Given.Desired(Given.Stack("demo", Web).WithNetwork(backend)));

        var plan = Planner.Plan(Given.Desired(Given.Stack("demo", Web)), actual, PlanningContext.Empty);

        Assert.Equal(["network:default:noop", "container:web:noop", "network:backend:delete"], plan.Stack("demo").Steps());
        Assert.Equal(PlanReasons.NetworkRemoved, plan.Network("demo", "backend").Reason);
    }

    [Fact]
    public void Plan_ExternalNetwork_NotPlanned()
    {
        var shared = new NetworkSpec("shared", "shared", "bridge", true, false, ValueMap<string>.Empty, ValueMap<string>.Empty);

        var plan = Planner.Plan(Given.Desired(Given.Stack("demo", Web).WithNetwork(shared)), ActualState.Empty, PlanningContext.Empty);

        Assert.DoesNotContain(plan.Stack("demo").Changes, c => c.Name == "shared");
    }

    [Fact]
    public void Plan_VolumeMissing_Created()
    {
        var stack = Given.Stack("demo", Web);
        var actual = Given.Deployed(Given.Desired(stack));

        var plan = Planner.Plan(Given.Desired(stack.WithVolume("data")), actual, PlanningContext.Empty);

        var volume = plan.Volume("demo", "data");
        Assert.Equal(ChangeAction.Create, volume.Action);
        Assert.Equal("demo_data", volume.Desired?.EngineName);
    }

    [Fact]
    public void Plan_VolumeDriverDiffers_ReportedNeverReplaced()
    {
        var stack = Given.Stack("demo", Web).WithVolume("data");
        var actual = Given.Deployed(Given.Desired(stack)).EditStack("demo", s => s with
        {
            Volumes = s.Volumes.With("data", s.Volumes["data"] with { Spec = s.Volumes["data"].Spec with { Driver = "nfs" } }),
        });

        var plan = Planner.Plan(Given.Desired(stack), actual, PlanningContext.Empty);

        var volume = plan.Volume("demo", "data");
        Assert.Equal(ChangeAction.NoOp, volume.Action);
        Assert.Equal(PlanReasons.VolumeDrift, volume.Reason);
        Assert.Equal([new FieldChange("driver", "local", "nfs")], volume.Fields);
        Assert.False(plan.HasChanges);
    }

    [Fact]
    public void Plan_VolumeNoLongerDeclared_Kept()
    {
        var actual = Given.Deployed(Given.Desired(Given.Stack("demo", Web).WithVolume("data")));

        var plan = Planner.Plan(Given.Desired(Given.Stack("demo", Web)), actual, PlanningContext.Empty);

        var volume = plan.Volume("demo", "data");
        Assert.Equal(ChangeAction.NoOp, volume.Action);
        Assert.Equal(PlanReasons.VolumeUndeclared, volume.Reason);
    }
}
