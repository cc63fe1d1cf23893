// Docker.DotNet models are nullable throughout; these tests read them directly.
#nullable disable warnings

using Docker.DotNet.Models;
using GitOps.Reconciler.Common;
using GitOps.Reconciler.Compose;
using GitOps.Reconciler.Engine;
using GitOps.Reconciler.Actual;
using NetworkAttachment = GitOps.Reconciler.Compose.NetworkAttachment;
using PortBinding = GitOps.Reconciler.Compose.PortBinding;
using ServiceSpec = GitOps.Reconciler.Compose.ServiceSpec;
using Ulimit = GitOps.Reconciler.Compose.Ulimit;
using Xunit.Abstractions;

namespace GitOps.Integration.Tests.Actual;

public sealed class ProbeTests(EngineFixture fixture, ITestOutputHelper output) : EngineTest(fixture, output)
{
    /// <summary>Everything a runnable busybox container can carry (no privileged, no extra capabilities).</summary>
    private ServiceSpec Rich(string configFile) => StackPlans.Web("v1") with
    {
        Command = ValueList.Of("/bin/httpd", "-f", "-v", "-p", "8080", "-h", "/www"),
        Environment = ValueMap.From([KeyValuePair.Create("MODE", "prod"), KeyValuePair.Create("EMPTY", "")]),
        Ports = ValueList.Sorted([new PortBinding("127.0.0.1", null, 8080, "tcp")]),
        Expose = ValueList.Of("7000/tcp"),
        Mounts = ValueList.Sorted([
            new MountSpec(MountType.Volume, "data", "/data", false),
            new MountSpec(MountType.Bind, WorkingDir, "/host", true),
            new MountSpec(MountType.Tmpfs, "", "/scratch", false, 1 << 20),
        ]),
        Networks = ValueMap.From([
            KeyValuePair.Create("default", new NetworkAttachment(ValueList.Of("www"))),
            KeyValuePair.Create("backend", NetworkAttachment.Plain),
        ]),
        Restart = "on-failure:2",
        Hostname = "web-host",
        WorkingDir = "/www",
        Labels = ValueMap.From([KeyValuePair.Create("team", "platform")]),
        StopSignal = "SIGTERM",
        StopGracePeriod = TimeSpan.FromSeconds(5),
        CapDrop = ValueList.Of("MKNOD"),
        SecurityOpt = ValueList.Of("no-new-privileges:true"),
        Tmpfs = ValueMap.From([KeyValuePair.Create("/run/cache", "size=65536")]),
        Sysctls = ValueMap.From([KeyValuePair.Create("net.core.somaxconn", "512")]),
        Ulimits = ValueList.Of(new Ulimit("nofile", 1024, 2048)),
        ExtraHosts = ValueList.Of("db.internal:10.1.2.3"),
        Dns = ValueList.Of("127.0.0.11"),
        Init = true,
        StdinOpen = true,
        Tty = true,
        Logging = new LoggingSpec("json-file", ValueMap.From([KeyValuePair.Create("max-size", "1m")])),
        PidsLimit = 100,
        PullPolicy = PullPolicy.Missing,
        Resources = new ResourceLimits(NanoCpus: 500_000_000, MemoryBytes: 64L << 20),
        Configs = ValueList.Of(new FileGrant("app", "/etc/app.conf", GrantSource.File, configFile, new string('0', 64))),
    };

    [Fact]
    public async Task ReadAsync_DeployedStack_ReadsBackTheDeployedSpecFieldByField()
    {
        var configFile = Path.Combine(WorkingDir, "app.conf");
        await File.WriteAllTextAsync(configFile, "x=1\n", Token);
        var spec = Rich(configFile);
        var stack = Stack(spec);
        await DeployAsync(stack);

        var actual = await ReadStackAsync(stack, fullDrift: true);

        var read = Assert.Single(actual.Containers).Spec!;
        foreach (var property in typeof(ServiceSpec).GetProperties())
        {
            Assert.True(Equals(property.GetValue(spec), property.GetValue(read)),
                $"{property.Name}: deployed {property.GetValue(spec)}, read back {property.GetValue(read)}");
        }
        Assert.Equal(spec, read);
        Assert.Equal(["backend", "default"], actual.Networks.Keys);
        Assert.Equal(Project + "_data", actual.Volumes["data"].EngineName);
    }

    [Fact]
    public async Task ReadAsync_UnmanagedContainerInTheSameProject_NeverAppears()
    {
        var stack = Stack(StackPlans.Web("v1"));
        await DeployAsync(stack);
        await Fixture.Raw.Containers.CreateContainerAsync(new CreateContainerParameters
        {
            Name = Project + "-handmade-1",
            Image = EngineFixture.Image("web:v1"),
            Labels = new Dictionary<string, string>
            {
                ["com.docker.compose.project"] = Project,
                ["com.docker.compose.service"] = "handmade",
            },
        }, Token);

        var actual = await ReadStackAsync(stack, fullDrift: true);

        Assert.Equal(["web"], actual.Containers.Select(c => c.Service));
    }

    [Fact]
    public async Task ReadAsync_NothingChanged_InspectsNothing()
    {
        var stack = Stack(StackPlans.Web("v1"));
        await DeployAsync(stack);
        Engine.Reset();

        var actual = await ReadStackAsync(stack);

        Assert.Null(Assert.Single(actual.Containers).Spec);
        Assert.Equal(0, Engine.Count("containers.inspect"));
        Assert.Equal(1, Engine.Count("containers.list"));
    }

    [Fact]
    public async Task ReadAsync_NoOpProbe_CostsTheSameCallsForOneAndForFiveContainers()
    {
        var one = Stack(StackPlans.Web("v1"));
        await DeployAsync(one);
        Engine.Reset();
        await ReadStackAsync(one);
        var callsForOne = Engine.Total;
        await Fixture.RemoveProjectAsync(Project);

        var five = Stack(StackPlans.Web("v1") with { Replicas = 5, Healthcheck = null });
        await DeployAsync(five);
        Engine.Reset();
        var actual = await ReadStackAsync(five);

        Assert.Equal(5, actual.Containers.Count);
        Assert.Equal(callsForOne, Engine.Total);
        Assert.Equal(4, Engine.Total);
    }

    [Fact]
    public async Task ReadAsync_ContainerChangedByHand_InspectedAndFieldShown()
    {
        var stack = Stack(StackPlans.Web("v1") with { Environment = ValueMap.From([KeyValuePair.Create("MODE", "a")]) });
        await DeployAsync(stack);
        var wanted = Stack(StackPlans.Web("v1") with { Environment = ValueMap.From([KeyValuePair.Create("MODE", "b")]) });
        Engine.Reset();

        var actual = await ReadStackAsync(wanted);

        Assert.Equal("a", Assert.Single(actual.Containers).Spec!.Environment["MODE"]);
        Assert.Equal(1, Engine.Count("containers.inspect"));
    }

    [Fact]
    public async Task ReadAsync_PullPolicyAlways_ReadsTheRegistryDigest()
    {
        var stack = Stack(StackPlans.Web("v1") with { PullPolicy = PullPolicy.Always });
        await DeployAsync(stack);

        var state = await Probe.ReadAsync(new ProbeRequest(new Dictionary<string, StackSpec> { [Project] = stack }), Token);

        var image = state.Images[EngineFixture.Image("web:v1")];
        Assert.StartsWith("sha256:", image.RegistryDigest, StringComparison.Ordinal);
        Assert.Contains(image.RepoDigests, d => d.EndsWith(image.RegistryDigest!, StringComparison.Ordinal));
    }
}
