using GitOps.Reconciler.Desired;
using GitOps.Reconciler.Diagnostics;

namespace GitOps.Reconciler.Rollout;

/// <summary>A rollout is coordinated through the fleet store: a host without one cannot take part, and says so rather
/// than applying every commit at once.</summary>
public static class RolloutStoreCheck
{
    public static void Check(DesiredState desired, bool hasFleetStore, DiagnosticBag diagnostics)
    {
        ArgumentNullException.ThrowIfNull(desired);
        ArgumentNullException.ThrowIfNull(diagnostics);
        if (!hasFleetStore && desired.Policy.Rollout is { } rollout)
        {
            diagnostics.Error(rollout.At,
                $"'rollout' needs a fleet store: host '{desired.Host}' has none (set fleet.postgres.connectionStringFile in its agent.yaml); "
                + "waves are gated on the other hosts' reports in it");
        }
    }
}
