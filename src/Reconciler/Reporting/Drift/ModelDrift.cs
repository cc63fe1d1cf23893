using GitOps.Reconciler.Common;
using GitOps.Reconciler.Models;

namespace GitOps.Reconciler.Reporting.Drift;

/// <summary>The drift report's <c>models</c> rows from a pass's model plan and what applying it did (pure).</summary>
public static class ModelDrift
{
    public static ValueList<DriftModel>? Rows(ModelPlan? plan, IReadOnlyList<ModelOutcome>? outcomes)
    {
        if (plan is null)
        {
            return null;
        }
        // A removed model is no longer the host's: only a removal still to do (or that failed) is a row.
        var rows = plan.Changes.Where(change => change.Step != ModelAction.Remove
            || outcomes?.FirstOrDefault(o => o.Model == change.Spec.Name)?.Status != ModelStatus.Removed);
        return ValueList.From(rows.Select(change =>
        {
            var outcome = outcomes?.FirstOrDefault(o => o.Model == change.Spec.Name);
            var (status, error) = outcome?.Status switch
            {
                ModelStatus.Switched or ModelStatus.Healed or ModelStatus.InSync => (ResourceStatus.InSync, (string?)null),
                ModelStatus.Failed or ModelStatus.Refused => (ResourceStatus.Failed, outcome.Message),
                ModelStatus.RolledBack => (ResourceStatus.RolledBack, outcome.Message),
                _ => change.Step switch
                {
                    ModelAction.NoOp => (ResourceStatus.InSync, null),
                    ModelAction.Create => (ResourceStatus.Missing, null),
                    ModelAction.Held => (ResourceStatus.RolledBack, change.Why),
                    ModelAction.Refused => (ResourceStatus.Failed, change.Why),
                    ModelAction.Remove => (ResourceStatus.Extra, null),
                    _ => (ResourceStatus.Drifted, null),
                },
            };
            var applied = status == ResourceStatus.InSync && outcome is not null;
            var differences = applied ? ValueList<string>.Empty : change.Differences;
            // A new version is git's doing; a heal (file or link changed under a version that did not change) is the host's.
            var cause = differences.Count == 0 ? null : change.Step == ModelAction.Heal || (change.Step == ModelAction.Update && change.FromDigest is null) ? "host" : "git";
            var digest = change.Step == ModelAction.Remove ? change.FromDigest ?? "" : change.Spec.Digest;
            return new DriftModel(change.Spec.Name, change.Spec.Version, digest, change.Spec.Path, change.Spec.Consumers, status, differences, cause, error);
        }));
    }
}
