using GitOps.Reconciler.Common;
using GitOps.Reconciler.Diagnostics;

namespace GitOps.Reconciler.Desired;

/// <summary>A model file as validated once for the whole repo: the same spec on every host it targets.</summary>
/// <param name="ConsumersAt">Where each of <see cref="ModelSpec.Consumers"/> is written, in the same order.</param>
public sealed record ModelDefinition(ModelSpec Spec, string File, ValueList<string> Targets, ValueList<SourcePosition> ConsumersAt)
{
    /// <summary>Where <c>path:</c> is written, for conflicts between models on one host.</summary>
    public SourcePosition PathAt => Spec.PathAt;
}
