using GitOps.Reconciler.Common;
using GitOps.Reconciler.Compose;
using static GitOps.Reconciler.Tests.Compose.ComposeAssert;

namespace GitOps.Reconciler.Tests.Compose;

/// <summary>Volume options beyond ro/rw, short and long form, as compose reads them on Linux.</summary>
public class ComposeLoaderVolumeOptionTests
{
    private const string Web = "services:\n  web:\n    image: x\n";
    private const string Data = "volumes:\n  data: {}\n";

    private static MountSpec Mount(string volumes, string top = Data) =>
        Assert.Single(Service(Web + "    volumes:\n" + volumes + top).Mounts);

    [Fact]
    public void Load_ShortBindWithSelinuxAndPropagation_Kept()
    {
        var mount = Mount("      - /srv/a:/a:ro,Z,rslave\n");
        Assert.Equal(new MountSpec(MountType.Bind, "/srv/a", "/a", true) { SeLinux = "Z", Propagation = "rslave", CreateHostPath = true }, mount);
    }

    [Theory]
    [InlineData("cached")]
    [InlineData("delegated")]
    [InlineData("consistent")]
    public void Load_ShortConsistencyOption_AcceptedAndIgnored(string option) =>
        Assert.Equal(new MountSpec(MountType.Bind, "/srv/a", "/a", false) { CreateHostPath = true }, Mount($"      - /srv/a:/a:{option}\n"));

    [Fact]
    public void Load_ShortVolumeNocopy_Kept() =>
        Assert.Equal(new MountSpec(MountType.Volume, "data", "/d", false) { NoCopy = true }, Mount("      - data:/d:nocopy\n"));

    [Fact]
    public void Load_ShortNamedVolume_DoesNotCreateHostPath() =>
        Assert.False(Mount("      - data:/d\n").CreateHostPath);

    [Fact]
    public void Load_NocopyOnBind_Error() =>
        Fails(Web + "    volumes: [\"/srv/a:/a:nocopy\"]\n", 4, 15, "volume option 'nocopy' in service 'web' applies only to named volumes");

    [Fact]
    public void Load_SelinuxOnNamedVolume_Error() =>
        Fails(Web + "    volumes: [\"data:/a:z\"]\n" + Data, 4, 15, "volume option 'z' in service 'web' applies only to bind mounts");

    [Fact]
    public void Load_LongBindOptions_Kept()
    {
        var mount = Mount("      - type: bind\n        source: /srv/a\n        target: /a\n        consistency: cached\n        bind:\n          propagation: rprivate\n          create_host_path: true\n          selinux: z\n");
        Assert.Equal(new MountSpec(MountType.Bind, "/srv/a", "/a", false) { Propagation = "rprivate", CreateHostPath = true, SeLinux = "z" }, mount);
    }

    [Fact]
    public void Load_LongBindWithoutCreateHostPath_DoesNotCreate() =>
        Assert.False(Mount("      - type: bind\n        source: /srv/a\n        target: /a\n").CreateHostPath);

    [Fact]
    public void Load_LongVolumeNocopy_Kept() =>
        Assert.True(Mount("      - type: volume\n        source: data\n        target: /d\n        volume:\n          nocopy: true\n").NoCopy);

    [Fact]
    public void Load_VolumeSubpath_RefusedWithApiVersion() =>
        Fails(Web + "    volumes:\n      - type: volume\n        source: data\n        target: /d\n        volume:\n          subpath: sub\n" + Data, 9, 11, "unsupported: volumes.volume.subpath (needs engine API 1.45; the agent speaks 1.41)");

    [Fact]
    public void Load_BindRecursive_RefusedWithApiVersion() =>
        Fails(Web + "    volumes:\n      - type: bind\n        source: /srv/a\n        target: /a\n        bind:\n          recursive: readonly\n", 9, 11, "unsupported: volumes.bind.recursive (needs engine API 1.44; the agent speaks 1.41)");

    [Fact]
    public void Load_BadPropagation_Error() =>
        Fails(Web + "    volumes:\n      - type: bind\n        source: /srv/a\n        target: /a\n        bind:\n          propagation: sideways\n", 9, 24, "invalid propagation 'sideways' in service 'web'; expected private, rprivate, shared, rshared, slave, rslave");

    [Fact]
    public void Load_BindOptionsOnVolume_Error() =>
        Fails(Web + "    volumes:\n      - type: volume\n        source: data\n        target: /d\n        bind:\n          propagation: rslave\n" + Data, 8, 9, "'bind' options are only allowed on a volume of type bind");

    [Fact]
    public void Load_MountRendering_ShowsOptions() =>
        Assert.Equal("bind:/srv/a:/a:ro,Z,rslave,create_host_path", Mount("      - /srv/a:/a:ro,Z,rslave\n").ToString());

    [Fact]
    public void Hash_MountWithoutNewOptions_SameJsonAsBefore() =>
        Assert.DoesNotContain("NoCopy", ServiceSpecHash.CanonicalJson(new ServiceSpec { Name = "w", Image = "x", Mounts = ValueList.Of(new MountSpec(MountType.Volume, "data", "/d", false)) }), StringComparison.Ordinal);
}
