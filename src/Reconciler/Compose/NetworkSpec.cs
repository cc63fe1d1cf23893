using GitOps.Reconciler.Common;

namespace GitOps.Reconciler.Compose;

/// <summary>A compose network. <see cref="EngineName"/> is <c>&lt;project&gt;_&lt;key&gt;</c> unless <c>name:</c> or external says otherwise.</summary>
public sealed record NetworkSpec(
    string Key,
    string EngineName,
    string Driver,
    bool External,
    bool Internal,
    ValueMap<string> Labels,
    ValueMap<string> DriverOptions)
{
    /// <summary>Address pools from <c>ipam:</c>, or null when the engine picks the subnet.</summary>
    public NetworkIpam? Ipam { get; init; }

    public static NetworkSpec Default(string project) =>
        new("default", project + "_default", "bridge", false, false, ValueMap<string>.Empty, ValueMap<string>.Empty);
}
