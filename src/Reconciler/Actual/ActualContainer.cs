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
    Compose.ServiceSpec? Spec);
