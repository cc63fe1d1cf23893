using GitOps.Reconciler.Compose;
using GitOps.Reconciler.Diagnostics;
using static GitOps.Reconciler.Tests.Compose.ComposeAssert;

namespace GitOps.Reconciler.Tests.Compose;

/// <summary>The deploy section on a single engine: swarm-only keys warn, the restart policy maps to the engine's, the update order is read.</summary>
public class ComposeLoaderDeployTests
{
    private const string Web = "services:\n  web:\n    image: x\n";

    [Theory]
    [InlineData("placement:\n        constraints: [node.role == manager]", "placement")]
    [InlineData("rollback_config:\n        parallelism: 1", "rollback_config")]
    [InlineData("endpoint_mode: dnsrr", "endpoint_mode")]
    [InlineData("labels:\n        team: ml", "labels")]
    public void Load_SwarmOnlyDeployKey_LoadsWithPositionedWarning(string yaml, string key)
    {
        using var repo = new TempRepo();
        var (stack, bag) = repo.Load(Web + "    deploy:\n      replicas: 2\n      " + yaml + "\n");
        Assert.NotNull(stack);
        Assert.Equal(2, stack.Services["web"].Replicas);
        var warning = Assert.Single(bag.Items);
        Assert.Equal(
            new Diagnostic(Severity.Warning, new SourcePosition(TempRepo.ComposeFile, 6, 7), $"deploy.{key} of service 'web' has no effect on a single engine (swarm only); ignored"),
            warning);
    }

    [Fact]
    public void Load_DeployLabels_NotContainerLabels()
    {
        using var repo = new TempRepo();
        var (stack, _) = repo.Load(Web + "    labels: {a: b}\n    deploy:\n      labels:\n        team: ml\n");
        Assert.Equal(["a"], stack!.Services["web"].Labels.Keys);
    }

    [Theory]
    [InlineData("", UpdateOrder.StopFirst)]
    [InlineData("    deploy:\n      update_config:\n        order: stop-first\n", UpdateOrder.StopFirst)]
    [InlineData("    deploy:\n      update_config:\n        order: start-first\n", UpdateOrder.StartFirst)]
    public void Load_UpdateConfigOrder_Read(string yaml, UpdateOrder expected) =>
        Assert.Equal(expected, Service(Web + yaml).UpdateOrder);

    [Fact]
    public void Load_UpdateConfigPacing_WarnedAsIgnored()
    {
        using var repo = new TempRepo();
        var (stack, bag) = repo.Load(Web + "    deploy:\n      update_config:\n        parallelism: 2\n        order: start-first\n");

        Assert.Equal(UpdateOrder.StartFirst, stack!.Services["web"].UpdateOrder);
        Assert.Equal(
            "stacks/app/compose.yaml:6:9: warning: deploy.update_config.parallelism of service 'web' has no effect on a single engine (only order is acted on); ignored",
            Assert.Single(bag.Items).ToString());
    }

    [Theory]
    [InlineData("    ports: [\"8080:80\"]\n", "it publishes host port 8080/tcp")]
    [InlineData("    container_name: the-web\n", "container_name 'the-web' names one container")]
    [InlineData("    network_mode: host\n", "network_mode 'host' shares one network namespace, whose ports two copies would both bind")]
    public void Load_StartFirstWhereTwoCopiesCannotRun_WarnsItIsReplacedStopFirst(string yaml, string why)
    {
        using var repo = new TempRepo();
        var (stack, bag) = repo.Load(Web + yaml + "    deploy:\n      update_config:\n        order: start-first\n");

        Assert.NotNull(stack);
        Assert.Equal(
            $"stacks/app/compose.yaml:7:9: warning: deploy.update_config.order start-first of service 'web' is not honoured: {why}; its containers are replaced stop-first",
            Assert.Single(bag.Items).ToString());
    }

    [Fact]
    public void Load_StartFirstWithAnEphemeralHostPort_NoWarning()
    {
        using var repo = new TempRepo();
        var (stack, bag) = repo.Load(Web + "    ports: [\"80\"]\n    deploy:\n      update_config:\n        order: start-first\n");

        Assert.Equal(UpdateOrder.StartFirst, stack!.Services["web"].UpdateOrder);
        Assert.Empty(bag.Items);
    }

    [Fact]
    public void Load_UpdateConfigUnknownKey_Error() =>
        Fails(Web + "    deploy:\n      update_config:\n        orderr: start-first\n", 6, 9, "unknown key 'orderr' in 'deploy.update_config' of service 'web'; expected one of: delay, failure_action, max_failure_ratio, monitor, order, parallelism");

    [Fact]
    public void Load_UpdateConfigBadOrder_Error() =>
        Fails(Web + "    deploy:\n      update_config:\n        order: first\n", 6, 16, "invalid deploy.update_config.order 'first'; expected start-first or stop-first");

    [Theory]
    [InlineData("condition: any", "always")]
    [InlineData("condition: none", "no")]
    [InlineData("condition: on-failure", "on-failure")]
    [InlineData("condition: on-failure\n        max_attempts: 3", "on-failure:3")]
    [InlineData("max_attempts: 0", "always")]
    [InlineData("{}", "always")]
    public void Load_DeployRestartPolicyWithoutRestart_MapsToRestart(string yaml, string expected)
    {
        var policy = yaml == "{}" ? " {}\n" : "\n        " + yaml + "\n";
        Assert.Equal(expected, Service(Web + "    deploy:\n      restart_policy:" + policy).Restart);
    }

    [Fact]
    public void Load_RestartAndAgreeingDeployPolicy_Accepted() =>
        Assert.Equal("on-failure:2", Service(Web + "    restart: on-failure:2\n    deploy:\n      restart_policy:\n        condition: on-failure\n        max_attempts: 2\n").Restart);

    [Fact]
    public void Load_RestartAndConflictingDeployPolicy_Error() =>
        Fails(Web + "    restart: always\n    deploy:\n      restart_policy:\n        condition: none\n", 4, 5, "service 'web' sets 'restart: always' and a deploy.restart_policy that means 'no'; set only one of them");

    [Fact]
    public void Load_MaxAttemptsWithAny_Error() =>
        Fails(Web + "    deploy:\n      restart_policy:\n        max_attempts: 3\n", 6, 9, "deploy.restart_policy.max_attempts of service 'web' applies only to condition on-failure");

    [Fact]
    public void Load_BadCondition_Error() =>
        Fails(Web + "    deploy:\n      restart_policy:\n        condition: sometimes\n", 6, 20, "invalid deploy.restart_policy.condition 'sometimes'; expected none, on-failure or any");

    [Fact]
    public void Load_RestartPolicyDelay_Warning()
    {
        using var repo = new TempRepo();
        var (stack, bag) = repo.Load(Web + "    deploy:\n      restart_policy:\n        condition: on-failure\n        delay: 5s\n");
        Assert.Equal("on-failure", stack!.Services["web"].Restart);
        Assert.Equal(
            "stacks/app/compose.yaml:7:9: warning: deploy.restart_policy.delay of service 'web' has no effect on a single engine (the engine's own back-off applies); ignored",
            Assert.Single(bag.Items).ToString());
    }
}
