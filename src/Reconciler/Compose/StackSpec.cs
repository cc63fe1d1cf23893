using GitOps.Reconciler.Common;

namespace GitOps.Reconciler.Compose;

/// <summary>
/// A fully interpolated, normalised compose project: what one stack should run on a host,
/// or (built by the probe) what it does run. Equal specs mean nothing to do.
/// </summary>
/// <param name="Name">The compose project name (the stack's directory name unless <c>name:</c> says otherwise).</param>
/// <param name="WorkingDir">Absolute directory that relative bind mounts were resolved against.</param>
/// <param name="Services">Services by name, only those whose profiles are active.</param>
/// <param name="Networks">Networks by compose key; <c>default</c> is present whenever a service uses it.</param>
/// <param name="Volumes">Named volumes by compose key.</param>
public sealed record StackSpec(
    string Name,
    string WorkingDir,
    ValueMap<ServiceSpec> Services,
    ValueMap<NetworkSpec> Networks,
    ValueMap<VolumeSpec> Volumes)
{
    /// <summary>Absolute paths of the compose files the project was loaded from (compose's config_files label).</summary>
    public ValueList<string> ConfigFiles { get; init; } = ValueList<string>.Empty;

    /// <summary>Names and ports the stack takes on the host, with positions, for validation across stacks; null when not loaded from a file.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public StackClaims? Claims { get; init; }

    /// <summary>Where each setting a host policy judges was written; null when not loaded from a file.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public SettingPositions? Positions { get; init; }

    /// <summary>
    /// Inline config contents (<c>configs.&lt;name&gt;.content</c>) by their grant reference, for the executor to write;
    /// the services hold only their hashes, so contents stay out of labels, plans and reports.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public ValueMap<string> GrantContents { get; init; } = ValueMap<string>.Empty;

    /// <summary>
    /// Decrypted secret and config file sources by their repo path (<see cref="FileGrant.SourceRef"/>): the executor
    /// writes them to the runtime secrets directory and mounts them from there instead of the ciphertext.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public ValueMap<Secrets.SecretContent> DecryptedFiles { get; init; } = ValueMap<Secrets.SecretContent>.Empty;
}
