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
public sealed record MountSpec(MountType Type, string Source, string Target, bool ReadOnly, long? TmpfsSizeBytes = null)
    : IComparable<MountSpec>
{
    public int CompareTo(MountSpec? other) => other is null ? 1 : string.CompareOrdinal(Target, other.Target);

    public override string ToString() =>
        $"{Type.ToString().ToLowerInvariant()}:{Source}:{Target}{(ReadOnly ? ":ro" : "")}";
}
