namespace GitOps.Daemon.Install;

/// <summary>One thing <c>install</c> does to the host; <see cref="Describe"/> is what it prints.</summary>
public abstract record InstallStep
{
    public abstract string Describe();
}

/// <summary>The system account the daemon runs as, in the docker group so it can reach the engine's socket.</summary>
public sealed record CreateUser(string Name, string Home, IReadOnlyList<string> Groups) : InstallStep
{
    public override string Describe() =>
        $"create system user {Name} (home {Home}{(Groups.Count > 0 ? ", groups " + string.Join(",", Groups) : "")})";
}

/// <summary>A directory with its mode, owned by <see cref="Owner"/> and <see cref="Group"/> (null: root's).</summary>
public sealed record CreateDirectory(string Path, UnixFileMode Mode, string? Owner, string? Group) : InstallStep
{
    public override string Describe() => $"create directory {Path} ({Modes.Octal(Mode)}{Ownership.Of(Owner, Group)})";
}

/// <summary>A file written whole (to a temporary name, then renamed), readable by <see cref="Group"/> when set.</summary>
public sealed record WriteFile(string Path, string Content, UnixFileMode Mode, string? Group, string Why) : InstallStep
{
    public override string Describe() => $"write {Path} ({Modes.Octal(Mode)}{Ownership.Of(null, Group)}): {Why}";
}

/// <summary>An existing account added to a group it must be in (the docker group, created after the account).</summary>
public sealed record AddToGroup(string User, string Group) : InstallStep
{
    public override string Describe() => $"add user {User} to group {Group}";
}

/// <summary>An existing path whose mode or owner is not what install sets: set both (<see cref="Owner"/> null: root's).</summary>
public sealed record SetPathMode(string Path, UnixFileMode Mode, string? Owner, string? Group, string Was) : InstallStep
{
    public override string Describe() => $"set {Path} to {Modes.Octal(Mode)}{Ownership.Of(Owner, Group)} (was {Was})";
}

/// <summary>
/// A new age key pair for decrypting the repo's secrets, mode 0400 and owned by <see cref="Owner"/> (null: root's);
/// install prints its public recipient, which the repo's .sops.yaml lists.
/// </summary>
public sealed record CreateAgeKey(string Path, string? Owner) : InstallStep
{
    public override string Describe() => $"create age key {Path} (0400{Ownership.Of(Owner, Owner)}) for decrypting the repo's secrets";
}

/// <summary>A systemctl call, on a host where systemd runs.</summary>
public sealed record Systemctl(IReadOnlyList<string> Arguments) : InstallStep
{
    public override string Describe() => "systemctl " + string.Join(" ", Arguments);
}

internal static class Modes
{
    public static string Octal(UnixFileMode mode) => "0" + Convert.ToString((int)mode, 8);
}

internal static class Ownership
{
    public static string Of(string? owner, string? group) => (owner, group) switch
    {
        (null, null) => "",
        (null, _) => ", group " + group,
        _ => $", {owner}:{group ?? owner}",
    };
}
