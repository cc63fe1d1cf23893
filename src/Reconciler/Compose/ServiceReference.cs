using GitOps.Reconciler.Diagnostics;

namespace GitOps.Reconciler.Compose;

/// <summary>One service naming another (depends_on, links, network_mode: service:x), kept with its position for validation.</summary>
internal sealed record ServiceReference(string From, string Target, string Via, bool Required, SourcePosition Position);
