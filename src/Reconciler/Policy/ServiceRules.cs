using GitOps.Reconciler.Compose;

namespace GitOps.Reconciler.Policy;

/// <summary>The rules for one compose service: baseline's, then restricted's.</summary>
internal static class ServiceRules
{
    public static void Check(ServiceSpec service, StackSpec stack, PolicyJudge judge)
    {
        if (service.Privileged && !judge.Allowed(e => e.Privileged))
        {
            judge.Refuse("privileged", "a privileged container has every capability and every host device", "privileged: true");
        }
        HostNamespace(judge, "network_mode", service.NetworkMode, "network", e => e.HostNetwork, "hostNetwork: true");
        HostNamespace(judge, "pid", service.Pid, "process", e => e.HostPid, "hostPid: true");
        HostNamespace(judge, "ipc", service.Ipc, "IPC", e => e.HostIpc, "hostIpc: true");
        HostNamespace(judge, "uts", service.Uts, "host name (UTS)", e => e.HostUts, "hostUts: true");
        JoinedContainer(judge, "network_mode", service.NetworkMode, "network");
        JoinedContainer(judge, "pid", service.Pid, "process");
        JoinedContainer(judge, "ipc", service.Ipc, "IPC");
        var sysctls = service.Sysctls.Keys.Select(Sysctls.Normalise)
            .Where(k => !Sysctls.IsSafe(k) && !judge.Allowed(e => e.Sysctls.Any(g => g == "ALL" || Sysctls.Normalise(g) == k)))
            .ToList();
        if (sysctls.Count > 0)
        {
            judge.Refuse("sysctls", $"sets {string.Join(", ", sysctls)}, beyond the kernel parameters namespaced to the container", $"sysctls: [{string.Join(", ", sysctls)}]");
        }
        var added = service.CapAdd.Select(Capabilities.Normalise)
            .Where(c => !Capabilities.IsDefault(c) && !judge.Allowed(e => e.Capabilities.Any(g => Capabilities.Normalise(g) is "ALL" || Capabilities.Normalise(g) == c)))
            .ToList();
        if (added.Count > 0)
        {
            judge.Refuse("cap_add", $"adds {string.Join(", ", added)} beyond the engine's default capabilities", $"capabilities: [{string.Join(", ", added)}]");
        }
        var unconfined = service.SecurityOpt.Where(SecurityOptions.Unconfines).ToList();
        if (unconfined.Count > 0 && !judge.Allowed(e => e.Unconfined))
        {
            judge.Refuse("security_opt", $"'{string.Join("', '", unconfined)}' lifts the confinement every container has", "unconfined: true");
        }
        if (service.Devices is { Count: > 0 } devices && !judge.Allowed(e => e.Devices))
        {
            judge.Refuse("devices", $"maps host devices ({string.Join(", ", devices.Select(d => d.HostPath))}); GPUs through gpus: or deploy.resources.reservations.devices need no exception", "devices: true");
        }
        foreach (var mount in service.Mounts)
        {
            if (mount.Type == MountType.Bind)
            {
                BindRules.Check(mount.Source, mount.Target, stack.WorkingDir, judge);
            }
            else if (mount.Type == MountType.Volume && stack.Volumes.TryGetValue(mount.Source, out var volume) && BindRules.DeviceOf(volume) is { } device)
            {
                // A local volume with o=bind is a bind mount of its device under another name.
                BindRules.Check(device, mount.Target, stack.WorkingDir, judge);
            }
        }
        if (judge.Policy.Profile == PolicyProfile.Restricted)
        {
            Restricted(service, judge);
        }
    }

    private static void Restricted(ServiceSpec service, PolicyJudge judge)
    {
        if (UserRule.IsRoot(service.User) && !judge.Allowed(e => e.RunAsRoot))
        {
            judge.Refuse("user", UserRule.Describe(service.User), "runAsRoot: true", "policy.profile: baseline");
        }
        if (!service.ReadOnly && !judge.Allowed(e => e.WritableRootFs))
        {
            judge.Refuse("read_only", "the root filesystem is writable; declare read_only: true (with tmpfs: or volumes for what it writes)", "writableRootFs: true", "policy.profile: baseline");
        }
    }

    // service:NAME shares with a service of the same stack (as a Kubernetes pod shares); container:NAME reaches any
    // container on the host, another stack's or one the agent does not manage.
    private static void JoinedContainer(PolicyJudge judge, string key, string? mode, string what)
    {
        if (mode is not null && mode.StartsWith("container:", StringComparison.Ordinal) && !judge.Allowed(e => e.ContainerNamespaces))
        {
            judge.Refuse(key, $"'{key}: {mode}' joins the {what} namespace of a container outside this stack", "containerNamespaces: true");
        }
    }

    private static void HostNamespace(PolicyJudge judge, string key, string? mode, string what, Func<PolicyException, bool> grants, string grant)
    {
        if (mode == "host" && !judge.Allowed(grants))
        {
            judge.Refuse(key, $"'{key}: host' shares the host's {what} namespace", grant);
        }
    }
}
