using GitOps.Reconciler.Actual;
using GitOps.Reconciler.Configuration;
using GitOps.Reconciler.Engine;
using GitOps.Reconciler.Fleet;
using GitOps.Reconciler.Lease;
using GitOps.Reconciler.Reconciliation;
using GitOps.Reconciler.Reconciliation.Slices;
using GitOps.Reconciler.Reporting.Drift;
using GitOps.Reconciler.Reporting.Metrics;
using GitOps.Reconciler.Reporting.Notifications;
using GitOps.Reconciler.Source;
using GitOps.Reconciler.State;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace GitOps.Daemon.Hosting;

/// <summary>
/// The reconcile pipeline as the daemon's services see it: the git source and verifier, the Docker engine, the state
/// store, the drift report store and the daemon pass over them, all resolved from the container that
/// <see cref="AgentServices.AddGitOpsAgent"/> filled. In the daemon the host's container owns the parts; a pipeline
/// from <see cref="Create"/> owns a container of its own and disposes it.
/// </summary>
public sealed class AgentPipeline(
    AgentConfig config,
    IDockerEngine engine,
    IDockerSystem events,
    ContainerTrust trust,
    CrashLoopTracker crashes,
    GitSource source,
    IRevisionVerifier verifier,
    RevisionPuller puller,
    HostReconciler reconciler,
    TasksSlice tasks,
    DriftReportStore reports,
    DriftReportPublisher publisher,
    StateStore state,
    ReconcileCycle cycle,
    OwnerLease lease,
    FleetReporter? fleet = null) : IDisposable
{
    private IDisposable? _container;
    private int _disposed;

    public AgentConfig Config => config;

    public IDockerEngine Engine => engine;

    /// <summary>The containers whose config-hash labels the pass and the drift monitor may believe (see <see cref="ContainerTrust"/>).</summary>
    public ContainerTrust Trust => trust;

    /// <summary>Restart loops seen in the engine's events (the drift monitor records, the probe reports).</summary>
    public CrashLoopTracker Crashes => crashes;

    /// <summary>The engine's pings and container events, for readiness and the drift monitor.</summary>
    public IDockerSystem Events => events;

    public GitSource Source => source;

    public IRevisionVerifier Verifier => verifier;

    /// <summary>Poll, Fetch, Verify, Materialize over <see cref="Source"/> and <see cref="Verifier"/>.</summary>
    public RevisionPuller Puller => puller;

    public HostReconciler Reconciler => reconciler;

    /// <summary>The tasks kind of the pass, which takes part once a job store is attached to it (the daemon's scheduler).</summary>
    public TasksSlice Tasks => tasks;

    public DriftReportStore Reports => reports;

    /// <summary>Where every new drift report goes out (the daemon's passes and event-driven refreshes alike).</summary>
    public DriftReportPublisher Publisher => publisher;

    public IStateStore State => state;

    public ReconcileCycle Cycle => cycle;

    /// <summary>This agent's lease on its owner, renewed by each pass and, in the daemon, by <see cref="OwnerLeaseService"/>.</summary>
    public OwnerLease Lease => lease;

    /// <summary>The fleet store's reporter, with <c>fleet:</c> in the configuration; outside the daemon nothing runs its writer.</summary>
    public FleetReporter? Fleet => fleet;

    /// <summary>A pipeline outside the daemon's host (<c>sync</c>/<c>plan</c>, tests): its own container from the composition root.</summary>
    /// <param name="engine">The Docker engine to use (a decorator, in tests, not disposed by the pipeline); null for this host's engine.</param>
    /// <param name="notifications">Where transitions of the drift report are sent; null for none.</param>
    public static AgentPipeline Create(
        AgentConfig config, ILoggerFactory loggers, TimeProvider time, AgentMetrics? metrics = null, IDockerEngine? engine = null,
        TransitionPublisher? notifications = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(loggers);
        var services = new ServiceCollection();
        services.AddSingleton(loggers);
        services.AddSingleton(typeof(ILogger<>), typeof(Logger<>));
        services.AddSingleton(time);
        if (metrics is not null)
        {
            services.AddSingleton(metrics);
        }
        if (engine is not null)
        {
            services.AddKeyedSingleton(AgentServices.HostEngine, engine);
        }
        if (notifications is not null)
        {
            services.AddSingleton(notifications);
        }
        var container = services.AddGitOpsAgent(config).BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
        var pipeline = container.GetRequiredService<AgentPipeline>();
        pipeline._container = container;
        return pipeline;
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            // The container disposes the parts it made (the engine it opened, the lease, the state store).
            _container?.Dispose();
        }
    }
}
