using System.Text.Json.Serialization;

namespace GitOps.Reconciler.Compose;

public enum MountType
{
    Bind,
    Volume,
    Tmpfs,
}

/// <summary>
/// A mount. For <see cref="MountType.Bind"/> the source is an absolute host path; for
/// <see cref="MountType.Volume"/> it is the compose volume key (empty for an anonymous volume);
/// for <see cref="MountType.Tmpfs"/> it is empty.
/// </summary>
/// <remarks>
/// The options below are left out of the spec hash while unset, so a spec that does not use them hashes as it did
/// before they existed.
/// </remarks>
public sealed record MountSpec(MountType Type, string Source, string Target, bool ReadOnly, long? TmpfsSizeBytes = null)
    : IComparable<MountSpec>
{
    /// <summary>Bind: create the source directory when nothing is there (short syntax, or <c>bind.create_host_path</c>).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool CreateHostPath { get; init; }

    /// <summary>Bind: mount propagation (<c>rprivate</c>, <c>rslave</c>, <c>shared</c>, ...), or null for the engine's default.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Propagation { get; init; }

    /// <summary>Bind: SELinux relabelling, <c>z</c> (shared) or <c>Z</c> (private), or null for none.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? SeLinux { get; init; }

    /// <summary>Volume: do not copy the image's content at the target into a new, empty volume.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool NoCopy { get; init; }

    public int CompareTo(MountSpec? other) => other is null ? 1 : string.CompareOrdinal(Target, other.Target);

    public override string ToString()
    {
        var options = new List<string>();
        if (ReadOnly)
        {
            options.Add("ro");
        }
        if (SeLinux is not null)
        {
            options.Add(SeLinux);
        }
        if (Propagation is not null)
        {
            options.Add(Propagation);
        }
        if (NoCopy)
        {
            options.Add("nocopy");
        }
        if (CreateHostPath)
        {
            options.Add("create_host_path");
        }
        return $"{Type.ToString().ToLowerInvariant()}:{Source}:{Target}{(options.Count == 0 ? "" : ":" + string.Join(',', options))}";
    }
}
