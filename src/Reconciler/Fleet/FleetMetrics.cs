using GitOps.Reconciler.Reporting.Metrics;
using Prometheus;

namespace GitOps.Reconciler.Fleet;

/// <summary>The fleet store's metrics, on the agent's own registry beside <see cref="AgentMetrics"/>.</summary>
public sealed class FleetMetrics
{
    private readonly Counter _writes;
    private readonly Gauge _pending;

    public FleetMetrics(AgentMetrics metrics)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        var factory = Prometheus.Metrics.WithCustomRegistry(metrics.Registry);
        _writes = factory.CreateCounter("gitops_agent_fleet_store_writes_total", "Writes of this host's report to the fleet store by outcome (ok, failed).", "outcome");
        _pending = factory.CreateGauge("gitops_agent_fleet_store_pending", "1 while a report waits to reach the fleet store (the store is down or slow), else 0.");
    }

    public void Written() => _writes.WithLabels("ok").Inc();

    public void Failed() => _writes.WithLabels("failed").Inc();

    public void Pending(bool waiting) => _pending.Set(waiting ? 1 : 0);

    public double FailedWrites => _writes.WithLabels("failed").Value;
}
