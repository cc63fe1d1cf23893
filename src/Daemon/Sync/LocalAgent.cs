using GitOps.Reconciler.Actual;
using GitOps.Reconciler.Apply;
using GitOps.Reconciler.Engine;
using GitOps.Reconciler.Models;
using GitOps.Reconciler.Reconciliation;
using GitOps.Reconciler.State;
using Microsoft.Extensions.Logging;

namespace GitOps.Daemon.Sync;

/// <summary>The reconcile pipeline wired to this host's Docker engine and state directory, for one-shot verbs.</summary>
public sealed class LocalAgent : IDisposable
{
    private readonly DockerEngine _engine;
    private readonly StateStore _state;
    private readonly ModelServices _models;

    private LocalAgent(DockerEngine engine, StateStore state, HostReconciler reconciler, ModelServices models)
    {
        _engine = engine;
        _state = state;
        _models = models;
        Reconciler = reconciler;
    }

    public HostReconciler Reconciler { get; }

    /// <param name="host">The host converged as; it owns what the agent creates (see EngineLabels.Owner).</param>
    public static LocalAgent Open(string stateDirectory, string host, ILoggerFactory loggers)
    {
        ArgumentNullException.ThrowIfNull(loggers);
        Directory.CreateDirectory(stateDirectory);
        var time = TimeProvider.System;
        var engine = new DockerEngine(DockerEngine.DefaultEndpoint);
        var state = StateStore.Open(stateDirectory, time, loggers.CreateLogger<StateStore>());
        var executor = new ComposeExecutor(
            engine,
            new ComposeExecutorOptions { StateDirectory = stateDirectory, Owner = host },
            time,
            loggers.CreateLogger<ComposeExecutor>());
        var reconciler = new HostReconciler(
            new DockerProbe(engine, host), executor, new StateStoreMemory(state), time, loggers.CreateLogger<HostReconciler>());
        // Models with the default settings (allowed roots /srv/models, /var/lib/models): no agent.yaml here.
        var models = ModelServices.Create(stateDirectory, ModelsConfig.Default, host, engine.Containers, DockerEngine.DefaultEndpoint, time, loggers);
        reconciler.Models = models.Kind;
        return new LocalAgent(engine, state, reconciler, models);
    }

    public void Dispose()
    {
        _models.Dispose();
        _engine.Dispose();
        _state.Dispose();
    }
}
