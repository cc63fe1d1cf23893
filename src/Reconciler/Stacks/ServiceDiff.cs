using GitOps.Reconciler.Common;
using GitOps.Reconciler.Compose;
using GitOps.Reconciler.Planning;

namespace GitOps.Reconciler.Stacks;

/// <summary>
/// Field-level differences between two normalised service specs, named as in a compose file
/// (<c>image</c>, <c>environment.FOO</c>, <c>networks.default.aliases</c>, <c>resources.memory</c>, ...).
/// <c>scale</c>/replicas, <c>depends_on</c> and <c>pull_policy</c> are not properties of a container and are
/// never reported here: the planner handles replicas itself, and <see cref="ServiceSpecHash"/> ignores them too.
/// </summary>
public static partial class ServiceDiff
{
    public static ValueList<FieldChange> Between(ServiceSpec desired, ServiceSpec actual)
    {
        ArgumentNullException.ThrowIfNull(desired);
        ArgumentNullException.ThrowIfNull(actual);
        // What one side knows to be secret (a variable from a decrypted file) is secret on the other side too.
        var diff = new FieldDiff(SecretMask.For(
            desired.SensitiveEnvironment.Concat(actual.SensitiveEnvironment), desired.Environment, actual.Environment));
        diff.Value("image", desired.Image, actual.Image);
        diff.Value("command", FieldValue.Arguments(desired.Command), FieldValue.Arguments(actual.Command));
        diff.Value("entrypoint", FieldValue.Arguments(desired.Entrypoint), FieldValue.Arguments(actual.Entrypoint));
        diff.Map("environment", desired.Environment, actual.Environment, FieldValue.Text);
        diff.Value("ports", FieldValue.List(desired.Ports), FieldValue.List(actual.Ports));
        diff.Value("expose", FieldValue.List(desired.Expose), FieldValue.List(actual.Expose));
        diff.Value("mounts", FieldValue.List(desired.Mounts, FieldValue.Mount), FieldValue.List(actual.Mounts, FieldValue.Mount));
        Networks(diff, desired, actual);
        diff.Value("network_mode", desired.NetworkMode, actual.NetworkMode);
        Healthcheck(diff, desired.Healthcheck, actual.Healthcheck);
        diff.Value("restart", desired.Restart, actual.Restart);
        diff.Value("container_name", desired.ContainerName, actual.ContainerName);
        diff.Value("hostname", desired.Hostname, actual.Hostname);
        diff.Value("user", desired.User, actual.User);
        diff.Value("working_dir", desired.WorkingDir, actual.WorkingDir);
        diff.Map("labels", desired.Labels, actual.Labels, FieldValue.Text);
        diff.Value("stop_signal", desired.StopSignal, actual.StopSignal);
        diff.Value("stop_grace_period", FieldValue.Duration(desired.StopGracePeriod), FieldValue.Duration(actual.StopGracePeriod));
        Security(diff, desired, actual);
        diff.Map("tmpfs", desired.Tmpfs, actual.Tmpfs, FieldValue.Text);
        diff.Map("sysctls", desired.Sysctls, actual.Sysctls, FieldValue.Text);
        diff.Value("ulimits", FieldValue.List(desired.Ulimits), FieldValue.List(actual.Ulimits));
        diff.Value("extra_hosts", FieldValue.List(desired.ExtraHosts), FieldValue.List(actual.ExtraHosts));
        diff.Value("dns", FieldValue.List(desired.Dns), FieldValue.List(actual.Dns));
        diff.Value("init", FieldValue.Bool(desired.Init), FieldValue.Bool(actual.Init));
        diff.Value("stdin_open", FieldValue.Bool(desired.StdinOpen), FieldValue.Bool(actual.StdinOpen));
        diff.Value("tty", FieldValue.Bool(desired.Tty), FieldValue.Bool(actual.Tty));
        Logging(diff, desired.Logging, actual.Logging);
        diff.Value("pids_limit", FieldValue.Number(desired.PidsLimit), FieldValue.Number(actual.PidsLimit));
        diff.Value("platform", desired.Platform, actual.Platform);
        Resources(diff, desired.Resources, actual.Resources);
        diff.Value("memswap_limit", desired.MemswapLimit == -1 ? "-1" : FieldValue.Bytes(desired.MemswapLimit), actual.MemswapLimit == -1 ? "-1" : FieldValue.Bytes(actual.MemswapLimit));
        diff.Value("mem_swappiness", FieldValue.Number(desired.MemSwappiness), FieldValue.Number(actual.MemSwappiness));
        diff.Value("oom_score_adj", FieldValue.Number(desired.OomScoreAdj), FieldValue.Number(actual.OomScoreAdj));
        diff.Value("pid", desired.Pid, actual.Pid);
        diff.Value("ipc", desired.Ipc, actual.Ipc);
        diff.Value("uts", desired.Uts, actual.Uts);
        diff.Value("devices", FieldValue.List(desired.Devices), FieldValue.List(actual.Devices));
        diff.Value("device_requests", FieldValue.List(desired.DeviceRequests), FieldValue.List(actual.DeviceRequests));
        diff.Value("runtime", desired.Runtime, actual.Runtime);
        Grants(diff, "secrets", desired.Secrets, actual.Secrets);
        Grants(diff, "configs", desired.Configs, actual.Configs);
        diff.Value("links", FieldValue.List(desired.Links), FieldValue.List(actual.Links));
        return diff.ToList();
    }
}
