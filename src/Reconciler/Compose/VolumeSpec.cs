using GitOps.Reconciler.Common;

namespace GitOps.Reconciler.Compose;

/// <summary>A named volume. <see cref="EngineName"/> is <c>&lt;project&gt;_&lt;key&gt;</c> unless <c>name:</c> or external says otherwise.</summary>
public sealed record VolumeSpec(
    string Key,
    string EngineName,
    string Driver,
    bool External,
    ValueMap<string> Labels,
    ValueMap<string> DriverOptions);
