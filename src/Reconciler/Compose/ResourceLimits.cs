namespace GitOps.Reconciler.Compose;

/// <summary>deploy.resources.limits (and the legacy cpus / mem_limit): CPUs in nano-CPUs, memory in bytes.</summary>
public sealed record ResourceLimits(long? NanoCpus = null, long? MemoryBytes = null, long? Pids = null)
{
    public static readonly ResourceLimits None = new();
}
