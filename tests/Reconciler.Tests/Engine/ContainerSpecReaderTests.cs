// Docker.DotNet models are nullable throughout; these tests build and read them directly.
#nullable disable warnings

using GitOps.Reconciler.Common;
using GitOps.Reconciler.Compose;
using GitOps.Reconciler.Engine;
using GitOps.Reconciler.Stacks;

namespace GitOps.Reconciler.Tests.Engine;

public class ContainerSpecReaderTests
{
    private static ServiceSpec RoundTrip(ServiceSpec spec)
    {
        var context = SpecSamples.Context(spec);
        var create = ContainerSpecMapper.ToCreateParameters(spec, context);
        var inspect = SimulatedEngine.Inspect(create, SimulatedEngine.Image, ContainerSpecMapper.AdditionalNetworks(spec, context));
        return ContainerSpecReader.Read(inspect, SimulatedEngine.Image, SpecSamples.ReadBack);
    }

    [Fact]
    public void Read_ContainerCreatedFromFullSpec_ReadsBackTheSameSpec()
    {
        var spec = SpecSamples.Full;

        var read = RoundTrip(spec);

        Assert.Equal(ServiceSpecHash.CanonicalJson(spec), ServiceSpecHash.CanonicalJson(read));
        Assert.Equal(spec, read);
    }

    [Fact]
    public void Read_SensitiveVariables_ReadBackFromTheLabelWithoutTheirValues()
    {
        var spec = SpecSamples.Full with { SensitiveEnvironment = ValueList.Of("GREETING") };

        var create = ContainerSpecMapper.ToCreateParameters(spec, SpecSamples.Context(spec));

        Assert.Equal(["GREETING"], RoundTrip(spec).SensitiveEnvironment);
        Assert.Contains("\"GREETING\"", create.Labels[EngineLabels.Unobservable], StringComparison.Ordinal);
    }

    [Fact]
    public void Read_StartFirst_ReadBackFromTheLabel()
    {
        var spec = SpecSamples.Minimal with { UpdateOrder = UpdateOrder.StartFirst };

        Assert.Equal(spec, RoundTrip(spec));
    }

    [Fact]
    public void Read_MountOptions_ReadBackFromMountsBindsAndLabel()
    {
        var read = RoundTrip(SpecSamples.Full).Mounts.ToDictionary(m => m.Target);

        Assert.Equal(new MountSpec(MountType.Bind, "/srv/shared", "/shared", false) { Propagation = "rslave", CreateHostPath = true }, read["/shared"]);
        Assert.Equal(new MountSpec(MountType.Bind, "/srv/labelled", "/labelled", true) { SeLinux = "Z", Propagation = "rprivate" }, read["/labelled"]);
        Assert.True(read["/cache"].NoCopy);
        Assert.False(read["/data"].CreateHostPath);
    }

