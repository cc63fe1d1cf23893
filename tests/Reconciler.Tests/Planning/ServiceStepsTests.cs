using GitOps.Daemon.Rendering;
using GitOps.Reconciler.Common;
using GitOps.Reconciler.Compose;
using GitOps.Reconciler.Planning;
using GitOps.Reconciler.Reporting;
using GitOps.Reconciler.Stacks;
using GitOps.Reconciler.Secrets;

namespace GitOps.Reconciler.Tests.Planning;

/// <summary>The decisions the plan makes for the executor: containers, gate, preflight, holds.</summary>
public class ServiceStepsTests
{
    private static readonly ServiceSpec Web = Given.Service("web");

    private static IReadOnlyList<string> Steps(ServiceChange change) =>
        change.Containers.Select(s => $"{s.Action.ToString().ToLowerInvariant()} {s.Shown}").ToList();

    [Fact]
    public void StartsAfter_ShortFormAndConditions_StartedOnlyForServiceStarted()
    {
        var desired = Given.Desired(Given.Stack(
            "demo",
            Given.Service("db"),
            Given.Service("cache"),
            Given.Service("migrate").DependsOn("db", DependencyCondition.ServiceHealthy),
            Given.Service("api").DependsOn("db").DependsOn("cache").DependsOn("migrate", DependencyCondition.ServiceCompletedSuccessfully),
            Given.Service("probe") with { Pid = "service:api" }));

        var plan = Planner.Plan(desired, Given.Deployed(Given.Desired()), PlanningContext.Empty);

        Assert.Equal(
            ValueMap.From([KeyValuePair.Create("cache", DependencyWait.Started), KeyValuePair.Create("db", DependencyWait.Started), KeyValuePair.Create("migrate", DependencyWait.Passed)]),
            plan.Service("demo", "api").StartsAfter);
        Assert.Equal(ValueMap.From([KeyValuePair.Create("db", DependencyWait.Passed)]), plan.Service("demo", "migrate").StartsAfter);
        Assert.Equal(ValueMap.From([KeyValuePair.Create("api", DependencyWait.Passed)]), plan.Service("demo", "probe").StartsAfter);
        Assert.Empty(plan.Service("demo", "db").StartsAfter);
    }

    [Fact]
    public void Containers_ScaleDown_KeepsLowestNumbersAndRemovesTheRest()
    {
        var before = Given.Desired(Given.Stack("demo", Web with { Replicas = 3 }));
        var after = Given.Desired(Given.Stack("demo", Web));

        var web = Planner.Plan(after, Given.Deployed(before), PlanningContext.Empty).Service("demo", "web");

        Assert.Equal(["keep demo-web-1", "remove demo-web-2", "remove demo-web-3"], Steps(web));
        Assert.Equal("remove demo-web-3, demo-web-2; keep demo-web-1", PlanText.ContainerLine(web));
    }

    [Fact]
    public void Containers_ScaleUp_NumbersNewOnesAfterTheHighestKept()
    {
        var before = Given.Desired(Given.Stack("demo", Web with { Replicas = 2 }));
        var after = Given.Desired(Given.Stack("demo", Web with { Replicas = 3 }));
        // Container 1 was removed by hand: 2 is kept, the new ones take 3 and 4.
        var actual = Given.Deployed(before).RemoveContainers("demo", c => c.Number == 1);

        var web = Planner.Plan(after, actual, PlanningContext.Empty).Service("demo", "web");

        Assert.Equal(["keep demo-web-2", "create demo-web-3", "create demo-web-4"], Steps(web));
    }

    [Fact]
    public void Containers_StoppedKeptContainer_IsStarted()
    {
        var desired = Given.Desired(Given.Stack("demo", Web with { Replicas = 2 }));
        var actual = Given.Deployed(desired).EditContainers("demo", "web", c => c.Number == 2 ? c with { Running = false } : c);

        var web = Planner.Plan(desired, actual, PlanningContext.Empty).Service("demo", "web");

        Assert.Equal(["keep demo-web-1", "start demo-web-2"], Steps(web));
    }

    [Fact]
    public void Containers_InterruptedReplace_KeepsTheOneUnderItsOwnNameAndRemovesTheTemporary()
    {
        var desired = Given.Desired(Given.Stack("demo", Web));
        var temporary = Given.Container("demo", Web) with { Id = "id-temp", Name = "demo-web-1_0123456789ab" };
        var actual = Given.Deployed(desired).AddContainer("demo", temporary);

        var web = Planner.Plan(desired, actual, PlanningContext.Empty).Service("demo", "web");

        Assert.Equal(["keep demo-web-1", "remove demo-web-1_0123456789ab"], Steps(web));
    }

