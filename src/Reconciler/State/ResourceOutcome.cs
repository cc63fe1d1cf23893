namespace GitOps.Reconciler.State;

/// <summary>What a reconcile did to one resource and how it ended (kept as JSON in the history).</summary>
public sealed record ResourceOutcome(string Kind, string Stack, string Name, string Action, string Outcome, string? Message = null);
