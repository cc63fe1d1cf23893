using GitOps.Reconciler.Common;
using GitOps.Reconciler.Diagnostics;

namespace GitOps.Reconciler.Desired;

/// <summary>A model file as validated once for the whole repo: the same spec on every host it targets.</summary>
/// <param name="PathAt">Where <c>path:</c> is written, for conflicts between models on one host.</param>
public sealed record ModelDefinition(ModelSpec Spec, string File, SourcePosition PathAt, ValueList<string> Targets);
