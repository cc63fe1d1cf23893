using GitOps.Reconciler.Planning;
using GitOps.Reconciler.Reporting.Drift;

namespace GitOps.Reconciler.SelfHeal;

/// <summary>The host's revision planned against a fresh probe, with nothing applied: what a drift refresh reports.</summary>
public sealed record CurrentPlan(Plan Plan, DriftRevision? Revision);
