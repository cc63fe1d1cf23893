using GitOps.Reconciler.Compose;
using GitOps.Reconciler.Planning;
using GitOps.Reconciler.Stacks;

namespace GitOps.Reconciler.Tests.Planning;

public class DependencyOrderTests
{
    private static Dictionary<string, ServiceSpec> Services(params ServiceSpec[] services) =>
        services.ToDictionary(s => s.Name, StringComparer.Ordinal);

    [Fact]
    public void Of_Chain_DependenciesFirst()
    {
        var order = DependencyOrder.Of(Services(
            Given.Service("a").DependsOn("b"),
            Given.Service("b").DependsOn("c"),
            Given.Service("c")));

        Assert.Equal(["c", "b", "a"], order);
    }

    [Fact]
    public void Of_Diamond_BottomFirstTopLastMiddleByName()
    {
        var order = DependencyOrder.Of(Services(
            Given.Service("app").DependsOn("cache").DependsOn("api"),
            Given.Service("cache").DependsOn("db"),
            Given.Service("api").DependsOn("db", DependencyCondition.ServiceHealthy),
            Given.Service("db")));

        Assert.Equal(["db", "api", "cache", "app"], order);
    }

    [Fact]
    public void Of_Independent_ByName()
    {
        Assert.Equal(["a", "b", "c"], DependencyOrder.Of(Services(Given.Service("c"), Given.Service("a"), Given.Service("b"))));
    }

    [Fact]
    public void Of_TieAfterDependency_ReadyServicesStillByName()
    {
        var order = DependencyOrder.Of(Services(Given.Service("a").DependsOn("z"), Given.Service("b"), Given.Service("z")));

        Assert.Equal(["b", "z", "a"], order);
    }

    [Fact]
    public void Of_DependencyNotInSet_Ignored()
    {
        Assert.Equal(["web"], DependencyOrder.Of(Services(Given.Service("web").DependsOn("inactive-profile"))));
    }

    [Fact]
    public void Of_Cycle_EveryServiceOnce()
    {
        var order = DependencyOrder.Of(Services(
            Given.Service("x").DependsOn("y"),
            Given.Service("y").DependsOn("x"),
            Given.Service("free")));

        Assert.Equal(["free", "x", "y"], order);
    }

    [Fact]
    public void Plan_Diamond_ServicesCreatedInDependencyOrder()
    {
        var desired = Given.Desired(Given.Stack(
            "demo",
            Given.Service("app").DependsOn("cache").DependsOn("api"),
            Given.Service("cache").DependsOn("db"),
            Given.Service("api").DependsOn("db"),
            Given.Service("db")));

        var plan = Planner.Plan(desired, GitOps.Reconciler.Actual.ActualState.Empty, PlanningContext.Empty);

        Assert.Equal(["default", "db", "api", "cache", "app"], plan.Stack("demo").Changes.Select(c => c.Name));
    }

    [Fact]
    public void Of_NetworkModeOfAnotherService_IsADependency()
    {
        var order = DependencyOrder.Of(Services(Given.Service("a") with { NetworkMode = "service:b" }, Given.Service("b")));

        Assert.Equal(["b", "a"], order);
    }

    [Theory]
    [InlineData("service:vpn", "vpn")]
    [InlineData("host", null)]
    [InlineData(null, null)]
    public void NetworkService_OnlyForServiceMode(string? mode, string? expected)
    {
        Assert.Equal(expected, DependencyOrder.NetworkService(Given.Service("a") with { NetworkMode = mode }));
    }
}
