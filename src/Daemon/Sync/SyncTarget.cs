using GitOps.Reconciler.Configuration;
using GitOps.Daemon.Cli;
using GitOps.Daemon.Hosting;
using GitOps.Reconciler.Reconciliation;
using GitOps.Reconciler.Reconciliation.Slices;
using GitOps.Reconciler.Repository;
using GitOps.Reconciler.Source;
using GitOps.Reconciler.State;
using Microsoft.Extensions.Logging;

namespace GitOps.Daemon.Sync;

/// <summary>
/// What <c>plan</c> and <c>sync</c> reconcile: a local directory as given, or (without one) the configured
/// repository, pulled the way the daemon pulls it (Poll, Fetch, Verify, Materialize) under the host's lock.
/// </summary>
public sealed class SyncTarget : IDisposable
{
    private static readonly TimeSpan LockWait = TimeSpan.FromMinutes(10);

    private readonly IDisposable _agent;
    private readonly ReconcileLock? _lock;

    private SyncTarget(IDisposable agent, HostReconciler reconciler, TasksSlice tasks, RepoDirectory repo, string host, string? revision, ReconcileLock? held, string stateDirectory)
    {
        _agent = agent;
        StateDirectory = stateDirectory;
        Reconciler = reconciler;
        Tasks = tasks;
        Repo = repo;
        Host = host;
        Revision = revision;
        _lock = held;
    }

    public HostReconciler Reconciler { get; }

    /// <summary>The tasks kind: it sits the pass out unless a job store is attached (<c>plan</c> attaches the daemon's, read only).</summary>
    public TasksSlice Tasks { get; }

    /// <summary>The agent's state directory (the task job store is there).</summary>
    public string StateDirectory { get; }

    public RepoDirectory Repo { get; }

    public string Host { get; }

    /// <summary>The commit reconciled; null for a plain directory.</summary>
    public string? Revision { get; }

    /// <summary>The configured agent's pipeline and the revision it pulled; null for a plain directory.</summary>
    public (AgentPipeline Pipeline, GoodRevision Pulled)? Configured { get; private init; }

    /// <summary>Opens the target; on a configuration or source error writes it to <paramref name="error"/> and returns null.</summary>
    public static async Task<SyncTarget?> OpenAsync(
        CommandLine args, SyncTargetOptions options, ILoggerFactory loggers, bool takeLock, TextWriter error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(error);
        if (args.GetValue(options.Directory) is { } directory)
        {
            // A directory replaces the configured repository only: the host's own settings (its age key, runtime
            // secrets directory, policy) still come from its agent.yaml when there is one.
            var (ok, config) = await OptionalAgentConfig.ReadAsync(args.GetValue(options.Config), error);
            if (!ok)
            {
                return null;
            }
            var stateDirectory = args.GetValue(options.StateDirectory) ?? config?.StateDir ?? AgentDefaults.StateDirectory;
            Directory.CreateDirectory(stateDirectory);
            var held = takeLock ? await ReconcileLock.AcquireAsync(stateDirectory, LockWait, TimeProvider.System, cancellationToken) : null;
            var host = args.GetValue(options.Host) ?? config?.Host ?? Environment.MachineName;
            var local = LocalAgent.Open(stateDirectory, host, loggers, config);
            return new SyncTarget(local, local.Reconciler, local.Tasks, new RepoDirectory(directory), host, null, held, stateDirectory);
        }
        return await OpenConfiguredAsync(args, options, loggers, error, cancellationToken);
    }

    public void Dispose()
    {
        _agent.Dispose();
        _lock?.Dispose();
    }

    private static async Task<SyncTarget?> OpenConfiguredAsync(
        CommandLine args, SyncTargetOptions options, ILoggerFactory loggers, TextWriter error, CancellationToken cancellationToken)
    {
        var loaded = AgentConfigFile.Load(args.GetValue(options.Config));
        if (!loaded.IsValid)
        {
            foreach (var message in loaded.Errors)
            {
                await error.WriteLineAsync("error: " + message);
            }
            return null;
        }
        var config = loaded.Config! with { StateDir = args.GetValue(options.StateDirectory) ?? loaded.Config!.StateDir };
        Directory.CreateDirectory(config.StateDir);
        // The clone in the state dir is shared with the daemon: pull it only while holding the host's lock.
        var held = await ReconcileLock.AcquireAsync(config.StateDir, LockWait, TimeProvider.System, cancellationToken);
        var pipeline = AgentPipeline.Create(config, loggers, TimeProvider.System);
        try
        {
            var pulled = await pipeline.Puller.PullAsync(cancellationToken);
            return new SyncTarget(pipeline, pipeline.Reconciler, pipeline.Tasks, new RepoDirectory(pulled.Tree.Directory), args.GetValue(options.Host) ?? config.Host, pulled.Commit, held, config.StateDir)
            {
                Configured = (pipeline, pulled),
            };
        }
        catch (SourceException ex)
        {
            pipeline.Dispose();
            held.Dispose();
            await error.WriteLineAsync($"error: {ex.Reason}: {ex.Message}");
            return null;
        }
    }
}
