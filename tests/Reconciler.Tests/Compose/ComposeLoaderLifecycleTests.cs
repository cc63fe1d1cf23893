using GitOps.Reconciler.Common;
using GitOps.Reconciler.Compose;
using static GitOps.Reconciler.Tests.Compose.ComposeAssert;

namespace GitOps.Reconciler.Tests.Compose;

public class ComposeLoaderLifecycleTests
{
    private const string Others = "  db:\n    image: d\n  cache:\n    image: c\n  init:\n    image: i\n";

    [Fact]
    public void Load_DependsOnList_ServiceStarted()
    {
        var stack = Loads("services:\n  web:\n    image: x\n    depends_on: [db, cache]\n" + Others);
        Assert.Equal(new Dependency(DependencyCondition.ServiceStarted), stack.Services["web"].DependsOn["db"]);
        Assert.Equal(["cache", "db"], stack.Services["web"].DependsOn.Keys);
    }

    [Fact]
    public void Load_DependsOnMap_ConditionsRestartRequired()
    {
        var stack = Loads("""
            services:
              web:
                image: x
                depends_on:
                  db:
                    condition: service_healthy
                    restart: true
                  init:
                    condition: service_completed_successfully
                  cache:
                    condition: service_started
                    required: false
              db:
                image: d
              cache:
                image: c
              init:
                image: i
            """);
        var deps = stack.Services["web"].DependsOn;
        Assert.Equal(new Dependency(DependencyCondition.ServiceHealthy, Restart: true), deps["db"]);
        Assert.Equal(new Dependency(DependencyCondition.ServiceCompletedSuccessfully), deps["init"]);
        Assert.Equal(new Dependency(DependencyCondition.ServiceStarted, Required: false), deps["cache"]);
    }

    [Fact]
    public void Load_HealthcheckString_CmdShellAndDurations()
    {
        var web = Service("""
            services:
              web:
                image: x
                healthcheck:
                  test: wget -q -O- http://127.0.0.1/
                  interval: 1m30s
                  timeout: 10s
                  retries: 5
                  start_period: 40s
                  start_interval: 2s
            """);
        Assert.Equal(
            new HealthcheckSpec(ValueList.Of("CMD-SHELL", "wget -q -O- http://127.0.0.1/"), TimeSpan.FromSeconds(90), TimeSpan.FromSeconds(10), 5, TimeSpan.FromSeconds(40), TimeSpan.FromSeconds(2)),
            web.Healthcheck);
    }

    [Fact]
    public void Load_HealthcheckList_KeptAsWritten()
    {
        var web = Service("services:\n  web:\n    image: x\n    healthcheck:\n      test: [\"CMD\", \"curl\", \"-f\", \"http://localhost\"]\n");
        Assert.Equal(ValueList.Of("CMD", "curl", "-f", "http://localhost"), web.Healthcheck!.Test);
    }

    [Fact]
    public void Load_HealthcheckDisabled_None()
    {
        var web = Service("services:\n  web:\n    image: x\n    healthcheck:\n      disable: true\n");
        Assert.True(web.Healthcheck!.Disabled);
        Assert.Equal(ValueList.Of("NONE"), web.Healthcheck.Test);
    }

    [Theory]
    [InlineData("always", PullPolicy.Always)]
    [InlineData("missing", PullPolicy.Missing)]
    [InlineData("if_not_present", PullPolicy.Missing)]
    [InlineData("never", PullPolicy.Never)]
    public void Load_PullPolicy_Parsed(string text, PullPolicy expected)
    {
        Assert.Equal(expected, Service($"services:\n  web:\n    image: x\n    pull_policy: {text}\n").PullPolicy);
    }

    [Fact]
    public void Load_Logging_DriverAndOptions()
    {
        var web = Service("services:\n  web:\n    image: x\n    logging:\n      driver: json-file\n      options:\n        max-size: 10m\n");
        Assert.Equal(new LoggingSpec("json-file", ValueMap.From(new Dictionary<string, string> { ["max-size"] = "10m" })), web.Logging);
    }

    [Fact]
    public void Load_Ulimits_IntAndSoftHard()
    {
        var web = Service("services:\n  web:\n    image: x\n    ulimits:\n      nproc: 65535\n      nofile:\n        soft: 20000\n        hard: 40000\n");
        Assert.Equal(ValueList.Of(new Ulimit("nofile", 20000, 40000), new Ulimit("nproc", 65535, 65535)), web.Ulimits);
    }

    [Fact]
    public void Load_DeployResources_NanoCpusBytesPids()
    {
        var web = Service("""
            services:
              web:
                image: x
                deploy:
                  replicas: 3
                  resources:
                    limits:
                      cpus: "0.5"
                      memory: 512m
                      pids: 100
            """);
        Assert.Equal(3, web.Replicas);
        Assert.Equal(new ResourceLimits(500_000_000, 512L * 1024 * 1024, 100), web.Resources);
        Assert.Equal(100, web.PidsLimit);
    }

    [Fact]
    public void Load_LegacyLimitsAndScale_SameAsDeploy()
    {
        var web = Service("services:\n  web:\n    image: x\n    scale: 2\n    cpus: 1.5\n    mem_limit: 1g\n    pids_limit: 50\n");
        Assert.Equal(2, web.Replicas);
        Assert.Equal(new ResourceLimits(1_500_000_000, 1024L * 1024 * 1024, 50), web.Resources);
        Assert.Equal(50, web.PidsLimit);
    }

    [Fact]
    public void Load_ScaleAndReplicasAgree_Accepted()
    {
        Assert.Equal(2, Service("services:\n  web:\n    image: x\n    scale: 2\n    deploy:\n      replicas: 2\n").Replicas);
    }

    [Fact]
    public void Load_Profiles_OnlyActiveOnesIncluded()
    {
        const string Compose = """
            services:
              web:
                image: x
              debug:
                image: d
                profiles: [debug]
              tools:
                image: t
                profiles: [tools, ops]
            """;
        Assert.Equal(["web"], Loads(Compose).Services.Keys);
        Assert.Equal(["tools", "web"], Loads(Compose, null, "ops").Services.Keys);
        Assert.Equal(["debug", "tools", "web"], Loads(Compose, null, "*").Services.Keys);
    }

    [Fact]
    public void Load_OptionalDependencyOnInactiveProfile_Dropped()
    {
        var stack = Loads("services:\n  web:\n    image: x\n    depends_on:\n      debug:\n        required: false\n  debug:\n    image: d\n    profiles: [debug]\n");
        Assert.Empty(stack.Services["web"].DependsOn);
    }
}
