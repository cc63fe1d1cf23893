using GitOps.Reconciler.Common;

namespace GitOps.Reconciler.Models;

/// <summary>
/// What one consumer service is told once in a pass after models it reads change: restarted (when any of them says
/// <c>restart</c>), or else sent each signal they name. Decided with the plan; executed only for the
/// <see cref="Models"/> that were actually switched or healed.
/// </summary>
/// <param name="Project">The compose project of the consumer's stack (what its containers are labelled with).</param>
/// <param name="Models">The changing models this consumer reads, in plan order.</param>
public sealed record ModelConsumerAction(string Project, string Service, bool Restart, ValueList<string> Signals, ValueList<string> Models)
{
    public string Consumer => Project + "/" + Service;

    public override string ToString() => (Restart ? "restart " : string.Join(", ", Signals) + " ") + Consumer;
}
