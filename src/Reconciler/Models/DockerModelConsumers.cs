using Docker.DotNet;
using Docker.DotNet.Models;
using GitOps.Reconciler.Engine;

namespace GitOps.Reconciler.Models;

/// <summary>
/// Consumers as the agent's own containers (<c>com.docker.compose.project/service</c> and the owner label): a restart is
/// a stop and a start of the same container (its bind mount of the model path is resolved again at start), gated like a
/// replace: running, and healthy when it has a healthcheck, within the healthcheck's own budget.
/// </summary>
public sealed class DockerModelConsumers(IDockerContainers containers, Uri endpoint, string owner, TimeProvider time) : IModelConsumers
{
    /// <summary>How long a container without a healthcheck must keep running after its start.</summary>
    public TimeSpan Settle { get; init; } = TimeSpan.FromSeconds(2);

    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(250);

    public TimeSpan MaxGate { get; init; } = TimeSpan.FromMinutes(5);

    public async Task<string?> RestartAsync(string stack, string service, CancellationToken cancellationToken)
    {
        foreach (var container in await ListAsync(stack, service, cancellationToken))
        {
            await containers.StopAsync(container.ID, TimeSpan.FromSeconds(10), cancellationToken);
            await containers.StartAsync(container.ID, cancellationToken);
            if (await GateAsync(container.ID, cancellationToken) is { } failure)
            {
                return $"{stack}/{service} ({container.Names.FirstOrDefault()?.TrimStart('/')}): {failure}";
            }
        }
        return null;
    }

    public async Task<string?> SignalAsync(string stack, string service, string signal, CancellationToken cancellationToken)
    {
        using var client = new DockerClientBuilder().WithEndpoint(endpoint).WithApiVersion(Compose.EngineApi.Version).Build();
        foreach (var container in (await ListAsync(stack, service, cancellationToken)).Where(c => c.State == "running"))
        {
            try
            {
                await client.Containers.KillContainerAsync(container.ID, new ContainerKillParameters { Signal = signal }, cancellationToken);
            }
            catch (DockerApiException ex)
            {
                return $"{stack}/{service}: sending {signal} failed: {ex.Message}";
            }
        }
        return null;
    }

    private async Task<IReadOnlyList<ContainerListResponse>> ListAsync(string stack, string service, CancellationToken cancellationToken) =>
        [.. (await containers.ListAsync([EngineLabels.Project + "=" + stack, EngineLabels.Service + "=" + service, EngineLabels.OwnerFilter(owner)], cancellationToken))
            .OrderBy(c => c.Names.FirstOrDefault(), StringComparer.Ordinal)];

    private async Task<string?> GateAsync(string id, CancellationToken cancellationToken)
    {
        var started = time.GetUtcNow();
        var inspect = await containers.InspectAsync(id, cancellationToken);
        var check = inspect?.Config?.Healthcheck;
        var hasHealth = check?.Test is { Count: > 0 } test && test[0] != "NONE";
        var budget = hasHealth ? HealthBudget(check!) : Settle;
        while (true)
        {
            var state = (await containers.InspectAsync(id, cancellationToken))?.State;
            if (state is null)
            {
                return "container disappeared";
            }
            if (!state.Running || state.Restarting)
            {
                return $"container exited with code {state.ExitCode}";
            }
            if (hasHealth && state.Health?.Status == "healthy")
            {
                return null;
            }
            if (hasHealth && state.Health?.Status == "unhealthy")
            {
                return "unhealthy: " + (state.Health.Log?.LastOrDefault()?.Output?.Trim() ?? "no output");
            }
            if (time.GetUtcNow() - started >= budget)
            {
                return hasHealth ? $"not healthy within {budget.TotalSeconds:0}s" : null;
            }
            await Task.Delay(PollInterval, time, cancellationToken);
        }
    }

    private TimeSpan HealthBudget(HealthcheckConfig check)
    {
        // Docker's defaults: 30s interval and timeout, 3 retries, no start period.
        var budget = (check.StartPeriod ?? TimeSpan.Zero)
            + (((check.Interval ?? TimeSpan.FromSeconds(30)) + (check.Timeout ?? TimeSpan.FromSeconds(30))) * ((check.Retries ?? 3) + 1));
        return budget < MaxGate ? budget : MaxGate;
    }
}
