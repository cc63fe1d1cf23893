using GitOps.Reconciler.Common;

namespace GitOps.Reconciler.Compose;

public sealed record LoggingSpec(string Driver, ValueMap<string> Options);
