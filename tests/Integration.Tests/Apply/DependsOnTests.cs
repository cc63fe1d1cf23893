// Docker.DotNet models are nullable throughout; these tests read them directly.
#nullable disable warnings

using System.Globalization;
using GitOps.Reconciler.Apply;
using GitOps.Reconciler.Common;
using GitOps.Reconciler.Compose;
using Xunit.Abstractions;

namespace GitOps.Integration.Tests.Apply;

public sealed class DependsOnTests(EngineFixture fixture, ITestOutputHelper output) : EngineTest(fixture, output)
{
    [Fact]
    public async Task Apply_ServiceHealthyDependency_DependentStartsOnlyAfterDependencyIsHealthy()
    {
        var db = StackPlans.Web("v1", "db") with
        {
            Healthcheck = StackPlans.HttpHealthcheck with { StartPeriod = TimeSpan.FromSeconds(2) },
        };
        var api = StackPlans.Web("v2", "api") with
        {
            Healthcheck = null,
            DependsOn = ValueMap.From([KeyValuePair.Create("db", new Dependency(DependencyCondition.ServiceHealthy))]),
        };

        await DeployAsync(Stack(db, api), "db", "api");

        var stack = await ReadStackAsync();
        var dbState = (await InspectAsync(stack.Containers.Single(c => c.Service == "db").Id)).State;
        var apiState = (await InspectAsync(stack.Containers.Single(c => c.Service == "api").Id)).State;
        var firstHealthy = dbState.Health.Log.Where(l => l.ExitCode == 0).Min(l => l.End);
        var apiStarted = DateTime.Parse(apiState.StartedAt, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal);
        var dbStarted = DateTime.Parse(dbState.StartedAt, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal);
        Assert.True(dbStarted < apiStarted, $"db started {dbStarted:O}, api {apiStarted:O}");
        Assert.True(firstHealthy.ToUniversalTime() <= apiStarted, $"db first healthy {firstHealthy:O}, api started {apiStarted:O}");
        Assert.Contains(Events, e => e.Resource == "api" && e.Phase == ApplyPhase.WaitingForDependency);
    }

    [Fact]
    public async Task Apply_DependencyFailed_DependentIsNotTouched()
    {
        var db = StackPlans.Web("broken", "db");
        var api = StackPlans.Web("v2", "api") with
        {
            DependsOn = ValueMap.From([KeyValuePair.Create("db", new Dependency(DependencyCondition.ServiceHealthy))]),
        };

        var result = await ApplyAsync(StackPlans.Deploy(Stack(db, api), "db", "api"));

        Assert.Equal(ApplyStatus.Failed, result.Status);
        Assert.Contains("dependency db", result.Resources.Single(r => r.Name == "api").Reason, StringComparison.Ordinal);
        Assert.DoesNotContain(await Fixture.Engine.Containers.ListAsync([$"com.docker.compose.project={Project}"], Token),
            c => c.Labels["com.docker.compose.service"] == "api");
    }

    [Fact]
    public async Task Apply_CompletedSuccessfullyDependency_DependentStartsAfterTheJobExited()
    {
        var migrate = new ServiceSpec
        {
            Name = "migrate",
            Image = EngineFixture.Image("backup:1.0"),
            Command = ValueList.Of("/bin/sh", "-c", "sleep 1"),
            Networks = ValueMap.From([KeyValuePair.Create("default", NetworkAttachment.Plain)]),
        };
        var api = StackPlans.Web("v1", "api") with
        {
            Healthcheck = null,
            DependsOn = ValueMap.From([KeyValuePair.Create("migrate", new Dependency(DependencyCondition.ServiceCompletedSuccessfully))]),
        };

        var result = await ApplyAsync(StackPlans.Deploy(Stack(migrate, api), "migrate", "api"));

        Assert.True(result.Status == ApplyStatus.Applied, result.Reason);
        var stack = await ReadStackAsync();
        var migrateState = (await InspectAsync(stack.Containers.Single(c => c.Service == "migrate").Id)).State;
        var apiContainer = stack.Containers.SingleOrDefault(c => c.Service == "api");
        Assert.Equal(0, migrateState.ExitCode);
        Assert.True(apiContainer is not null, result.Reason);
        var apiState = (await InspectAsync(apiContainer.Id)).State;
        var finished = DateTime.Parse(migrateState.FinishedAt, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal);
        var started = DateTime.Parse(apiState.StartedAt, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal);
        Assert.True(finished <= started, $"migrate finished {finished:O}, api started {started:O}");
    }
}
