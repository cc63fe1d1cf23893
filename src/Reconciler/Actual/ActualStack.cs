using GitOps.Reconciler.Common;

namespace GitOps.Reconciler.Actual;

/// <summary>One managed compose project on the engine.</summary>
public sealed record ActualStack(
    string Name,
    ValueList<ActualContainer> Containers,
    ValueMap<ActualNetwork> Networks,
    ValueMap<ActualVolume> Volumes);

/// <param name="Key">The compose network key (from the compose label), e.g. <c>default</c>.</param>
public sealed record ActualNetwork(string Key, string Id, string EngineName, Compose.NetworkSpec Spec);

public sealed record ActualVolume(string Key, string EngineName, Compose.VolumeSpec Spec);
