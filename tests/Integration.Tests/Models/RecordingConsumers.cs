using GitOps.Reconciler.Models;

namespace GitOps.Integration.Tests.Models;

/// <summary>Consumers that record each restart or signal with the model version the consumer would load, and can fail.</summary>
public sealed class RecordingConsumers : IModelConsumers
{
    public List<string> Calls { get; } = [];

    /// <summary>Called with (consumer, the target of the model path at the time); a non-null return fails the gate.</summary>
    public Func<string, string?>? Gate { get; set; }

    public Task<string?> RestartAsync(string stack, string service, CancellationToken cancellationToken)
    {
        Calls.Add($"restart {stack}/{service}");
        return Task.FromResult(Gate?.Invoke($"{stack}/{service}"));
    }

    public Task<string?> SignalAsync(string stack, string service, string signal, CancellationToken cancellationToken)
    {
        Calls.Add($"{signal} {stack}/{service}");
        return Task.FromResult<string?>(null);
    }
}