    [Fact]
    public void Containers_LeftUnderTemporaryName_KeptAndRenamed()
    {
        var desired = Given.Desired(Given.Stack("demo", Web));
        var actual = Given.Deployed(desired).EditContainers("demo", "web", c => c with { Name = "demo-web-1_0123456789ab" });

        var web = Planner.Plan(desired, actual, PlanningContext.Empty).Service("demo", "web");

        var step = Assert.Single(web.Containers);
        Assert.Equal(ContainerAction.Keep, step.Action);
        Assert.True(step.Rename);
        Assert.Equal("demo-web-1", step.Name);
    }

    [Fact]
    public void Containers_Replace_CreatesEachBesideItsOldOneUnderATemporaryName()
    {
        var before = Given.Desired(Given.Stack("demo", Web with { Replicas = 3 }));
        var after = Given.Desired(Given.Stack("demo", Given.Service("web", Given.WebV2) with { Replicas = 2 }));

        var web = Planner.Plan(after, Given.Deployed(before), PlanningContext.Empty).Service("demo", "web");

        Assert.Equal(ChangeAction.Replace, web.Action);
        Assert.Equal(["replace demo-web-1", "replace demo-web-2", "remove demo-web-3"], Steps(web));
        Assert.All(web.Containers.Where(s => s.Action == ContainerAction.Replace),
            s => Assert.Equal(s.Name + "_" + web.DesiredConfigHash![..12], s.CreateAs));
        Assert.Equal("replace demo-web-1, demo-web-2; remove demo-web-3", PlanText.ContainerLine(web));
    }

    [Fact]
    public void Containers_Delete_RemovesEvery()
    {
        var desired = Given.Desired(Given.Stack("demo", Web with { Replicas = 2 }));
        var actual = Given.Deployed(desired);

        var web = Planner.Plan(Given.Desired(Given.Stack("demo", Given.Service("api"))), actual, PlanningContext.Empty).Service("demo", "web");

        Assert.Equal(ChangeAction.Delete, web.Action);
        Assert.Equal(["remove demo-web-1", "remove demo-web-2"], Steps(web));
    }

    [Fact]
    public void Containers_DetachedFromANetwork_ReconnectListed()
    {
        var spec = Web with { Networks = Web.Networks.With("back", NetworkAttachment.Plain) };
        var change = new ServiceChange("demo", "web", ChangeAction.Update, ValueList<FieldChange>.Empty, PlanReasons.NetworkDetached,
            spec, ServiceSpecHash.Of(spec, ConfigHashKey.Unkeyed), ValueList.Of(Given.Container("demo", spec) with { Spec = Web }));

        Assert.Equal(["back"], Assert.Single(change.Containers).Reconnect);
    }

    [Fact]
    public void ConfigHash_MissingOnAChangeThatRunsASpec_Throws()
    {
        var change = new ServiceChange("demo", "web", ChangeAction.Replace, ValueList<FieldChange>.Empty, "x",
            Web, null, ValueList.Of(Given.Container("demo", Web)));

        Assert.Throws<InvalidOperationException>(() => ServiceSteps.ConfigHash(change));
    }

    [Theory]
    [InlineData("no", ServiceGate.RunningOrCompleted)]
    [InlineData("on-failure:3", ServiceGate.RunningOrCompleted)]
    [InlineData("unless-stopped", ServiceGate.Running)]
    [InlineData("always", ServiceGate.Running)]
    public void GateOf_WithoutHealthcheck_OneShotPassesByExitingZero(string restart, ServiceGate expected) =>
        Assert.Equal(expected, ServiceSteps.GateOf(Web with { Restart = restart }));

    [Fact]
    public void GateOf_Healthcheck_MustBeHealthyEvenForAOneShot()
    {
        var health = new HealthcheckSpec(ValueList.Of("CMD", "true"));

        Assert.Equal(ServiceGate.Healthy, ServiceSteps.GateOf(Web with { Restart = "no", Healthcheck = health }));
        Assert.Equal(ServiceGate.RunningOrCompleted, ServiceSteps.GateOf(Web with { Restart = "no", Healthcheck = new HealthcheckSpec(ValueList.Of("NONE")) }));
    }

    [Fact]
    public void Plan_OneShotService_GateInPlan()
    {
        var desired = Given.Desired(Given.Stack("demo", Web with { Restart = "no" }));

        var web = Planner.Plan(desired, Given.Deployed(Given.Desired()), PlanningContext.Empty).Service("demo", "web");

        Assert.Equal(ServiceGate.RunningOrCompleted, web.Gate);
    }

