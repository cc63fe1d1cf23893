using GitOps.Reconciler.Common;
using GitOps.Reconciler.Compose;
using GitOps.Reconciler.Engine;
using GitOps.Reconciler.Secrets;

namespace GitOps.Reconciler.Tests.Engine;

/// <summary>Specs and contexts shared by the mapping tests.</summary>
internal static class SpecSamples
{
    public static ServiceSpec Minimal => new()
    {
        Name = "web",
        Image = "127.0.0.1:5000/demo/web:v1",
        Networks = ValueMap.From([KeyValuePair.Create("default", NetworkAttachment.Plain)]),
    };

    /// <summary>Every field of <see cref="ServiceSpec"/> set to something other than its default.</summary>
    public static ServiceSpec Full => new()
    {
        Name = "api",
        Image = "127.0.0.1:5000/demo/ocr-api:1.4.2",
        Command = ValueList.Of("/bin/httpd", "-f", "-p", "9090"),
        Entrypoint = ValueList.Of("/bin/sh", "-c"),
        Environment = ValueMap.From([KeyValuePair.Create("MODE", "prod"), KeyValuePair.Create("EMPTY", "")]),
        Ports = ValueList.Sorted([new PortBinding("127.0.0.1", 18080, 8080, "tcp"), new PortBinding("", null, 9000, "udp")]),
        Expose = ValueList.Of("7000/tcp"),
        Mounts = ValueList.Sorted([
            new MountSpec(MountType.Bind, "/srv/data", "/data", ReadOnly: true),
            new MountSpec(MountType.Bind, "/srv/shared", "/shared", ReadOnly: false) { Propagation = "rslave", CreateHostPath = true },
            new MountSpec(MountType.Bind, "/srv/labelled", "/labelled", ReadOnly: true) { SeLinux = "Z", Propagation = "rprivate" },
            new MountSpec(MountType.Volume, "cache", "/cache", ReadOnly: false) { NoCopy = true },
            new MountSpec(MountType.Tmpfs, "", "/scratch", ReadOnly: false, TmpfsSizeBytes: 1 << 20),
        ]),
        Networks = ValueMap.From([
            KeyValuePair.Create("default", new NetworkAttachment(ValueList.Of("api-alias"))),
            KeyValuePair.Create("backend", new NetworkAttachment(ValueList.Of("b1", "b2"))),
        ]),
        DependsOn = ValueMap.From([KeyValuePair.Create("db", new Dependency(DependencyCondition.ServiceHealthy, Restart: true))]),
        Healthcheck = new HealthcheckSpec(
            ValueList.Of("CMD-SHELL", "wget -q -O- http://127.0.0.1:8080/healthz"),
            TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(1), 4, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(1)),
        Restart = "on-failure:3",
        Hostname = "api-host",
        User = "65534:65534",
        WorkingDir = "/www",
        Labels = ValueMap.From([KeyValuePair.Create("team", "ocr")]),
        StopSignal = "SIGINT",
        StopGracePeriod = TimeSpan.FromSeconds(20),
        CapAdd = ValueList.Of("NET_ADMIN"),
        CapDrop = ValueList.Of("MKNOD"),
        Privileged = true,
        ReadOnly = true,
        SecurityOpt = ValueList.Of("no-new-privileges:true"),
        Tmpfs = ValueMap.From([KeyValuePair.Create("/run", "size=65536")]),
        Sysctls = ValueMap.From([KeyValuePair.Create("net.core.somaxconn", "1024")]),
        Ulimits = ValueList.Of(new Ulimit("nofile", 1024, 2048)),
        ExtraHosts = ValueList.Of("db.internal:10.0.0.5"),
        Dns = ValueList.Of("10.0.0.53"),
        Init = true,
        StdinOpen = true,
        Tty = true,
        Logging = new LoggingSpec("json-file", ValueMap.From([KeyValuePair.Create("max-size", "10m")])),
        PidsLimit = 200,
        Platform = "linux/amd64",
        PullPolicy = PullPolicy.Always,
        Resources = new ResourceLimits(NanoCpus: 500_000_000, MemoryBytes: 64 << 20),
        Secrets = ValueList.Of(new FileGrant("token", "/run/secrets/token", GrantSource.Environment, "API_TOKEN", new string('a', 64))),
        Configs = ValueList.Of(new FileGrant("app", "/etc/app.conf", GrantSource.File, "/repo/stacks/ocr/app.conf", new string('b', 64))),
        Links = ValueList.Of("db:database"),
        MemswapLimit = 128 << 20,
        MemSwappiness = 30,
        OomScoreAdj = 100,
        Pid = "service:db",
        Ipc = "shareable",
        Uts = "host",
        Devices = ValueList.Of(new DeviceSpec("/dev/null", "/dev/xnull", "rw")),
        DeviceRequests = ValueList.Of(
            new DeviceRequestSpec("", -1, ValueList<string>.Empty, ValueList.Of("gpu"), ValueMap<string>.Empty),
            new DeviceRequestSpec("nvidia", 0, ValueList.Of("0", "2"), ValueList.Of("gpu", "utility"), ValueMap.From([KeyValuePair.Create("k", "v")]))),
        Runtime = "nvidia",
    };

    public static ContainerContext Context(ServiceSpec spec, int number = 1) => new(
        "it-demo",
        "/repo/stacks/demo",
        ["/repo/stacks/demo/compose.yaml"],
        number,
        ContainerContext.DefaultName("it-demo", spec.Name, number),
        ServiceSpecHash.Of(spec, ConfigHashKey.Unkeyed),
        "sha256:feed",
        new Dictionary<string, string> { ["default"] = "it-demo_default", ["backend"] = "it-demo_backend" },
        new Dictionary<string, string> { ["cache"] = "it-demo_cache" },
        new Dictionary<string, string> { ["/run/secrets/token"] = "/var/lib/gitops-agent/grants/it-demo/api/token" });

    public static ReadBackContext ReadBack => new(
        "it-demo",
        new Dictionary<string, string> { ["it-demo_default"] = "default", ["it-demo_backend"] = "backend" },
        new Dictionary<string, string> { ["it-demo_cache"] = "cache" });
}
