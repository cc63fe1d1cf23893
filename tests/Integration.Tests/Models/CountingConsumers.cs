using GitOps.Reconciler.Models;

namespace GitOps.Integration.Tests.Models;

/// <summary>Real consumers, with each restart or signal they were asked for recorded in order.</summary>
public sealed class CountingConsumers(IModelConsumers inner) : IModelConsumers
{
    public List<string> Calls { get; } = [];

    public Task<string?> RestartAsync(string stack, string service, CancellationToken cancellationToken)
    {
        lock (Calls)
        {
            Calls.Add($"restart {stack}/{service}");
        }
        return inner.RestartAsync(stack, service, cancellationToken);
    }

    public Task<string?> SignalAsync(string stack, string service, string signal, CancellationToken cancellationToken)
    {
        lock (Calls)
        {
            Calls.Add($"{signal} {stack}/{service}");
        }
        return inner.SignalAsync(stack, service, signal, cancellationToken);
    }
}
