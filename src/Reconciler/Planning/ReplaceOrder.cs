using GitOps.Reconciler.Compose;

namespace GitOps.Reconciler.Planning;

/// <summary>
/// How a replace runs (see <see cref="ServiceSteps.OrderOf"/>): <see cref="UpdateOrder.StopFirst"/> stops each old
/// container before its replacement starts; <see cref="UpdateOrder.StartFirst"/> starts and gates the replacement
/// beside it and stops the old one only after.
/// </summary>
/// <param name="Reason">Why a service that asks for start-first is replaced stop-first; null when it gets what it asks.</param>
public sealed record ReplaceOrder(UpdateOrder Order, string? Reason = null)
{
    public static readonly ReplaceOrder StopFirst = new(UpdateOrder.StopFirst);

    public static readonly ReplaceOrder StartFirst = new(UpdateOrder.StartFirst);

    /// <summary>As plans and docs write it: <c>start-first</c> or <c>stop-first</c>.</summary>
    public string Name => Order == UpdateOrder.StartFirst ? "start-first" : "stop-first";
}
