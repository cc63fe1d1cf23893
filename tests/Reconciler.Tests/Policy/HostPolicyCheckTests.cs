using GitOps.Reconciler.Common;
using GitOps.Reconciler.Desired;
using GitOps.Reconciler.Diagnostics;
using GitOps.Reconciler.Policy;
using GitOps.Reconciler.Tests.Desired;

namespace GitOps.Reconciler.Tests.Policy;

/// <summary>The host policy checker, pure, over desired states loaded from small repos with the real compose loader.</summary>
public class HostPolicyCheckTests
{
    private const string Compose = "stacks/app/compose.yaml";

    private static HostPolicy Profile(PolicyProfile profile, params PolicyException[] allow) =>
        new(profile, ValueList<string>.Empty, ValueList.Of("/srv/models"), ValueList.From(allow));

    private static readonly HostPolicy Baseline = Profile(PolicyProfile.Baseline);

    /// <summary>Service 'web' of stack 'app' with <paramref name="settings"/> (indented 4) at line 4 on.</summary>
    private static string Web(string settings, string rest = "") => $"services:\n  web:\n    image: nginx:1\n{settings}{rest}";

    private static IReadOnlyList<Diagnostic> Check(string compose, HostPolicy policy, params (string Path, string Text)[] files)
    {
        using var repo = TestRepo.Valid().Write(Compose, compose);
        foreach (var (path, text) in files)
        {
            repo.Write(path, text);
        }
        var loaded = new DiagnosticBag();
        var desired = new DesiredStateLoader().Load(repo.Repo, "web-1", loaded);
        Assert.True(desired is not null, string.Join("\n", loaded.Items));
        var found = new DiagnosticBag();
        HostPolicyCheck.Check(desired, policy, found);
        return found.Items;
    }