    [Fact]
    public void Read_PropagationChangedByHand_ShowsInTheMountsField()
    {
        var spec = SpecSamples.Full;
        var context = SpecSamples.Context(spec);
        var create = ContainerSpecMapper.ToCreateParameters(spec, context);
        create.HostConfig.Mounts.Single(m => m.Target == "/shared").BindOptions.Propagation = "rshared";
        var read = ContainerSpecReader.Read(SimulatedEngine.Inspect(create, SimulatedEngine.Image, ContainerSpecMapper.AdditionalNetworks(spec, context)), SimulatedEngine.Image, SpecSamples.ReadBack);

        var change = Assert.Single(ServiceDiff.Between(spec, read));
        Assert.Equal("mounts", change.Field);
        Assert.Contains("rshared", change.Actual, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_EngineDefaultsForIpcAndMemswap_ReadAsUnset()
    {
        var spec = SpecSamples.Minimal with { Resources = new ResourceLimits(MemoryBytes: 64 << 20) };
        var context = SpecSamples.Context(spec);
        var create = ContainerSpecMapper.ToCreateParameters(spec, context);
        // What the engine fills in: its default IPC mode, and swap twice the memory limit.
        create.HostConfig.IpcMode = "private";
        create.HostConfig.MemorySwap = 128 << 20;

        var read = ContainerSpecReader.Read(SimulatedEngine.Inspect(create, SimulatedEngine.Image, []), SimulatedEngine.Image, SpecSamples.ReadBack);

        Assert.Equal(spec, read);
    }

    [Theory]
    [InlineData(true, null)]
    [InlineData(false, "host")]
    public void Read_LabelDisableAddedByTheEngine_NotReadAsSecurityOpt(bool privileged, string? pid)
    {
        var spec = SpecSamples.Minimal with { Privileged = privileged, Pid = pid };
        var context = SpecSamples.Context(spec);
        var create = ContainerSpecMapper.ToCreateParameters(spec, context);
        create.HostConfig.SecurityOpt = ["label=disable"];

        var read = ContainerSpecReader.Read(SimulatedEngine.Inspect(create, SimulatedEngine.Image, []), SimulatedEngine.Image, SpecSamples.ReadBack);

        Assert.Equal(spec, read);
    }

    [Fact]
    public void Read_LabelDisableWrittenByTheUser_Kept()
    {
        var spec = SpecSamples.Minimal with { Pid = "host", SecurityOpt = ValueList.Of("label=disable") };

        Assert.Equal(spec, RoundTrip(spec));
    }

    [Fact]
    public void Read_DefaultRuntimeShownByTheEngine_ReadAsUnset()
    {
        var spec = SpecSamples.Minimal;
        var create = ContainerSpecMapper.ToCreateParameters(spec, SpecSamples.Context(spec));
        create.HostConfig.Runtime = "runc";

        Assert.Null(ContainerSpecReader.Read(SimulatedEngine.Inspect(create, SimulatedEngine.Image, []), SimulatedEngine.Image, SpecSamples.ReadBack).Runtime);
    }

    [Fact]
    public void Read_DevicesAndRequests_EachFormReadsBack()
    {
        var spec = SpecSamples.Minimal with
        {
            Devices = ValueList.Of(new DeviceSpec("/dev/null", "/dev/xnull")),
            DeviceRequests = ValueList.Of(new DeviceRequestSpec("nvidia", 2, ValueList<string>.Empty, ValueList.Of("gpu", "compute"), ValueMap<string>.Empty)),
            Runtime = "nvidia",
        };

        Assert.Equal(spec, RoundTrip(spec));
    }

    [Fact]
    public void Read_DeviceRemovedByHand_ShowsTheDevicesField()
    {
        var spec = SpecSamples.Minimal with { Devices = ValueList.Of(new DeviceSpec("/dev/null", "/dev/xnull")) };
        var create = ContainerSpecMapper.ToCreateParameters(spec, SpecSamples.Context(spec));
        create.HostConfig.Devices = [];

        var read = ContainerSpecReader.Read(SimulatedEngine.Inspect(create, SimulatedEngine.Image, []), SimulatedEngine.Image, SpecSamples.ReadBack);

        Assert.Equal(new GitOps.Reconciler.Planning.FieldChange("devices", "[/dev/null:/dev/xnull:rwm]", null), Assert.Single(ServiceDiff.Between(spec, read)));
    }

    [Fact]
    public void Read_SwappinessDiscardedByTheEngine_KeptFromTheSpec()
    {
        var spec = SpecSamples.Minimal with { MemSwappiness = 10 };
        var context = SpecSamples.Context(spec);
        var create = ContainerSpecMapper.ToCreateParameters(spec, context);
        create.HostConfig.MemorySwappiness = null;

        var read = ContainerSpecReader.Read(SimulatedEngine.Inspect(create, SimulatedEngine.Image, []), SimulatedEngine.Image, SpecSamples.ReadBack);

        Assert.Equal(10, read.MemSwappiness);
    }

    [Fact]
    public void Read_OomScoreChangedByHand_ShowsTheField()
    {
        var spec = SpecSamples.Minimal with { OomScoreAdj = 100 };
        var context = SpecSamples.Context(spec);
        var create = ContainerSpecMapper.ToCreateParameters(spec, context);
        create.HostConfig.OomScoreAdj = 500;

        var read = ContainerSpecReader.Read(SimulatedEngine.Inspect(create, SimulatedEngine.Image, []), SimulatedEngine.Image, SpecSamples.ReadBack);

        Assert.Equal(new GitOps.Reconciler.Planning.FieldChange("oom_score_adj", "100", "500"), Assert.Single(ServiceDiff.Between(spec, read)));
    }

    [Fact]
    public void Read_ContainerCreatedFromMinimalSpec_SubtractsImageAndEngineDefaults()
    {
        var spec = SpecSamples.Minimal;

        var read = RoundTrip(spec);

        Assert.Equal(spec, read);
        Assert.Null(read.Command);
        Assert.Null(read.WorkingDir);
        Assert.Null(read.Hostname);
        Assert.Empty(read.Environment);
        Assert.Empty(read.Labels);
        Assert.Empty(read.Expose);
    }

    [Fact]
    public void Read_EnvironmentOverridesImageValue_KeepsTheOverride()
    {
        var spec = SpecSamples.Minimal with { Environment = ValueMap.From([KeyValuePair.Create("IMAGE_ONLY", "2")]) };

        Assert.Equal("2", RoundTrip(spec).Environment["IMAGE_ONLY"]);
    }

    [Fact]
    public void Read_PidsAsLimitAndAsResource_ReadBackIntoBoth()
    {
        var spec = SpecSamples.Minimal with { PidsLimit = 50, Resources = new ResourceLimits(Pids: 50) };

        Assert.Equal(spec, RoundTrip(spec));
    }

    [Fact]
    public void Read_PidsFromResources_ReadBackIntoResources()
    {
        var spec = SpecSamples.Minimal with { Resources = new ResourceLimits(Pids: 50) };

        Assert.Equal(spec, RoundTrip(spec));
    }

    [Fact]
    public void Read_ContainerChangedByHand_ShowsTheChangedField()
    {
        var spec = SpecSamples.Minimal with { Environment = ValueMap.From([KeyValuePair.Create("A", "1")]) };
        var context = SpecSamples.Context(spec);
        var inspect = SimulatedEngine.Inspect(ContainerSpecMapper.ToCreateParameters(spec, context), SimulatedEngine.Image, []);
        inspect.Config.Env = [.. inspect.Config.Env.Where(e => e != "A=1"), "A=2"];

        var read = ContainerSpecReader.Read(inspect, SimulatedEngine.Image, SpecSamples.ReadBack);

        Assert.Equal("2", read.Environment["A"]);
        Assert.NotEqual(spec, read);
    }

    [Fact]
    public void Read_DefaultPathAddedByEngine_IsNotReadAsEnvironment()
    {
        var image = SimulatedEngine.Image;
        image.Config.Env = [];
        var spec = SpecSamples.Minimal;
        var inspect = SimulatedEngine.Inspect(ContainerSpecMapper.ToCreateParameters(spec, SpecSamples.Context(spec)), image, []);
        inspect.Config.Env = [.. inspect.Config.Env, "PATH=" + ContainerSpecReader.EngineDefaultPath];

        Assert.Empty(ContainerSpecReader.Read(inspect, image, SpecSamples.ReadBack).Environment);
    }

    [Fact]
    public void Read_EngineWithoutStartInterval_StartIntervalKeptFromTheSpec()
    {
        var spec = SpecSamples.Full;
        var context = SpecSamples.Context(spec);
        var inspect = SimulatedEngine.Inspect(ContainerSpecMapper.ToCreateParameters(spec, context), SimulatedEngine.Image, ContainerSpecMapper.AdditionalNetworks(spec, context));
        inspect.Config.Healthcheck.StartInterval = null;

        Assert.Equal(spec, ContainerSpecReader.Read(inspect, SimulatedEngine.Image, SpecSamples.ReadBack));
    }
}
