namespace GitOps.Reconciler.Compose;

/// <summary>A published port. <see cref="HostPort"/> null means an ephemeral port chosen by the engine.</summary>
public sealed record PortBinding(string HostIp, int? HostPort, int ContainerPort, string Protocol)
    : IComparable<PortBinding>
{
    public int CompareTo(PortBinding? other)
    {
        if (other is null)
        {
            return 1;
        }
        var byPort = ContainerPort.CompareTo(other.ContainerPort);
        if (byPort != 0)
        {
            return byPort;
        }
        var byProtocol = string.CompareOrdinal(Protocol, other.Protocol);
        if (byProtocol != 0)
        {
            return byProtocol;
        }
        var byIp = string.CompareOrdinal(HostIp, other.HostIp);
        return byIp != 0 ? byIp : Nullable.Compare(HostPort, other.HostPort);
    }

    public override string ToString() =>
        (HostIp.Length > 0 ? HostIp + ":" : "") + (HostPort?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "") + ":" + ContainerPort + "/" + Protocol;
}