    [Theory]
    [InlineData("    privileged: true\n", "privileged", "privileged: true")]
    [InlineData("    network_mode: host\n", "network_mode", "hostNetwork: true")]
    [InlineData("    pid: host\n", "pid", "hostPid: true")]
    [InlineData("    ipc: host\n", "ipc", "hostIpc: true")]
    [InlineData("    uts: host\n", "uts", "hostUts: true")]
    [InlineData("    cap_add: [NET_ADMIN]\n", "cap_add", "capabilities: [NET_ADMIN]")]
    [InlineData("    cap_add: [CHOWN, cap_sys_admin]\n", "cap_add", "capabilities: [SYS_ADMIN]")]
    [InlineData("    cap_add: [ALL]\n", "cap_add", "capabilities: [ALL]")]
    [InlineData("    security_opt: [seccomp:unconfined]\n", "security_opt", "unconfined: true")]
    [InlineData("    security_opt: [apparmor=unconfined]\n", "security_opt", "unconfined: true")]
    [InlineData("    security_opt: [label:disable]\n", "security_opt", "unconfined: true")]
    [InlineData("    devices: [/dev/kmsg:/dev/kmsg]\n", "devices", "devices: true")]
    [InlineData("    volumes: [/etc:/host-etc:ro]\n", "volumes", "bindMounts: [/etc]")]
    [InlineData("    volumes: [../../secrets:/s]\n", "volumes", "bindMounts: [")]
    [InlineData("    volumes: [/var/run/docker.sock:/var/run/docker.sock]\n", "volumes", "dockerSocket: true")]
    [InlineData("    volumes: [/run:/host-run]\n", "volumes", "dockerSocket: true")]
    [InlineData("    volumes: [/:/host]\n", "volumes", "dockerSocket: true")]
    [InlineData("    sysctls: {kernel.msgmax: 65536}\n", "sysctls", "sysctls: [kernel.msgmax]")]
    [InlineData("    sysctls: [net.ipv4.tcp_syncookies=1, net/core/somaxconn=1024]\n", "sysctls", "sysctls: [net.core.somaxconn]")]
    [InlineData("    network_mode: container:traefik\n", "network_mode", "containerNamespaces: true")]
    [InlineData("    pid: container:postgres\n", "pid", "containerNamespaces: true")]
    [InlineData("    ipc: container:postgres\n", "ipc", "containerNamespaces: true")]
    public void Check_Baseline_RefusesAtTheKeyNamingProfileAndSetting(string settings, string key, string grant)
    {
        var findings = Check(Web(settings), Baseline);

        var refusal = Assert.Single(findings);
        Assert.Equal(Severity.Error, refusal.Severity);
        // A volume is pointed at by its item, any other setting by its key.
        Assert.Equal(new SourcePosition(Compose, 4, key == "volumes" ? 15 : 5), refusal.Position);
        Assert.StartsWith($"'{key}' of service 'web' of stack 'app': ", refusal.Message, StringComparison.Ordinal);
        Assert.Contains("refused by host policy 'baseline'", refusal.Message, StringComparison.Ordinal);
        Assert.Contains("policy.allow: [{stack: app, " + grant, refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_SecondVolumeOutsideRoots_PointsAtThatItem()
    {
        var findings = Check(Web("    volumes:\n      - ./data:/data\n      - /srv/backups:/backups\n"), Baseline);

        var refusal = Assert.Single(findings);
        Assert.Equal(new SourcePosition(Compose, 6, 9), refusal.Position);
        Assert.Contains("'/srv/backups'", refusal.Message, StringComparison.Ordinal);
        Assert.Contains("or policy.allowedBindRoots: [/srv/backups]", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_NamedVolumeBindingAHostDirectory_RefusedAsABindMount()
    {
        var compose = Web("    volumes: [data:/data]\n", "volumes:\n  data:\n    driver_opts: { type: none, o: bind, device: /etc }\n");

        var refusal = Assert.Single(Check(compose, Baseline));

        Assert.Contains("'/etc'", refusal.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("    cap_add: [NET_BIND_SERVICE, cap_chown, CAP_KILL]\n")]
    [InlineData("    security_opt: [no-new-privileges:true, seccomp=profile.json]\n")]
    [InlineData("    gpus: all\n")]
    [InlineData("    deploy: { resources: { reservations: { devices: [{ driver: nvidia, count: 1, capabilities: [gpu] }] } } }\n")]
    [InlineData("    volumes: [./data:/data, /srv/models/ocr:/models:ro, cache:/cache]\n")]
    [InlineData("    network_mode: none\n    ipc: private\n")]
    [InlineData("    sysctls: {net.ipv4.ip_unprivileged_port_start: 80, net/ipv4/tcp_syncookies: 1, kernel.shm_rmid_forced: 1}\n")]
    [InlineData("    ipc: shareable\n  sidecar:\n    image: nginx:1\n    ipc: service:web\n    pid: service:web\n    network_mode: service:web\n")]
    public void Check_Baseline_AllowsWhatStaysInTheContainer(string settings)
    {
        var rest = settings.Contains("cache:", StringComparison.Ordinal) ? "volumes:\n  cache: {}\n" : "";

        Assert.Empty(Check(Web(settings, rest), Baseline));
    }

    [Theory]
    [InlineData("    privileged: true\n", "privileged: true")]
    [InlineData("    network_mode: host\n", "hostNetwork: true")]
    [InlineData("    pid: host\n", "hostPid: true")]
    [InlineData("    ipc: host\n", "hostIpc: true")]
    [InlineData("    uts: host\n", "hostUts: true")]
    [InlineData("    cap_add: [NET_ADMIN, SYS_TIME]\n", "capabilities: [NET_ADMIN, SYS_TIME]")]
    [InlineData("    cap_add: [NET_ADMIN, SYS_TIME]\n", "capabilities: [ALL]")]
    [InlineData("    security_opt: [seccomp:unconfined]\n", "unconfined: true")]
    [InlineData("    devices: [/dev/kmsg:/dev/kmsg]\n", "devices: true")]
    [InlineData("    volumes: [/var/run/docker.sock:/var/run/docker.sock:ro]\n", "dockerSocket: true")]
    [InlineData("    volumes: [/etc/ssl/certs:/certs:ro]\n", "bindMounts: [/etc/ssl]")]
    [InlineData("    sysctls: {kernel.msgmax: 65536, net.core.somaxconn: 1024}\n", "sysctls: [kernel.msgmax, net/core/somaxconn]")]
    [InlineData("    sysctls: {kernel.msgmax: 65536}\n", "sysctls: [ALL]")]
    [InlineData("    network_mode: container:traefik\n    pid: container:traefik\n", "containerNamespaces: true")]
    public void Check_ExceptionForTheStack_Allows(string settings, string grant)
    {
        var policy = Profile(PolicyProfile.Baseline, Exception("app", grant));

        Assert.Empty(Check(Web(settings), policy));
    }

    [Fact]
    public void Check_ExceptionForAnotherStack_StillRefused() =>
        Assert.Single(Check(Web("    privileged: true\n"), Profile(PolicyProfile.Baseline, new PolicyException("traefik", null) { Privileged = true })));

    [Fact]
    public void Check_DockerSocketExceptionOnARootDirectory_StillNeedsTheDirectory()
    {
        var socketOnly = Profile(PolicyProfile.Baseline, new PolicyException("app", null) { DockerSocket = true });
        var both = Profile(PolicyProfile.Baseline, new PolicyException("app", null) { DockerSocket = true, BindMounts = ValueList.Of("/") });

        Assert.Contains("'/'", Assert.Single(Check(Web("    volumes: [/:/host:ro]\n"), socketOnly)).Message, StringComparison.Ordinal);
        Assert.Empty(Check(Web("    volumes: [/:/host:ro]\n"), both));
    }

    [Fact]
    public void Check_AllowedBindRoots_AllowEveryStack()
    {
        var policy = Baseline with { AllowedBindRoots = ValueList.Of("/srv/data") };

        Assert.Empty(Check(Web("    volumes: [/srv/data/app:/data]\n"), policy));
        Assert.Single(Check(Web("    volumes: [/srv/database:/data]\n"), policy));
    }

    [Fact]
    public void Check_Privileged_AllowsEverything()
    {
        var settings = "    privileged: true\n    network_mode: host\n    pid: host\n    cap_add: [ALL]\n    security_opt: [seccomp:unconfined]\n"
            + "    devices: [/dev/kmsg:/dev/kmsg]\n    volumes: [/:/host, /var/run/docker.sock:/var/run/docker.sock]\n";

        Assert.Empty(Check(Web(settings), Profile(PolicyProfile.Privileged)));
        Assert.Empty(Check(Web(settings), HostPolicy.UpgradeDefault));
        Assert.Equal(8, Check(Web(settings), Baseline).Count);
    }

    [Theory]
    [InlineData("", "user", 2)]
    [InlineData("    user: root\n", "user", 4)]
    [InlineData("    user: '0:0'\n", "user", 4)]
    public void Check_RestrictedWithoutNonRootUser_Refused(string user, string key, int line)
    {
        var findings = Check(Web(user + "    read_only: true\n"), Profile(PolicyProfile.Restricted));

        var refusal = Assert.Single(findings);
        Assert.StartsWith($"'{key}' of service 'web'", refusal.Message, StringComparison.Ordinal);
        Assert.Contains("refused by host policy 'restricted'", refusal.Message, StringComparison.Ordinal);
        Assert.Contains("runAsRoot: true}] or policy.profile: baseline", refusal.Message, StringComparison.Ordinal);
        Assert.Equal(line, refusal.Position.Line);
    }

    [Fact]
    public void Check_RestrictedWritableRootFs_Refused()
    {
        var refusal = Assert.Single(Check(Web("    user: '1000:1000'\n"), Profile(PolicyProfile.Restricted)));

        Assert.StartsWith("'read_only' of service 'web'", refusal.Message, StringComparison.Ordinal);
        Assert.Contains("writableRootFs: true", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_RestrictedNonRootReadOnly_Allowed() =>
        Assert.Empty(Check(Web("    user: '1000:1000'\n    read_only: true\n"), Profile(PolicyProfile.Restricted)));

    [Fact]
    public void Check_RestrictedExceptions_Allow() =>
        Assert.Empty(Check(Web(""), Profile(PolicyProfile.Restricted, new PolicyException("app", null) { RunAsRoot = true, WritableRootFs = true })));

    [Fact]
    public void Check_RestrictedKeepsBaselineRules() =>
        Assert.Contains(Check(Web("    user: '1000'\n    read_only: true\n    privileged: true\n"), Profile(PolicyProfile.Restricted)),
            d => d.Message.StartsWith("'privileged'", StringComparison.Ordinal));

    private const string BackupTask = """
        targets: [prod]
        schedule: "@hourly"
        image: busybox:1
        volumes:
          - data:/data:ro
          - /var/backups:/backup
        """;

    [Fact]
    public void Check_TaskBindOutsideRoots_RefusedAtItsLine()
    {
        var refusal = Assert.Single(Check(Web(""), Baseline, ("tasks/backup.yaml", BackupTask)));

        Assert.Equal(new SourcePosition("tasks/backup.yaml", 6, 5), refusal.Position);
        Assert.StartsWith("'volumes' of task 'backup': bind-mounts the host path '/var/backups'", refusal.Message, StringComparison.Ordinal);
        Assert.Contains("policy.allow: [{task: backup, bindMounts: [/var/backups]}]", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_TaskException_AllowsOnlyThatTask()
    {
        var forTask = Profile(PolicyProfile.Baseline, new PolicyException(null, "backup") { BindMounts = ValueList.Of("/var/backups") });
        var forStackOfThatName = Profile(PolicyProfile.Baseline, new PolicyException("backup", null) { BindMounts = ValueList.Of("/var/backups") });

        Assert.Empty(Check(Web(""), forTask, ("tasks/backup.yaml", BackupTask)));
        Assert.Single(Check(Web(""), forStackOfThatName, ("tasks/backup.yaml", BackupTask)));
    }

    private static PolicyException Exception(string stack, string grant)
    {
        var exception = new PolicyException(stack, null);
        var list = grant.Contains('[', StringComparison.Ordinal)
            ? ValueList.From(grant[(grant.IndexOf('[', StringComparison.Ordinal) + 1)..^1].Split(", "))
            : ValueList<string>.Empty;
        return grant.Split(':')[0] switch
        {
            "privileged" => exception with { Privileged = true },
            "hostNetwork" => exception with { HostNetwork = true },
            "hostPid" => exception with { HostPid = true },
            "hostIpc" => exception with { HostIpc = true },
            "hostUts" => exception with { HostUts = true },
            "capabilities" => exception with { Capabilities = list },
            "unconfined" => exception with { Unconfined = true },
            "devices" => exception with { Devices = true },
            "dockerSocket" => exception with { DockerSocket = true },
            "bindMounts" => exception with { BindMounts = list },
            "sysctls" => exception with { Sysctls = list },
            "containerNamespaces" => exception with { ContainerNamespaces = true },
            _ => throw new ArgumentException(grant),
        };
    }
}
