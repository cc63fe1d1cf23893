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
        return ValueList.From(plan.Changes.Select(change =>
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
                    _ => (ResourceStatus.Drifted, null),
                },
            };
            var applied = status == ResourceStatus.InSync && outcome is not null;
            var differences = applied ? ValueList<string>.Empty : change.Differences;
            // A new version is git's doing; a heal (file or link changed under a version that did not change) is the host's.
            var cause = differences.Count == 0 ? null : change.Step == ModelAction.Heal || (change.Step == ModelAction.Update && change.FromDigest is null) ? "host" : "git";
            return new DriftModel(change.Spec.Name, change.Spec.Version, change.Spec.Digest, change.Spec.Path, change.Spec.Consumers, status, differences, cause, error);
        }));
    }
}
