using GitOps.Reconciler.Common;

namespace GitOps.Reconciler.Compose;

/// <summary>A service's membership of a network, with its aliases (ordered) and optional fixed addresses.</summary>
public sealed record NetworkAttachment(ValueList<string> Aliases, string? Ipv4Address = null, string? Ipv6Address = null)
{
    public static readonly NetworkAttachment Plain = new(ValueList<string>.Empty);
}
