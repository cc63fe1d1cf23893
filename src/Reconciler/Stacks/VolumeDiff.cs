using GitOps.Reconciler.Common;
using GitOps.Reconciler.Compose;
using GitOps.Reconciler.Planning;

namespace GitOps.Reconciler.Stacks;

/// <summary>
/// Differences between a desired and an existing named volume. They are reported, never acted on:
/// recreating a volume would destroy its data.
/// </summary>
public static class VolumeDiff
{
    public static ValueList<FieldChange> Between(VolumeSpec desired, VolumeSpec actual)
    {
        ArgumentNullException.ThrowIfNull(desired);
        ArgumentNullException.ThrowIfNull(actual);
        var diff = new FieldDiff();
        diff.Value("name", desired.EngineName, actual.EngineName);
        diff.Value("driver", desired.Driver, actual.Driver);
        diff.Map("labels", UserLabels.Of(desired.Labels), UserLabels.Of(actual.Labels), FieldValue.Text);
        diff.Map("driver_opts", desired.DriverOptions, actual.DriverOptions, FieldValue.Text);
        return diff.ToList();
    }
}
