namespace GitOps.Reconciler.Compose;

/// <summary>
/// <c>deploy.update_config.order</c>: how a changed service's containers are replaced. Stop-first (compose's default)
/// stops the old container before the new one starts; start-first starts and gates the new one beside the old, which
/// is stopped only once the new one passed, so the old one's stop grace is not spent while nothing serves.
/// </summary>
public enum UpdateOrder
{
    StopFirst,
    StartFirst,
}
