using GitOps.Reconciler.Common;

namespace GitOps.Reconciler.Policy;

/// <summary>
/// One entry of <c>policy.allow</c>: what one stack (or one task) may do beyond the host's profile. Only the host's
/// agent.yaml grants it; nothing in the config repository can.
/// </summary>
/// <param name="Stack">The stack it applies to, or null when it names a task.</param>
/// <param name="Task">The task it applies to, or null when it names a stack.</param>
public sealed record PolicyException(string? Stack, string? Task)
{
    public bool Privileged { get; init; }
    public bool HostNetwork { get; init; }
    public bool HostPid { get; init; }
    public bool HostIpc { get; init; }
    public bool HostUts { get; init; }

    /// <summary>Capabilities that may be added beyond the engine's default set (<c>ALL</c> for any).</summary>
    public ValueList<string> Capabilities { get; init; } = ValueList<string>.Empty;

    /// <summary>seccomp, AppArmor or the system paths unconfined, SELinux labelling disabled.</summary>
    public bool Unconfined { get; init; }

    /// <summary>Raw host devices (<c>devices:</c>).</summary>
    public bool Devices { get; init; }

    /// <summary>The Docker engine's socket (or a directory holding it) bind-mounted: control of the whole engine.</summary>
    public bool DockerSocket { get; init; }

    /// <summary>Host directories (and what is below them) that may be bind-mounted.</summary>
    public ValueList<string> BindMounts { get; init; } = ValueList<string>.Empty;

    /// <summary>Kernel parameters beyond baseline's namespaced safe set (<c>ALL</c> for any).</summary>
    public ValueList<string> Sysctls { get; init; } = ValueList<string>.Empty;

    /// <summary>Joining the network, process or IPC namespace of a container outside the stack (<c>container:NAME</c>).</summary>
    public bool ContainerNamespaces { get; init; }

    /// <summary>Under restricted: services may run as root.</summary>
    public bool RunAsRoot { get; init; }

    /// <summary>Under restricted: services may have a writable root filesystem.</summary>
    public bool WritableRootFs { get; init; }

    public bool AppliesTo(string? stack, string? task) =>
        (stack is not null && Stack == stack) || (task is not null && Task == task);
}
