namespace GitOps.Reconciler.Policy;

/// <summary>
/// Which kernel parameters a container may set under baseline: those namespaced to the container that cannot affect
/// other containers or the host (the set Kubernetes' baseline Pod Security level allows).
/// </summary>
internal static class Sysctls
{
    private static readonly HashSet<string> Safe = new(StringComparer.Ordinal)
    {
        "kernel.shm_rmid_forced",
        "net.ipv4.ip_local_port_range",
        "net.ipv4.ip_unprivileged_port_start",
        "net.ipv4.tcp_syncookies",
        "net.ipv4.ping_group_range",
        "net.ipv4.ip_local_reserved_ports",
        "net.ipv4.tcp_keepalive_time",
        "net.ipv4.tcp_fin_timeout",
        "net.ipv4.tcp_keepalive_intvl",
        "net.ipv4.tcp_keepalive_probes",
    };

    /// <summary>The kernel's own spelling: compose accepts <c>net/ipv4/tcp_syncookies</c> as well.</summary>
    public static string Normalise(string name) => name.Trim().Replace('/', '.');

    public static bool IsSafe(string name) => Safe.Contains(Normalise(name));
}
