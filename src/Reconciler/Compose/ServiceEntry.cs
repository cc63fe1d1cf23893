using GitOps.Reconciler.Diagnostics;

namespace GitOps.Reconciler.Compose;

/// <summary>A service as read, before profile selection: its spec plus what the cross-service checks need.</summary>
internal sealed record ServiceEntry(
    ServiceSpec Spec,
    IReadOnlyList<string> Profiles,
    SourcePosition Position,
    IReadOnlyList<ServiceReference> References)
{
    /// <summary>Where <c>container_name</c> is written, when it is.</summary>
    public SourcePosition? ContainerNameAt { get; init; }

    /// <summary>Each published port with the position of the item that publishes it.</summary>
    public IReadOnlyList<(PortBinding Binding, SourcePosition Position)> PortPositions { get; init; } = [];

    /// <summary>Where the settings a host policy judges are written, by <see cref="SettingPositions"/> key.</summary>
    public IReadOnlyDictionary<string, SourcePosition> SettingPositions { get; init; } = new Dictionary<string, SourcePosition>();
}