    [Fact]
    public void NeedsPreflight_ReplaceAddingAGpu_True()
    {
        var gpu = Web with { DeviceRequests = ValueList.Of(new DeviceRequestSpec("nvidia", -1, ValueList<string>.Empty, ValueList.Of("gpu"), ValueMap<string>.Empty)) };

        var change = Replace(gpu, Given.Container("demo", Web) with { Spec = Web });

        Assert.True(change.Preflight);
    }

    [Fact]
    public void NeedsPreflight_SameDevicesAlreadyRunning_False()
    {
        var gpu = Web with { Runtime = "nvidia" };

        Assert.False(Replace(gpu with { Image = Given.WebV2 }, Given.Container("demo", gpu) with { Spec = gpu }).Preflight);
    }

    [Fact]
    public void NeedsPreflight_OldContainerNotRunning_False()
    {
        var gpu = Web with { Runtime = "nvidia" };

        Assert.False(Replace(gpu, Given.Container("demo", Web) with { Spec = Web, Running = false }).Preflight);
    }

    [Fact]
    public void NeedsPreflight_NoDevicesOrRuntime_False() =>
        Assert.False(Replace(Web with { Image = Given.WebV2 }, Given.Container("demo", Web)).Preflight);

    [Fact]
    public void NeedsPreflight_CreateOrUpdate_False()
    {
        var gpu = Web with { Runtime = "nvidia" };
        var change = Replace(gpu, Given.Container("demo", Web)) with { Action = ChangeAction.Update };

        Assert.False(change.Preflight);
    }

    [Fact]
    public void HoldOnFailure_NewSpec_HoldsIt()
    {
        var v2 = Web with { Image = Given.WebV2 };

        Assert.Equal(ServiceSpecHash.Of(v2, ConfigHashKey.Unkeyed), Replace(v2, Given.Container("demo", Web)).HoldOnFailure);
    }

    [Fact]
    public void HoldOnFailure_SpecTheContainersRun_NotHeld() =>
        Assert.Null(Replace(Web, Given.Container("demo", Web)).HoldOnFailure);

    [Fact]
    public void HoldOnFailure_LastGoodSpec_NotHeld()
    {
        var change = Replace(Web, Given.Container("demo", Web with { Image = Given.WebV2 }) with { ConfigHash = "other" })
            with { LastGoodConfigHash = ServiceSpecHash.Of(Web, ConfigHashKey.Unkeyed) };

        Assert.Null(change.HoldOnFailure);
    }

    [Fact]
    public void HoldOnFailure_AlreadyHeld_StaysHeldEvenWhenLastGood()
    {
        var hash = ServiceSpecHash.Of(Web, ConfigHashKey.Unkeyed);
        var change = Replace(Web, Given.Container("demo", Web)) with { LastGoodConfigHash = hash, HeldConfigHash = hash };

        Assert.Equal(hash, change.HoldOnFailure);
    }

    [Fact]
    public void KeepHold_HeldServiceStartsThePreviousSpec_HoldStays()
    {
        var v2 = Web with { Image = Given.WebV2 };
        var held = ServiceSpecHash.Of(v2, ConfigHashKey.Unkeyed);
        var desired = Given.Desired(Given.Stack("demo", v2));
        var actual = Given.Deployed(Given.Desired(Given.Stack("demo", Web))).EditContainers("demo", "web", c => c with { Running = false });
        var context = PlanningContext.Empty with { RolledBack = ValueMap<string>.Empty.With("demo/web", held) };

        var web = Planner.Plan(desired, actual, context).Service("demo", "web");

        Assert.Equal(PlanReasons.HeldNotRunning, web.Reason);
        Assert.Equal(held, web.KeepHold);
    }

    [Fact]
    public void KeepHold_HeldServiceCreatedFromTheHeldSpec_NoHoldKept()
    {
        var held = ServiceSpecHash.Of(Web, ConfigHashKey.Unkeyed);
        var desired = Given.Desired(Given.Stack("demo", Web));
        var context = PlanningContext.Empty with { RolledBack = ValueMap<string>.Empty.With("demo/web", held) };

        var web = Planner.Plan(desired, Given.Deployed(Given.Desired()), context).Service("demo", "web");

        Assert.Equal(PlanReasons.HeldMissing, web.Reason);
        Assert.Null(web.KeepHold);
    }

    private static ServiceChange Replace(ServiceSpec spec, params GitOps.Reconciler.Actual.ActualContainer[] existing) =>
        new("demo", spec.Name, ChangeAction.Replace, ValueList<FieldChange>.Empty, PlanReasons.ConfigChanged,
            spec, ServiceSpecHash.Of(spec, ConfigHashKey.Unkeyed), ValueList.From(existing));
}
