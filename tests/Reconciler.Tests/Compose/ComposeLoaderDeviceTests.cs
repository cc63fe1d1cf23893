using GitOps.Reconciler.Common;
using GitOps.Reconciler.Compose;
using static GitOps.Reconciler.Tests.Compose.ComposeAssert;

namespace GitOps.Reconciler.Tests.Compose;

/// <summary>devices, gpus, deploy.resources.reservations.devices and runtime, each form.</summary>
public class ComposeLoaderDeviceTests
{
    private const string Web = "services:\n  web:\n    image: x\n";

    [Fact]
    public void Load_DevicesShortForms_PermissionsDefaultRwm()
    {
        var web = Service(Web + "    devices:\n      - /dev/ttyUSB0\n      - /dev/null:/dev/xnull\n      - /dev/zero:/dev/xzero:r\n");
        Assert.Equal(
            ValueList.Of(
                new DeviceSpec("/dev/ttyUSB0", "/dev/ttyUSB0"),
                new DeviceSpec("/dev/null", "/dev/xnull"),
                new DeviceSpec("/dev/zero", "/dev/xzero", "r")),
            web.Devices);
    }

    [Fact]
    public void Load_DeviceLongForm_Parsed() =>
        Assert.Equal(
            ValueList.Of(new DeviceSpec("/dev/null", "/dev/xnull", "rw")),
            Service(Web + "    devices:\n      - source: /dev/null\n        target: /dev/xnull\n        permissions: rw\n").Devices);

    [Fact]
    public void Load_NoDevices_Null() => Assert.Null(Service(Web).Devices);

    [Fact]
    public void Load_DeviceBadPermissions_Error() =>
        Fails(Web + "    devices: [\"/dev/null:/dev/x:rwx\"]\n", 4, 15, "invalid device permissions 'rwx' in service 'web'; expected a combination of r, w and m");

    [Fact]
    public void Load_DeviceRelativePath_Error() =>
        Fails(Web + "    devices: [\"dev/null\"]\n", 4, 15, "invalid device 'dev/null:dev/null' in service 'web'; expected absolute paths on the host and in the container");

    [Fact]
    public void Load_CdiDevice_RefusedWithApiVersion() =>
        Fails(Web + "    devices: [\"nvidia.com/gpu=all\"]\n", 4, 15, "unsupported: CDI device 'nvidia.com/gpu=all' in service 'web' (needs engine API 1.44; the agent speaks 1.41)");

    [Fact]
    public void Load_GpusAll_AllDevicesWithGpuCapability() =>
        Assert.Equal(
            ValueList.Of(new DeviceRequestSpec("", -1, ValueList<string>.Empty, ValueList.Of("gpu"), ValueMap<string>.Empty)),
            Service(Web + "    gpus: all\n").DeviceRequests);

    [Fact]
    public void Load_GpusList_DriverCountIdsCapabilities()
    {
        var web = Service(Web + "    gpus:\n      - driver: nvidia\n        count: 2\n      - device_ids: [\"0\", \"3\"]\n        capabilities: [compute]\n        options: {virtualization: \"false\"}\n");
        Assert.Equal(
            ValueList.Of(
                new DeviceRequestSpec("nvidia", 2, ValueList<string>.Empty, ValueList.Of("gpu"), ValueMap<string>.Empty),
                new DeviceRequestSpec("", 0, ValueList.Of("0", "3"), ValueList.Of("compute", "gpu"), ValueMap.From([KeyValuePair.Create("virtualization", "false")]))),
            web.DeviceRequests);
    }

    [Fact]
    public void Load_ReservedDevices_AfterGpusAsWritten()
    {
        var web = Service(Web + """
                gpus: all
                deploy:
                  resources:
                    reservations:
                      devices:
                        - driver: nvidia
                          count: all
                          capabilities: [gpu, utility]
                        - capabilities: [tpu]
            """);
        Assert.Equal(
            ValueList.Of(
                new DeviceRequestSpec("", -1, ValueList<string>.Empty, ValueList.Of("gpu"), ValueMap<string>.Empty),
                new DeviceRequestSpec("nvidia", -1, ValueList<string>.Empty, ValueList.Of("gpu", "utility"), ValueMap<string>.Empty),
                new DeviceRequestSpec("", -1, ValueList<string>.Empty, ValueList.Of("tpu"), ValueMap<string>.Empty)),
            web.DeviceRequests);
    }

    [Fact]
    public void Load_ReservedDeviceWithoutCapabilities_Error() =>
        Fails(Web + "    deploy:\n      resources:\n        reservations:\n          devices:\n            - driver: nvidia\n", 8, 15, "a reserved device of service 'web' needs 'capabilities' (for example [gpu])");

    [Fact]
    public void Load_CountAndDeviceIds_Error() =>
        Fails(Web + "    gpus:\n      - count: 1\n        device_ids: [\"0\"]\n", 5, 9, "a gpus entry of service 'web' sets both 'count' and 'device_ids'; set one of them");

    [Fact]
    public void Load_Runtime_Kept() => Assert.Equal("nvidia", Service(Web + "    runtime: nvidia\n").Runtime);
}
