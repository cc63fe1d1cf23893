// Docker.DotNet models are nullable throughout; these tests read them directly.
#nullable disable warnings

using System.Security.Cryptography;
using System.Text;
using GitOps.Reconciler.Common;
using GitOps.Reconciler.Compose;
using Xunit.Abstractions;

namespace GitOps.Integration.Tests.Apply;

/// <summary>Keys beyond image and command are really applied: proven by inspecting the container.</summary>
public sealed class ServiceFeaturesTests(EngineFixture fixture, ITestOutputHelper output) : EngineTest(fixture, output)
{
    private static string Sha(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    [Fact]
    public async Task Apply_SecretsConfigsTmpfsUlimitsResourcesExtraHostsLogging_AppliedOnTheContainer()
    {
        var configFile = Path.Combine(WorkingDir, "app.conf");
        await File.WriteAllTextAsync(configFile, "threads=4\n", Token);
        var spec = StackPlans.Web("v1") with
        {
            Secrets = ValueList.Of(new FileGrant("api_token", "/run/secrets/api_token", GrantSource.Environment, "API_TOKEN", Sha("s3cret"))),
            Configs = ValueList.Of(new FileGrant("app", "/etc/app.conf", GrantSource.File, configFile, Sha("threads=4\n"))),
            Tmpfs = ValueMap.From([KeyValuePair.Create("/run/cache", "size=1m")]),
            Mounts = ValueList.Of(new MountSpec(MountType.Tmpfs, "", "/scratch", false, 2 << 20)),
            Ulimits = ValueList.Of(new Ulimit("nofile", 1024, 2048)),
            Resources = new ResourceLimits(NanoCpus: 500_000_000, MemoryBytes: 64L << 20),
            PidsLimit = 100,
            ExtraHosts = ValueList.Of("db.internal:10.1.2.3"),
            Logging = new LoggingSpec("json-file", ValueMap.From([KeyValuePair.Create("max-size", "1m")])),
            CapDrop = ValueList.Of("MKNOD"),
            Sysctls = ValueMap.From([KeyValuePair.Create("net.core.somaxconn", "512")]),
            Init = true,
            StopGracePeriod = TimeSpan.FromSeconds(7),
            Restart = "unless-stopped",
        };

        await ApplyAsync(StackPlans.Deploy(Stack(spec)), (_, variable) => variable == "API_TOKEN" ? "s3cret" : null);

        var inspect = await InspectAsync((await ReadStackAsync()).Containers.Single().Id);
        Assert.True(inspect.State.Running, inspect.State.Error);
        var mounts = inspect.Mounts.ToDictionary(m => m.Destination);
        var secret = mounts["/run/secrets/api_token"];
        Assert.False(secret.RW);
        Assert.Equal("s3cret", await File.ReadAllTextAsync(secret.Source, Token));
        Assert.Equal(UnixFileMode.UserRead, OperatingSystem.IsWindows() ? UnixFileMode.UserRead : File.GetUnixFileMode(secret.Source));
        Assert.Equal(configFile, mounts["/etc/app.conf"].Source);
        Assert.False(mounts["/etc/app.conf"].RW);
        Assert.Equal("tmpfs", mounts["/scratch"].Type);
        Assert.Equal("size=1m", inspect.HostConfig.Tmpfs["/run/cache"]);
        Assert.Equal(2 << 20, inspect.HostConfig.Mounts.Single(m => m.Target == "/scratch").TmpfsOptions.SizeBytes);
        var nofile = Assert.Single(inspect.HostConfig.Ulimits);
        Assert.Equal(("nofile", 1024L, 2048L), (nofile.Name, nofile.Soft, nofile.Hard));
        Assert.Equal(500_000_000, inspect.HostConfig.NanoCPUs);
        Assert.Equal(64L << 20, inspect.HostConfig.Memory);
        Assert.Equal(100, inspect.HostConfig.PidsLimit);
        Assert.Equal(["db.internal:10.1.2.3"], inspect.HostConfig.ExtraHosts);
        Assert.Equal("json-file", inspect.HostConfig.LogConfig.Type);
        Assert.Equal("1m", inspect.HostConfig.LogConfig.Config["max-size"]);
        Assert.Equal(["MKNOD"], inspect.HostConfig.CapDrop);
        Assert.Equal("512", inspect.HostConfig.Sysctls["net.core.somaxconn"]);
        Assert.True(inspect.HostConfig.Init);
        Assert.Equal(TimeSpan.FromSeconds(7), inspect.Config.StopTimeout);
        Assert.Equal(Docker.DotNet.Models.RestartPolicyKind.UnlessStopped, inspect.HostConfig.RestartPolicy.Name);
        Assert.Equal(TimeSpan.FromSeconds(1), inspect.Config.Healthcheck.Interval);
        Assert.Equal("healthy", inspect.State.Health.Status);
    }

    [Fact]
    public async Task Apply_TwoNetworksWithAliases_ContainerOnBothWithItsAliases()
    {
        var spec = StackPlans.Web("v1") with
        {
            Networks = ValueMap.From([
                KeyValuePair.Create("default", NetworkAttachment.Plain),
                KeyValuePair.Create("backend", new NetworkAttachment(ValueList.Of("web-backend"))),
            ]),
        };

        await DeployAsync(Stack(spec));

        var inspect = await InspectAsync((await ReadStackAsync()).Containers.Single().Id);
        Assert.Equal([Project + "_backend", Project + "_default"], inspect.NetworkSettings.Networks.Keys.Order(StringComparer.Ordinal));
        Assert.Contains("web-backend", inspect.NetworkSettings.Networks[Project + "_backend"].Aliases);
        Assert.Contains("web", inspect.NetworkSettings.Networks[Project + "_default"].Aliases);
    }
}
