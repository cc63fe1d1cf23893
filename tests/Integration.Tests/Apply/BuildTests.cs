// Docker.DotNet models are nullable throughout; these tests read them directly.
#nullable disable warnings

using GitOps.Reconciler.Actual;
using GitOps.Reconciler.Apply;
using GitOps.Reconciler.Common;
using GitOps.Reconciler.Compose;
using GitOps.Reconciler.Desired;
using GitOps.Reconciler.Diagnostics;
using GitOps.Reconciler.Planning;
using GitOps.Reconciler.Repository;
using GitOps.Reconciler.Stacks;
using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace GitOps.Integration.Tests.Apply;

/// <summary>build: on the host, from a context in a repository, through the real engine and the local registry.</summary>
public sealed class BuildTests(EngineFixture fixture, ITestOutputHelper output) : EngineTest(fixture, output)
{
    private string Repo => Path.Combine(WorkingDir, "repo");

    private void Write(string path, string content)
    {
        var full = Path.Combine(Repo, path);
        Directory.CreateDirectory(Path.GetDirectoryName(full));
        File.WriteAllText(full, content);
    }

    /// <summary>The compose file as the loader reads it for a stack that allows building.</summary>
    private StackSpec Load()
    {
        Write("stacks/app/compose.yaml", $$"""
            name: {{Project}}
            services:
              web:
                build:
                  context: ./site
                  args:
                    GREETING: hello
                healthcheck:
                  test: ["CMD", "sh", "-c", "grep -q $$(cat /expected) /www/version.txt"]
                  interval: 1s
                  timeout: 2s
                  retries: 2
                stop_grace_period: 1s
            """);
        var bag = new DiagnosticBag();
        var source = new ComposeSource(new RepoDirectory(Repo), "stacks/app", "stacks/app/compose.yaml", "app", new Dictionary<string, string>(), [])
        {
            AllowBuild = true,
        };
        var stack = ComposeLoader.Load(source, bag);
        Assert.True(stack is not null, string.Join("\n", bag.Items));
        return stack;
    }

    private void Context(string version, string from = "web:v1")
    {
        Write("stacks/app/site/Dockerfile", $"FROM {EngineFixture.Image(from)}\nARG GREETING\nCOPY version.txt /www/version.txt\nRUN echo {version} > /expected\n");
        Write("stacks/app/site/version.txt", version + "\n");
    }

    /// <summary>One reconcile pass: probe, plan with the real planner, apply.</summary>
    private async Task<StackApplyResult> PassAsync(StackSpec stack)
    {
        var state = await Probe.ReadAsync(new ProbeRequest(new Dictionary<string, StackSpec> { [Project] = stack }, false), Token);
        state.Stacks.TryGetValue(Project, out var actual);
        var desired = new DesiredStack(stack, StackPolicy.Default with { AllowBuild = true });
        var changes = StackPlanner.Converge(desired, actual, state.Images, PlanningContext.Empty);
        return await ApplyAsync(new StackPlan(Project, StackAction.Converge, desired, changes));
    }

    [Fact]
    public async Task Pass_BuildContext_BuiltOnceThenNotAgainThenRebuiltWhenAFileChanges()
    {
        Context("one");
        var first = Load();
        var image = first.Services["web"].Image;
        Assert.StartsWith(Project + "-web:ctx-", image, StringComparison.Ordinal);

        var deployed = await PassAsync(first);

        Assert.True(deployed.Status == ApplyStatus.Applied, deployed.Reason);
        Assert.Equal(1, Engine.Count("images.build"));
        var container = Assert.Single((await ReadStackAsync()).Containers);
        Assert.Equal(image, container.ImageReference);
        Assert.True((await InspectAsync(container.Id)).State.Running);

        // Nothing changed in the context: the next pass builds nothing and touches nothing.
        var again = await PassAsync(Load());

        Assert.Equal(image, Load().Services["web"].Image);
        Assert.Equal(1, Engine.Count("images.build"));
        Assert.Equal(1, Engine.Count("containers.create"));
        Assert.Equal(container.Id, Assert.Single((await ReadStackAsync()).Containers).Id);
        Assert.NotEqual(ApplyStatus.Failed, again.Status);

        // One file changed: a new tag, one more build, and the container replaced by one of the new image.
        Context("two");
        var changed = Load();
        Assert.NotEqual(image, changed.Services["web"].Image);

        var replaced = await PassAsync(changed);

        Assert.True(replaced.Status == ApplyStatus.Applied, replaced.Reason);
        Assert.Equal(2, Engine.Count("images.build"));
        var now = Assert.Single((await ReadStackAsync()).Containers);
        Assert.NotEqual(container.Id, now.Id);
        Assert.Equal(changed.Services["web"].Image, now.ImageReference);
        Assert.Equal("healthy", (await InspectAsync(now.Id)).State.Health.Status);
    }

    [Fact]
    public async Task Pass_BuildFails_RunningContainerUntouchedAndLastBuildLinesReported()
    {
        Context("one");
        var first = Load();
        Assert.True((await PassAsync(first)).Status == ApplyStatus.Applied);
        var running = Assert.Single((await ReadStackAsync()).Containers);

        Write("stacks/app/site/Dockerfile", $"FROM {EngineFixture.Image("web:v1")}\nRUN echo about to fail && exit 3\n");
        var broken = await PassAsync(Load());

        Assert.Equal(ApplyStatus.Failed, broken.Status);
        Assert.Contains("last build output", broken.Reason, StringComparison.Ordinal);
        Assert.Contains("about to fail", broken.Reason, StringComparison.Ordinal);
        Assert.Equal(0, Engine.Count("containers.stop"));
        var after = Assert.Single((await ReadStackAsync()).Containers);
        Assert.Equal(running.Id, after.Id);
        Assert.True((await InspectAsync(after.Id)).State.Running);
    }

    [Fact]
    public async Task Pass_HostForbidsBuilding_ServiceFailsWithoutBuildingAndSaysWhy()
    {
        Context("one");
        var stack = Load();
        var state = await Probe.ReadAsync(new ProbeRequest(new Dictionary<string, StackSpec> { [Project] = stack }, false), Token);
        var desired = new DesiredStack(stack, StackPolicy.Default with { AllowBuild = true });
        var changes = StackPlanner.Converge(desired, null, state.Images, PlanningContext.Empty);
        var executor = new ComposeExecutor(
            Engine,
            new ComposeExecutorOptions { StateDirectory = Path.Combine(Fixture.StateDirectory, "state"), AllowBuild = false },
            TimeProvider.System,
            Loggers.CreateLogger<ComposeExecutor>());

        var result = await executor.ApplyStackAsync(new StackPlan(Project, StackAction.Converge, desired, changes), null, Token);

        Assert.Equal(ApplyStatus.Failed, result.Status);
        Assert.Contains("build.allowed: false in agent.yaml", result.Reason, StringComparison.Ordinal);
        Assert.Equal(0, Engine.Count("images.build"));
        Assert.Equal(0, Engine.Count("containers.create"));
    }
}
