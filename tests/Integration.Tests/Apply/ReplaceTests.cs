// Docker.DotNet models are nullable throughout; these tests read them directly.
#nullable disable warnings

using System.Net;
using System.Net.Sockets;
using GitOps.Reconciler.Apply;
using GitOps.Reconciler.Common;
using GitOps.Reconciler.Compose;
using GitOps.Reconciler.Engine;
using GitOps.Reconciler.Secrets;
using Xunit.Abstractions;

namespace GitOps.Integration.Tests.Apply;

public sealed class ReplaceTests(EngineFixture fixture, ITestOutputHelper output) : EngineTest(fixture, output)
{
    private static ServiceSpec Worker(string tag) => new()
    {
        Name = "worker",
        Image = EngineFixture.Image("ocr-worker:" + tag),
        Networks = ValueMap.From([KeyValuePair.Create("default", NetworkAttachment.Plain)]),
    };

    [Fact]
    public async Task Apply_NewTag_ReplacesOnlyThatServiceAndKeepsTheOthersContainerId()
    {
        await DeployAsync(Stack(StackPlans.Web("v1"), Worker("1.4.2")));
        var before = await ReadStackAsync();
        var changed = Stack(StackPlans.Web("v2"), Worker("1.4.2"));

        var result = await ApplyAsync(StackPlans.Replace(changed, await ReadStackAsync(changed), "web"));

        Assert.Equal(ApplyStatus.Applied, result.Status);
        var after = await ReadStackAsync(changed);
        Assert.Equal(before.Containers.Single(c => c.Service == "worker").Id, after.Containers.Single(c => c.Service == "worker").Id);
        var web = after.Containers.Single(c => c.Service == "web");
        Assert.NotEqual(before.Containers.Single(c => c.Service == "web").Id, web.Id);
        Assert.Equal($"{Project}-web-1", web.Name);
        Assert.Equal(EngineFixture.Image("web:v2"), web.ImageReference);
        Assert.True(web.Running);
        Assert.Single(after.Containers, c => c.Service == "web");
    }

    [Fact]
    public async Task Apply_PullFails_OldContainerKeepsRunningAndStackFailed()
    {
        await DeployAsync(Stack(StackPlans.Web("v1")));
        var before = (await ReadStackAsync()).Containers.Single();
        var changed = Stack(StackPlans.Web("does-not-exist"));

        var result = await ApplyAsync(StackPlans.Replace(changed, await ReadStackAsync(changed), "web"));

        Assert.Equal(ApplyStatus.Failed, result.Status);
        Assert.Contains("does-not-exist", result.Reason, StringComparison.Ordinal);
        var inspect = await InspectAsync(before.Id);
        Assert.True(inspect.State.Running);
        Assert.Equal(0, Engine.Count("containers.stop"));
    }

    [Fact]
    public async Task Apply_NewVersionNeverHealthy_RollsBackToTheOldContainer()
    {
        await DeployAsync(Stack(StackPlans.Web("v1")));
        var before = (await ReadStackAsync()).Containers.Single();
        var broken = Stack(StackPlans.Web("broken"));
        var brokenHash = ServiceSpecHash.Of(broken.Services["web"], ConfigHashKey.Unkeyed);

        var result = await ApplyAsync(StackPlans.Replace(broken, await ReadStackAsync(broken), "web"));

        Assert.Equal(ApplyStatus.RolledBack, result.Status);
        var web = Assert.Single(result.Resources);
        Assert.Equal(brokenHash, web.FailedConfigHash);
        Assert.Contains("unhealthy", web.Reason, StringComparison.Ordinal);
        var after = Assert.Single((await ReadStackAsync()).Containers);
        Assert.Equal(before.Id, after.Id);
        Assert.Equal(EngineFixture.Image("web:v1"), after.ImageReference);
        Assert.True(after.Running);
        Assert.Equal($"{Project}-web-1", after.Name);
    }

