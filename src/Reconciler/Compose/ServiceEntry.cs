using GitOps.Reconciler.Diagnostics;

namespace GitOps.Reconciler.Compose;

/// <summary>A service as read, before profile selection: its spec plus what the cross-service checks need.</summary>
internal sealed record ServiceEntry(
    ServiceSpec Spec,
    IReadOnlyList<string> Profiles,
    SourcePosition Position,
    IReadOnlyList<ServiceReference> References);
