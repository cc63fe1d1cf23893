// Docker.DotNet models are nullable throughout; these tests build and read them directly.
#nullable disable warnings

using Docker.DotNet.Models;
using GitOps.Reconciler.Compose;
using GitOps.Reconciler.Engine;
using GitOps.Reconciler.Secrets;

namespace GitOps.Reconciler.Tests.Engine;

public class ContainerSpecMapperTests
{
    [Fact]
    public void ToCreateParameters_FullSpec_AppliesEveryField()
    {
        var spec = SpecSamples.Full;
        var p = ContainerSpecMapper.ToCreateParameters(spec, SpecSamples.Context(spec));
        var host = p.HostConfig;

        Assert.Equal("it-demo-api-1", p.Name);
        Assert.Equal(spec.Image, p.Image);
        Assert.Equal("linux/amd64", p.Platform);
        Assert.Equal(["/bin/sh", "-c"], p.Entrypoint);
        Assert.Equal(["/bin/httpd", "-f", "-p", "9090"], p.Cmd);
        Assert.Contains("MODE=prod", p.Env);
        Assert.Contains("EMPTY=", p.Env);
        Assert.Equal(["7000/tcp", "8080/tcp", "9000/udp"], p.ExposedPorts.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("18080", host.PortBindings["8080/tcp"].Single().HostPort);
        Assert.Equal("127.0.0.1", host.PortBindings["8080/tcp"].Single().HostIP);
        Assert.Equal("", host.PortBindings["9000/udp"].Single().HostPort);
        Assert.Equal(["CMD-SHELL", "wget -q -O- http://127.0.0.1:8080/healthz"], p.Healthcheck.Test);
        Assert.Equal(TimeSpan.FromSeconds(2), p.Healthcheck.Interval);
        Assert.Equal(4, p.Healthcheck.Retries);
        Assert.Equal(RestartPolicyKind.OnFailure, host.RestartPolicy.Name);
        Assert.Equal(3, host.RestartPolicy.MaximumRetryCount);
        Assert.Equal(500_000_000, host.NanoCPUs);
        Assert.Equal(64 << 20, host.Memory);
        Assert.Equal(200, host.PidsLimit);
        Assert.Equal("nofile", host.Ulimits.Single().Name);
        Assert.Equal(2048, host.Ulimits.Single().Hard);
        Assert.Equal("1024", host.Sysctls["net.core.somaxconn"]);
        Assert.Equal(["db.internal:10.0.0.5"], host.ExtraHosts);
        Assert.Equal(["10.0.0.53"], host.DNS);
        Assert.Equal("json-file", host.LogConfig.Type);
        Assert.Equal("10m", host.LogConfig.Config["max-size"]);
        Assert.Equal(["NET_ADMIN"], host.CapAdd);
        Assert.Equal(["MKNOD"], host.CapDrop);
        Assert.Equal(["no-new-privileges:true"], host.SecurityOpt);
        Assert.Equal("size=65536", host.Tmpfs["/run"]);
        Assert.True(host.Init);
        Assert.True(host.Privileged);
        Assert.True(host.ReadonlyRootfs);
        Assert.True(p.Tty);
        Assert.True(p.OpenStdin);
        Assert.Equal("api-host", p.Hostname);
        Assert.Equal("65534:65534", p.User);
        Assert.Equal("/www", p.WorkingDir);
        Assert.Equal("SIGINT", p.StopSignal);
        Assert.Equal(TimeSpan.FromSeconds(20), p.StopTimeout);
        Assert.Equal(["it-demo-db-1:database"], host.Links);
    }

    [Fact]
    public void ToCreateParameters_Mounts_BindVolumeTmpfsAndGrantsReadOnly()
    {
        var spec = SpecSamples.Full;
        var mounts = ContainerSpecMapper.ToCreateParameters(spec, SpecSamples.Context(spec)).HostConfig.Mounts.ToDictionary(m => m.Target);

        Assert.Equal(("bind", "/srv/data", true), (mounts["/data"].Type, mounts["/data"].Source, mounts["/data"].ReadOnly!.Value));
        Assert.Equal(("volume", "it-demo_cache"), (mounts["/cache"].Type, mounts["/cache"].Source));
        Assert.Equal(1 << 20, mounts["/scratch"].TmpfsOptions.SizeBytes);
        Assert.Equal("/var/lib/gitops-agent/grants/it-demo/api/token", mounts["/run/secrets/token"].Source);
        Assert.True(mounts["/run/secrets/token"].ReadOnly);
        Assert.Equal("/repo/stacks/ocr/app.conf", mounts["/etc/app.conf"].Source);
        Assert.True(mounts["/etc/app.conf"].ReadOnly);
    }

    [Fact]
    public void ToCreateParameters_MountOptions_PropagationNocopyAndSelinuxAsBind()
    {
        var spec = SpecSamples.Full;
        var host = ContainerSpecMapper.ToCreateParameters(spec, SpecSamples.Context(spec)).HostConfig;
        var mounts = host.Mounts.ToDictionary(m => m.Target);

        Assert.Equal("rslave", mounts["/shared"].BindOptions.Propagation);
        Assert.Null(mounts["/data"].BindOptions);
        Assert.True(mounts["/cache"].VolumeOptions.NoCopy);
        // The mount API cannot relabel: a bind with selinux goes through Binds and only there.
        Assert.False(mounts.ContainsKey("/labelled"));
        Assert.Equal(["/srv/labelled:/labelled:ro,Z,rprivate"], host.Binds);
    }

    [Fact]
    public void ToCreateParameters_NamespacesAndMemory_HostConfig()
    {
        var spec = SpecSamples.Full;
        var host = ContainerSpecMapper.ToCreateParameters(spec, SpecSamples.Context(spec)).HostConfig;

        Assert.Equal("container:it-demo-db-1", host.PidMode);
        Assert.Equal("shareable", host.IpcMode);
        Assert.Equal("host", host.UTSMode);
        Assert.Equal(128 << 20, host.MemorySwap);
        Assert.Equal(30, host.MemorySwappiness);
        Assert.Equal(100, host.OomScoreAdj);
    }

    [Fact]
    public void ToCreateParameters_DevicesGpusRuntime_DeviceMappingsAndRequests()
    {
        var spec = SpecSamples.Full;
        var host = ContainerSpecMapper.ToCreateParameters(spec, SpecSamples.Context(spec)).HostConfig;

        var device = Assert.Single(host.Devices);
        Assert.Equal(("/dev/null", "/dev/xnull", "rw"), (device.PathOnHost, device.PathInContainer, device.CgroupPermissions));
        Assert.Equal(2, host.DeviceRequests.Count);
        var all = host.DeviceRequests[0];
        Assert.Equal(("", -1L, null), (all.Driver, all.Count, all.DeviceIDs));
        Assert.Equal([["gpu"]], all.Capabilities);
        var ids = host.DeviceRequests[1];
        Assert.Equal(("nvidia", 0L), (ids.Driver, ids.Count));
        Assert.Equal(["0", "2"], ids.DeviceIDs);
        Assert.Equal([["gpu", "utility"]], ids.Capabilities);
        Assert.Equal("v", ids.Options["k"]);
        Assert.Equal("nvidia", host.Runtime);
    }

    [Fact]
    public void ToPreflightParameters_FullSpec_OnlyDeviceRequestsAndRuntimeAndNothingThatRuns()
    {
        var spec = SpecSamples.Full;
        var context = SpecSamples.Context(spec);
        var p = ContainerSpecMapper.ToPreflightParameters(spec, context);
        var full = ContainerSpecMapper.ToCreateParameters(spec, context).HostConfig;

        Assert.Equal(spec.Image, p.Image);
        Assert.Equal([ContainerSpecMapper.PreflightEntrypoint], p.Entrypoint);
        Assert.Empty(p.Cmd);
        Assert.Null(p.Name);
        Assert.Equal("none", p.HostConfig.NetworkMode);
        Assert.Equal(full.Runtime, p.HostConfig.Runtime);
        Assert.Equal(full.DeviceRequests.Count, p.HostConfig.DeviceRequests.Count);
        Assert.Equal(full.DeviceRequests.Select(r => (r.Driver, r.Count)), p.HostConfig.DeviceRequests.Select(r => (r.Driver, r.Count)));
        Assert.Null(p.HostConfig.PortBindings);
        Assert.Null(p.HostConfig.Mounts);
        Assert.Null(p.HostConfig.Binds);
        Assert.Null(p.HostConfig.Devices);
        Assert.Null(p.NetworkingConfig);
        // Owned and of the project (so cleanup finds a leftover), but no service label: never read as a replica.
        Assert.Equal(context.Owner, p.Labels[EngineLabels.Owner]);
        Assert.Equal(context.Project, p.Labels[EngineLabels.Project]);
        Assert.False(p.Labels.ContainsKey(EngineLabels.Service));
    }

    [Fact]
    public void ToCreateParameters_NoDevices_NoDeviceRequests()
    {
        var host = ContainerSpecMapper.ToCreateParameters(SpecSamples.Minimal, SpecSamples.Context(SpecSamples.Minimal)).HostConfig;

        Assert.Empty(host.Devices);
        Assert.Null(host.DeviceRequests);
        Assert.Null(host.Runtime);
    }

    [Fact]
    public void ToCreateParameters_NoSelinuxBind_NoBinds() =>
        Assert.Null(ContainerSpecMapper.ToCreateParameters(SpecSamples.Minimal, SpecSamples.Context(SpecSamples.Minimal)).HostConfig.Binds);

    [Fact]
    public void ToCreateParameters_Labels_CarryComposeLabelsAndOwnership()
    {
        var spec = SpecSamples.Full;
        var labels = ContainerSpecMapper.ToCreateParameters(spec, SpecSamples.Context(spec, number: 2)).Labels;

        Assert.Equal("it-demo", labels["com.docker.compose.project"]);
        Assert.Equal("api", labels["com.docker.compose.service"]);
        Assert.Equal("2", labels["com.docker.compose.container-number"]);
        Assert.Equal("False", labels["com.docker.compose.oneoff"]);
        Assert.Equal(ServiceSpecHash.Of(spec, ConfigHashKey.Unkeyed), labels["com.docker.compose.config-hash"]);
        Assert.Equal("/repo/stacks/demo/compose.yaml", labels["com.docker.compose.project.config_files"]);
        Assert.Equal("/repo/stacks/demo", labels["com.docker.compose.project.working_dir"]);
        Assert.Equal("db:service_healthy:true", labels["com.docker.compose.depends_on"]);
        Assert.Equal("sha256:feed", labels["com.docker.compose.image"]);
        Assert.Equal("true", labels[EngineLabels.Managed]);
        Assert.Equal("ocr", labels["team"]);
        Assert.DoesNotContain(new string('a', 64), labels[EngineLabels.Unobservable].Replace(new string('a', 64), "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public void ToCreateParameters_TwoNetworks_FirstAtCreateOthersConnectedWithAliases()
    {
        var spec = SpecSamples.Full;
        var context = SpecSamples.Context(spec);
        var p = ContainerSpecMapper.ToCreateParameters(spec, context);
        var additional = ContainerSpecMapper.AdditionalNetworks(spec, context);

        var first = Assert.Single(p.NetworkingConfig.EndpointsConfig);
        Assert.Equal("it-demo_backend", first.Key);
        Assert.Equal(["api", "b1", "b2"], first.Value.Aliases);
        Assert.Equal("it-demo_backend", p.HostConfig.NetworkMode);
        var (network, endpoint) = Assert.Single(additional);
        Assert.Equal("it-demo_default", network);
        Assert.Equal(["api", "api-alias"], endpoint.Aliases);
    }

    [Fact]
    public void ToCreateParameters_NetworkModeHost_NoEndpoints()
    {
        var spec = SpecSamples.Minimal with { Networks = GitOps.Reconciler.Common.ValueMap<GitOps.Reconciler.Compose.NetworkAttachment>.Empty, NetworkMode = "host" };
        var p = ContainerSpecMapper.ToCreateParameters(spec, SpecSamples.Context(spec));

        Assert.Equal("host", p.HostConfig.NetworkMode);
        Assert.Null(p.NetworkingConfig);
    }

    [Theory]
    [InlineData("no", RestartPolicyKind.No, 0)]
    [InlineData("always", RestartPolicyKind.Always, 0)]
    [InlineData("unless-stopped", RestartPolicyKind.UnlessStopped, 0)]
    [InlineData("on-failure", RestartPolicyKind.OnFailure, 0)]
    [InlineData("on-failure:5", RestartPolicyKind.OnFailure, 5)]
    public void RestartPolicy_ComposeForm_EnginePolicy(string restart, RestartPolicyKind kind, long retries)
    {
        var policy = ContainerSpecMapper.RestartPolicy(restart);

        Assert.Equal((kind, retries), (policy.Name, policy.MaximumRetryCount));
    }
}