    [Fact]
    public async Task Apply_EnvironmentChanged_ContainerRecreatedWithTheNewValue()
    {
        await DeployAsync(Stack(StackPlans.Web("v1") with { Environment = ValueMap.From([KeyValuePair.Create("MODE", "a")]) }));
        var changed = Stack(StackPlans.Web("v1") with { Environment = ValueMap.From([KeyValuePair.Create("MODE", "b")]) });

        var result = await ApplyAsync(StackPlans.Replace(changed, await ReadStackAsync(changed), "web"));

        Assert.Equal(ApplyStatus.Applied, result.Status);
        var after = (await ReadStackAsync(changed, fullDrift: true)).Containers.Single();
        Assert.Equal("b", after.Spec!.Environment["MODE"]);
        Assert.Equal(ServiceSpecHash.Of(changed.Services["web"], ConfigHashKey.Unkeyed), after.ConfigHash);
    }

    [Fact]
    public async Task Apply_ScaleUpThroughReplace_AllReplicasRunUnderComposeNames()
    {
        await DeployAsync(Stack(StackPlans.Web("v1")));
        var scaled = Stack(StackPlans.Web("v2") with { Replicas = 2 });

        var result = await ApplyAsync(StackPlans.Replace(scaled, await ReadStackAsync(scaled), "web"));

        Assert.Equal(ApplyStatus.Applied, result.Status);
        var after = await ReadStackAsync(scaled);
        Assert.Equal([$"{Project}-web-1", $"{Project}-web-2"], after.Containers.Select(c => c.Name));
        Assert.All(after.Containers, c => Assert.True(c.Running));
    }

    [Fact]
    public async Task Apply_NewTagOnAFixedHostPort_ThePortServesTheNewVersion()
    {
        var port = FreePort();
        ServiceSpec Published(string tag) => StackPlans.Web(tag) with
        {
            Ports = ValueList.Of(new PortBinding("127.0.0.1", port, 8080, "tcp")),
        };
        await DeployAsync(Stack(Published("v1")));
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        Assert.Equal($"{EngineFixture.ImageNamespace}/web v1", (await http.GetStringAsync($"http://127.0.0.1:{port}/", Token)).Trim());
        var changed = Stack(Published("v2"));

        var result = await ApplyAsync(StackPlans.Replace(changed, await ReadStackAsync(changed), "web"));

        Assert.Equal(ApplyStatus.Applied, result.Status);
        Assert.Equal($"{EngineFixture.ImageNamespace}/web v2", (await http.GetStringAsync($"http://127.0.0.1:{port}/", Token)).Trim());
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [Fact]
    public async Task Apply_LeftoverOfAnInterruptedReplace_ReplacedCleanly()
    {
        await DeployAsync(Stack(StackPlans.Web("v1")));
        var changed = Stack(StackPlans.Web("v2"));
        var spec = changed.Services["web"];
        var hash = ServiceSpecHash.Of(spec, ConfigHashKey.Unkeyed);
        // The leftover is created here, not by the executor: its image must be pulled here too.
        await Fixture.EnsureImageAsync(spec.Image, Token);
        // What a crash between "create new" and "remove old" leaves: a second container numbered 1 under the temporary name.
        await Fixture.Engine.Containers.CreateAsync(ContainerSpecMapper.ToCreateParameters(spec, new ContainerContext(
            Project, WorkingDir, [], 1, $"{Project}-web-1_{hash[..12]}", hash, null,
            new Dictionary<string, string> { ["default"] = Project + "_default" },
            new Dictionary<string, string>(),
            new Dictionary<string, string>())), Token);
        var actual = await ReadStackAsync(changed);
        Assert.Equal(2, actual.Containers.Count);

        var result = await ApplyAsync(StackPlans.Replace(changed, actual, "web"));

        Assert.Equal(ApplyStatus.Applied, result.Status);
        var web = Assert.Single((await ReadStackAsync(changed)).Containers);
        Assert.Equal($"{Project}-web-1", web.Name);
        Assert.Equal(EngineFixture.Image("web:v2"), web.ImageReference);
        Assert.True(web.Running);
    }
}
