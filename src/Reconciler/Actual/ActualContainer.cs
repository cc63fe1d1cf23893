namespace GitOps.Reconciler.Actual;

public enum ContainerHealth
{
    None,
    Starting,
    Healthy,
    Unhealthy,
}

/// <summary>
/// A managed container as the engine reports it. <see cref="Spec"/> is the normalised spec read back
/// from an inspect; it is null when the cheap list already proved the container matches
/// (config hash label equal to the desired spec's hash) and no inspect was needed.
/// <see cref="ExitCode"/> is the exit code of a container that is not running (null while running or unknown):
/// a one-shot service that exited 0 has done its job.
/// </summary>
public sealed record ActualContainer(
    string Id,
    string Name,
    string Service,
    int Number,
    string ImageReference,
    string ImageId,
    string ConfigHash,
    bool Running,
    ContainerHealth Health,
    Compose.ServiceSpec? Spec,
    int? ExitCode = null)
{
    /// <summary>Set when the container keeps dying on its own (see <see cref="CrashLoopTracker"/>).</summary>
    public CrashLoop? CrashLoop { get; init; }
}
