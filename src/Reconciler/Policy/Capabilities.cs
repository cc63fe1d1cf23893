namespace GitOps.Reconciler.Policy;

/// <summary>The capabilities the Docker engine gives every container: adding one of these is no escalation.</summary>
internal static class Capabilities
{
    private static readonly HashSet<string> EngineDefault = new(StringComparer.Ordinal)
    {
        "AUDIT_WRITE", "CHOWN", "DAC_OVERRIDE", "FOWNER", "FSETID", "KILL", "MKNOD", "NET_BIND_SERVICE", "NET_RAW",
        "SETFCAP", "SETGID", "SETPCAP", "SETUID", "SYS_CHROOT",
    };

    /// <summary><c>cap_net_admin</c> and <c>CAP_NET_ADMIN</c> are <c>NET_ADMIN</c>, as the engine reads them.</summary>
    public static string Normalise(string capability)
    {
        var upper = capability.Trim().ToUpperInvariant();
        return upper.StartsWith("CAP_", StringComparison.Ordinal) ? upper[4..] : upper;
    }

    public static bool IsDefault(string normalised) => EngineDefault.Contains(normalised);
}
