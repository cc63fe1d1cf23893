// Docker.DotNet models are nullable throughout; these tests read them directly.
#nullable disable warnings

using GitOps.Reconciler.Apply;
using GitOps.Reconciler.Common;
using GitOps.Reconciler.Compose;
using GitOps.Reconciler.Engine;
using GitOps.Reconciler.Stacks;
using GitOps.Integration.Tests.Infrastructure;
using Message = Docker.DotNet.Models.Message;

namespace GitOps.Integration.Tests.Apply;

/// <summary>
/// A service_started dependent starts beside its dependency's gate; when the dependency then fails its gate, what the
/// pass started of its dependents is taken down again and each says why, rather than being left running as converged.
/// </summary>
public sealed class DependencyRollbackTests(EngineFixture fixture) : EngineTest(fixture)
{
    private readonly DateTimeOffset _started = DateTimeOffset.UtcNow.AddSeconds(-1);

    /// <summary>Runs for a few seconds, then exits 3: it dies inside its settle period.</summary>
    private static ServiceSpec DiesSoon(string name) => new()
    {
        Name = name,
        Image = EngineFixture.Image("backup:1.0"),
        Command = ValueList.Of("/bin/sh", "-c", "sleep 6; exit 3"),
        Restart = "no",
        Networks = ValueMap.From([KeyValuePair.Create("default", NetworkAttachment.Plain)]),
    };

    private static ServiceSpec Dependent(string name, string dependency) => StackPlans.Web("v1", name) with
    {
        Healthcheck = null,
        DependsOn = ValueMap.From([KeyValuePair.Create(dependency, new Dependency(DependencyCondition.ServiceStarted))]),
    };

    [Fact]
    public async Task Apply_DependencyDiesDuringItsSettle_DependentsStartedBesideItAreTakenDown()
    {
        var stack = Stack(DiesSoon("a"), Dependent("b", "a"), Dependent("c", "b"));
        // A settle period longer than the dependency lives, so it dies during its gate, after its dependents started.
        var executor = new ComposeExecutor(
            Engine,
            new ComposeExecutorOptions
            {
                StateDirectory = Path.Combine(Fixture.StateDirectory, "state"),
                Owner = EngineLabels.DefaultOwner,
                GrantValues = (_, _) => null,
                SettlePeriod = TimeSpan.FromSeconds(10),
                DependencyTimeout = TimeSpan.FromSeconds(60),
            },
            TimeProvider.System,
            Microsoft.Extensions.Logging.Abstractions.NullLogger<ComposeExecutor>.Instance);

        var result = await executor.ApplyStackAsync(StackPlans.Deploy(stack, "a", "b", "c"), null, Token);

        Assert.Equal(ApplyStatus.Failed, result.Status);
        var reasons = result.Resources.ToDictionary(r => r.Name, r => r.Reason);
        Assert.Contains("exited with code 3", reasons["a"], StringComparison.Ordinal);
        Assert.Contains("dependency a failed: container exited with code 3", reasons["b"], StringComparison.Ordinal);
        Assert.Contains("dependency b failed", reasons["c"], StringComparison.Ordinal);
        Assert.Equal(ApplyStatus.Failed, result.Resources.Single(r => r.Name == "c").Status);
        // The dependent did start while its dependency still ran (c once b ran), and neither is left behind.
        var events = await ProjectEvents.ReadAsync(Fixture.Raw, Project, _started, Token);
        int Index(string service, string action) => events.FindIndex(e => e.Action == action && Service(e) == service);
        Assert.True(Index("a", "die") >= 0 && Index("b", "start") is >= 0 and var bStarted && bStarted < Index("a", "die"), ProjectEvents.Describe(events));
        Assert.True(Index("c", "start") >= 0, ProjectEvents.Describe(events));
        var left = await Fixture.Engine.Containers.ListAsync([$"com.docker.compose.project={Project}"], Token);
        Assert.DoesNotContain(left, c => c.Labels["com.docker.compose.service"] is "b" or "c");
    }

    private static string Service(Message message) =>
        message.Actor.Attributes.TryGetValue("com.docker.compose.service", out var service) ? service : "";
}
