using GitOps.Reconciler.Compose;

namespace GitOps.Reconciler.Engine;

/// <summary>
/// Where one container of a service goes: everything besides the <see cref="Compose.ServiceSpec"/> that its
/// create parameters need.
/// </summary>
/// <param name="ContainerName">The name to create under (the real name, or a temporary one during a replace).</param>
/// <param name="ImageId">The local image id the reference resolved to, recorded in compose's image label.</param>
/// <param name="NetworkNames">Engine network names by compose key.</param>
/// <param name="VolumeNames">Engine volume names by compose key.</param>
/// <param name="GrantFiles">Host files written for environment-sourced and inline secrets/configs and decrypted file sources, by grant target.</param>
public sealed record ContainerContext(
    string Project,
    string WorkingDir,
    IReadOnlyList<string> ConfigFiles,
    int Number,
    string ContainerName,
    string ConfigHash,
    string? ImageId,
    IReadOnlyDictionary<string, string> NetworkNames,
    IReadOnlyDictionary<string, string> VolumeNames,
    IReadOnlyDictionary<string, string> GrantFiles)
{
    /// <summary>Compose's container name: <c>&lt;project&gt;-&lt;service&gt;-&lt;n&gt;</c>.</summary>
    public static string DefaultName(string project, string service, int number) => ContainerNames.Default(project, service, number);

    /// <summary>The agent that owns the container (<see cref="EngineLabels.Owner"/>).</summary>
    public string Owner { get; init; } = EngineLabels.DefaultOwner;
}

/// <summary>Name translations a read-back needs: engine names of the stack's networks and volumes to compose keys.</summary>
public sealed record ReadBackContext(
    string Project,
    IReadOnlyDictionary<string, string> NetworkKeys,
    IReadOnlyDictionary<string, string> VolumeKeys)
{
    /// <summary>Container names by id: the engine stores an ipc or pid mode of <c>container:name</c> with the id.</summary>
    public IReadOnlyDictionary<string, string> ContainerNames { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);
}
