namespace GitOps.Reconciler.Policy;

/// <summary>What a commit may ask of this host, after Kubernetes' Pod Security levels.</summary>
public enum PolicyProfile
{
    /// <summary>Refuses what escapes the container: privileged, host namespaces, added capabilities, unconfined profiles, devices, bind mounts outside the allowed roots.</summary>
    Baseline,

    /// <summary>Baseline, and every service declares a non-root user and a read-only root filesystem.</summary>
    Restricted,

    /// <summary>Everything is allowed.</summary>
    Privileged,
}
