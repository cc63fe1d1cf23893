using GitOps.Reconciler.Actual;
using GitOps.Reconciler.Apply;
using GitOps.Reconciler.Configuration;
using GitOps.Reconciler.Engine;
using GitOps.Reconciler.Lease;
using GitOps.Reconciler.Models;
using GitOps.Reconciler.Reconciliation;
using GitOps.Reconciler.Reporting.Drift;
using GitOps.Reconciler.Reporting.Notifications;
using GitOps.Reconciler.Reporting.Metrics;
using GitOps.Reconciler.Source;
using GitOps.Reconciler.State;
using Microsoft.Extensions.Logging;

namespace GitOps.Daemon.Hosting;

/// <summary>
/// The reconcile pipeline wired from the agent's configuration: the git source and verifier, the Docker engine,
/// the state store, the drift report store and the daemon pass over them. One per process; the daemon, <c>sync</c>
/// and <c>plan</c> with a configured repo and the integration tests all build it the same way.
/// </summary>
public sealed class AgentPipeline : IDisposable
{
    private readonly DockerEngine? _ownedEngine;
    private readonly DockerEngine? _ownedSystem;
    private readonly StateStore _state;
    private bool _disposed;

    private AgentPipeline(AgentConfig config, ILoggerFactory loggers, TimeProvider time, AgentMetrics? metrics, IDockerEngine? engine, TransitionPublisher? notifications)
    {
        Config = config;
        Directory.CreateDirectory(config.StateDir);
        if (engine is null)
        {
            _ownedEngine = new DockerEngine(DockerEngine.DefaultEndpoint);
            engine = _ownedEngine;
        }
        Engine = engine;
        if (engine is IDockerSystem system)
        {
            Events = system;
        }
        else
        {
            // A decorated engine (tests) without pings or events: those come from this host's engine.
            _ownedSystem = new DockerEngine(DockerEngine.DefaultEndpoint);
            Events = _ownedSystem;
        }
        _state = StateStore.Open(config.StateDir, time, loggers.CreateLogger<StateStore>());
        Source = new GitSource(config.Repo, config.StateDir, loggers.CreateLogger<GitSource>());
        Verifier = new SignatureVerifier(config.Verify, Source.RepositoryPath, loggers.CreateLogger<SignatureVerifier>());
        var executor = new ComposeExecutor(
            engine, new ComposeExecutorOptions { StateDirectory = config.StateDir, Owner = config.Host, AllowBuild = config.AllowBuild, PullProgressTimeout = config.PullProgressTimeout }, time, loggers.CreateLogger<ComposeExecutor>());
        Reconciler = new HostReconciler(
            new DockerProbe(engine, config.Host, Trust, Crashes = new CrashLoopTracker(time)), executor, new StateStoreMemory(_state, config.HistoryRetention), time, loggers.CreateLogger<HostReconciler>());
        Models = ModelServices.Create(config.StateDir, config.Models, config.Host, engine.Containers, DockerEngine.DefaultEndpoint, time, loggers);
        Reconciler.Models = Models.Kind;
        Reports = new DriftReportStore(config.StateDir);
        Lease = new OwnerLease(engine.Volumes, config.Host, config.StateDir, config.LeaseTtl, time, loggers.CreateLogger<OwnerLease>());
        Publisher = new DriftReportPublisher(Reports, metrics, notifications);
        Cycle = new ReconcileCycle(
            Source,
            Verifier,
            Reconciler,
            _state,
            new ReconcileCycleReporter(Publisher, config.Repo.Ref.ToString(), time, metrics),
            new StalledRevisionStore(config.StateDir),
            new ReconcileCycleOptions(config.Host, config.StateDir, config.Repo.Ref.ToString(), ReconcileCycleOptions.DefaultLockTimeout)
            {
                RetryBase = config.PollInterval < config.RetryMaxBackoff ? config.PollInterval : config.RetryMaxBackoff,
                RetryMax = config.RetryMaxBackoff,
            },
            time,
            loggers.CreateLogger<ReconcileCycle>())
        {
            Lease = Lease,
        };
    }

    public AgentConfig Config { get; }

    public IDockerEngine Engine { get; }

    /// <summary>The containers whose config-hash labels the pass and the drift monitor may believe (see <see cref="ContainerTrust"/>).</summary>
    public ContainerTrust Trust { get; } = new();

    /// <summary>Restart loops seen in the engine's events (the drift monitor records, the probe reports).</summary>
    public CrashLoopTracker Crashes { get; }

    /// <summary>The engine's pings and container events, for readiness and the drift monitor.</summary>
    public IDockerSystem Events { get; }

    public GitSource Source { get; }

    public IRevisionVerifier Verifier { get; }

    public HostReconciler Reconciler { get; }

    public DriftReportStore Reports { get; }

    /// <summary>The models kind: store, downloads, consumers (see <see cref="HostReconciler.Models"/>).</summary>
    public ModelServices Models { get; }

    /// <summary>Where every new drift report goes out (the daemon's passes and event-driven refreshes alike).</summary>
    public DriftReportPublisher Publisher { get; }

    public IStateStore State => _state;

    public ReconcileCycle Cycle { get; }

    /// <summary>This agent's lease on its owner, renewed by each pass and, in the daemon, by <see cref="OwnerLeaseService"/>.</summary>
    public OwnerLease Lease { get; }

    /// <param name="engine">The Docker engine to use (a decorator, in tests); null for this host's engine, owned by the pipeline.</param>
    /// <param name="notifications">Where transitions of the drift report are sent (the daemon's receivers); null for none.</param>
    public static AgentPipeline Create(
        AgentConfig config, ILoggerFactory loggers, TimeProvider time, AgentMetrics? metrics = null, IDockerEngine? engine = null,
        TransitionPublisher? notifications = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(loggers);
        return new AgentPipeline(config, loggers, time, metrics, engine, notifications);
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }
        _disposed = true;
        _ownedEngine?.Dispose();
        _ownedSystem?.Dispose();
        Lease.Dispose();
        Models.Dispose();
        _state.Dispose();
    }
}
