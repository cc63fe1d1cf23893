using System.Globalization;

namespace GitOps.Reconciler.Lease;

/// <summary>
/// One heartbeat of one agent, as a labelled volume on the engine. <see cref="Holder"/> names the agent (its
/// machine and state directory), so the daemon and a <c>sync</c> in the same state directory are one holder.
/// </summary>
public sealed record LeaseRecord(string Volume, string Owner, string Holder, DateTimeOffset Acquired, DateTimeOffset Heartbeat, string? Machine, string? StateDir, int? Pid)
{
    public const string OwnerLabel = "io.gitops-agent.lease";
    public const string HolderLabel = "io.gitops-agent.lease.holder";
    public const string AcquiredLabel = "io.gitops-agent.lease.acquired";
    public const string HeartbeatLabel = "io.gitops-agent.lease.heartbeat";
    public const string MachineLabel = "io.gitops-agent.lease.machine";
    public const string StateDirLabel = "io.gitops-agent.lease.state-dir";
    public const string PidLabel = "io.gitops-agent.lease.pid";

    public IDictionary<string, string> Labels() => new Dictionary<string, string>
    {
        [OwnerLabel] = Owner,
        [HolderLabel] = Holder,
        [AcquiredLabel] = Acquired.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture),
        [HeartbeatLabel] = Heartbeat.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture),
        [MachineLabel] = Machine ?? "",
        [StateDirLabel] = StateDir ?? "",
        [PidLabel] = Pid?.ToString(CultureInfo.InvariantCulture) ?? "",
    };

    /// <summary>Null for a volume whose labels are not a lease (hand-made or from another version).</summary>
    public static LeaseRecord? Parse(string volume, IDictionary<string, string>? labels)
    {
        if (labels is null
            || !labels.TryGetValue(OwnerLabel, out var owner)
            || !labels.TryGetValue(HolderLabel, out var holder)
            || Time(labels, AcquiredLabel) is not { } acquired
            || Time(labels, HeartbeatLabel) is not { } heartbeat)
        {
            return null;
        }
        var pid = labels.TryGetValue(PidLabel, out var text) && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : (int?)null;
        return new LeaseRecord(volume, owner, holder, acquired, heartbeat, Blank(labels, MachineLabel), Blank(labels, StateDirLabel), pid);
    }

    /// <summary>For people: which agent this is.</summary>
    public string Describe() =>
        $"{(Machine is null ? "" : $"machine {Machine}, ")}state dir {StateDir ?? "?"}{(Pid is null ? "" : $", pid {Pid}")}";

    private static DateTimeOffset? Time(IDictionary<string, string> labels, string key) =>
        labels.TryGetValue(key, out var text) && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var ms)
            ? DateTimeOffset.FromUnixTimeMilliseconds(ms)
            : null;

    private static string? Blank(IDictionary<string, string> labels, string key) =>
        labels.TryGetValue(key, out var value) && value.Length > 0 ? value : null;
}
