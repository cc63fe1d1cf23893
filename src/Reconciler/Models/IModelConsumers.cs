namespace GitOps.Reconciler.Models;

/// <summary>The services that read a model, told about a switch: restarted one container at a time behind a health gate, or signalled.</summary>
public interface IModelConsumers
{
    /// <summary>Restarts the service's containers one at a time, each gated on its health; null when all pass, otherwise why not.</summary>
    Task<string?> RestartAsync(string stack, string service, CancellationToken cancellationToken);

    /// <summary>Sends <paramref name="signal"/> to the service's running containers; null when sent, otherwise why not.</summary>
    Task<string?> SignalAsync(string stack, string service, string signal, CancellationToken cancellationToken);
}
