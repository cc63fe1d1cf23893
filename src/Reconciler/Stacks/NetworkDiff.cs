using GitOps.Reconciler.Common;
using GitOps.Reconciler.Compose;
using GitOps.Reconciler.Planning;

namespace GitOps.Reconciler.Stacks;

/// <summary>
/// Differences between a desired and an existing network. Every one of them needs the network
/// recreated: the engine cannot change a network's driver, options or labels in place.
/// Compose's own labels (<c>com.docker.compose.*</c>) are bookkeeping, not settings, and are ignored.
/// </summary>
public static class NetworkDiff
{
    public static ValueList<FieldChange> Between(NetworkSpec desired, NetworkSpec actual)
    {
        ArgumentNullException.ThrowIfNull(desired);
        ArgumentNullException.ThrowIfNull(actual);
        var diff = new FieldDiff();
        diff.Value("name", desired.EngineName, actual.EngineName);
        diff.Value("driver", desired.Driver, actual.Driver);
        diff.Value("internal", FieldValue.Bool(desired.Internal), FieldValue.Bool(actual.Internal));
        diff.Map("labels", UserLabels.Of(desired.Labels), UserLabels.Of(actual.Labels), FieldValue.Text);
        diff.Map("driver_opts", desired.DriverOptions, actual.DriverOptions, FieldValue.Text);
        diff.Value("ipam", desired.Ipam?.ToString(), actual.Ipam?.ToString());
        return diff.ToList();
    }
}
