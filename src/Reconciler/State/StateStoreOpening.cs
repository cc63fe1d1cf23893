namespace GitOps.Reconciler.State;

/// <summary>How the store came up, so the caller can report a rebuilt state (the next reconcile re-derives it from the host).</summary>
/// <param name="MovedAside">Where the damaged file went, for <see cref="StateStoreOpenKind.Rebuilt"/>.</param>
public sealed record StateStoreOpening(StateStoreOpenKind Kind, string? MovedAside = null, string? Reason = null);
