using GitOps.Reconciler.Common;

namespace GitOps.Reconciler.Desired;

/// <summary>A model file as validated once for the whole repo: the same spec on every host it targets.</summary>
public sealed record ModelDefinition(ModelSpec Spec, string File, ValueList<string> Targets);
