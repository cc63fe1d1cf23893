namespace GitOps.Reconciler.Rollout;

/// <summary>Whether this host may apply a new commit now, and if not, why (for the report and the log).</summary>
/// <param name="Wave">The host's wave.</param>
/// <param name="Halted">An earlier wave failed or rolled back: the rollout stopped there, not just slow.</param>
/// <param name="Reason">Null when the host may go on; e.g. <c>waiting for wave canary: ocr-canary-1 rolledBack</c>.</param>
/// <param name="LeaseLimit">How many hosts of the wave may replace services at once, when fewer than the wave has;
/// null when no lease is needed.</param>
public sealed record RolloutDecision(string Wave, bool Halted, string? Reason, int? LeaseLimit = null)
{
    public bool Proceed => Reason is null;
}
