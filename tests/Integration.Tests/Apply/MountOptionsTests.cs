// Docker.DotNet models are nullable throughout; these tests read them directly.
#nullable disable warnings

using GitOps.Reconciler.Apply;
using GitOps.Reconciler.Common;
using GitOps.Reconciler.Compose;
using GitOps.Reconciler.Planning;
using GitOps.Reconciler.Stacks;
using Xunit.Abstractions;

namespace GitOps.Integration.Tests.Apply;

/// <summary>Volume options beyond ro/rw reach a real container and read back as deployed.</summary>
public sealed class MountOptionsTests(EngineFixture fixture, ITestOutputHelper output) : EngineTest(fixture, output)
{
    [Fact]
    public async Task Apply_BindPropagationSelinuxCreateHostPathAndNocopy_OnTheContainerAndReadBackEqual()
    {
        var created = Path.Combine(WorkingDir, "created-by-agent");
        var existing = Path.Combine(WorkingDir, "existing");
        Directory.CreateDirectory(existing);
        var spec = StackPlans.Web("v1") with
        {
            Mounts = ValueList.Sorted([
                new MountSpec(MountType.Bind, created, "/created", false) { CreateHostPath = true },
                new MountSpec(MountType.Bind, existing, "/labelled", true) { SeLinux = "z", Propagation = "rprivate" },
                new MountSpec(MountType.Bind, existing, "/private", false) { Propagation = "rprivate" },
                new MountSpec(MountType.Volume, "data", "/data", false) { NoCopy = true },
            ]),
        };
        var stack = Stack(spec);

        await DeployAsync(stack);

        Assert.True(Directory.Exists(created));
        var container = Assert.Single((await ReadStackAsync(stack, fullDrift: true)).Containers);
        var inspect = await InspectAsync(container.Id);
        Assert.True(inspect.State.Running, inspect.State.Error);
        Assert.Equal([existing + ":/labelled:ro,z,rprivate"], inspect.HostConfig.Binds);
        var mounts = inspect.Mounts.ToDictionary(m => m.Destination);
        Assert.Equal("rprivate", mounts["/private"].Propagation);
        Assert.False(mounts["/labelled"].RW);
        Assert.True(inspect.HostConfig.Mounts.Single(m => m.Target == "/data").VolumeOptions.NoCopy);
        Assert.Empty(ServiceDiff.Between(spec, container.Spec));
    }

    [Fact]
    public async Task Apply_LongFormBindWithoutCreateHostPath_MissingSourceFailsAsWithCompose()
    {
        var missing = Path.Combine(WorkingDir, "missing");
        var spec = StackPlans.Web("v1") with { Mounts = ValueList.Of(new MountSpec(MountType.Bind, missing, "/missing", false)) };

        var result = await ApplyAsync(StackPlans.Deploy(Stack(spec)));

        Assert.Equal(ApplyStatus.Failed, result.Resources.Single(r => r.Name == "web").Status);
        Assert.Contains("missing", result.Resources.Single(r => r.Name == "web").Reason, StringComparison.Ordinal);
        Assert.False(Directory.Exists(missing));
    }
}
