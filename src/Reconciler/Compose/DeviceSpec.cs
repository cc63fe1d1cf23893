namespace GitOps.Reconciler.Compose;

/// <summary>A host device made available in the container (<c>devices:</c>), with its cgroup permissions (default <c>rwm</c>).</summary>
public sealed record DeviceSpec(string HostPath, string ContainerPath, string Permissions = DeviceSpec.AllPermissions) : IComparable<DeviceSpec>
{
    public const string AllPermissions = "rwm";

    public int CompareTo(DeviceSpec? other) => other is null ? 1 : string.CompareOrdinal(ContainerPath, other.ContainerPath);

    public override string ToString() => $"{HostPath}:{ContainerPath}:{Permissions}";
}
