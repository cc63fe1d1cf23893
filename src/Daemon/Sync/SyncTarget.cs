using GitOps.Reconciler.Configuration;
using GitOps.Daemon.Cli;
using GitOps.Daemon.Hosting;
using GitOps.Reconciler.Reconciliation;
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

    private SyncTarget(IDisposable agent, HostReconciler reconciler, RepoDirectory repo, string host, string? revision, ReconcileLock? held)
    {
        _agent = agent;
        Reconciler = reconciler;
        Repo = repo;
        Host = host;
        Revision = revision;
        _lock = held;
    }

    public HostReconciler Reconciler { get; }

    public RepoDirectory Repo { get; }

    public string Host { get; }

    /// <summary>The commit reconciled; null for a plain directory.</summary>
    public string? Revision { get; }

    /// <summary>The repository argument every verb built on a sync target takes.</summary>
    public static readonly PositionalSpec RepositoryArgument =
        new("dir", "The config repository's directory (default: the repository in the agent configuration).", Required: false);

    /// <summary>The options <see cref="OpenAsync"/> reads, declared once for every verb that uses it.</summary>
    public static readonly IReadOnlyList<OptionSpec> Options =
    [
        new("state-dir", $"The agent's state directory (default {AgentDefaults.StateDirectory}).", TakesValue: true, ValueName: "DIR"),
        new("config", $"The agent configuration, used without <dir> (default {AgentConfig.DefaultPath}).", TakesValue: true, ValueName: "FILE"),
        new("verbose", "Log what the agent does to stderr."),
    ];

    /// <summary>Opens the target; on a configuration or source error writes it to <paramref name="error"/> and returns null.</summary>
    public static async Task<SyncTarget?> OpenAsync(CommandLine args, ILoggerFactory loggers, bool takeLock, TextWriter error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(error);
        if (args.Positionals.Count > 0)
        {
            var stateDirectory = args.Value("state-dir") ?? AgentDefaults.StateDirectory;
            Directory.CreateDirectory(stateDirectory);
            var held = takeLock ? await ReconcileLock.AcquireAsync(stateDirectory, LockWait, TimeProvider.System, cancellationToken) : null;
            var host = args.Value("host") ?? Environment.MachineName;
            var local = LocalAgent.Open(stateDirectory, host, loggers);
            return new SyncTarget(local, local.Reconciler, new RepoDirectory(args.Positionals[0]), host, null, held);
        }
        return await OpenConfiguredAsync(args, loggers, error, cancellationToken);
    }

    public void Dispose()
    {
        _agent.Dispose();
        _lock?.Dispose();
    }

    private static async Task<SyncTarget?> OpenConfiguredAsync(CommandLine args, ILoggerFactory loggers, TextWriter error, CancellationToken cancellationToken)
    {
        var loaded = AgentConfigFile.Load(args.Value("config"));
        if (!loaded.IsValid)
        {
            foreach (var message in loaded.Errors)
            {
                await error.WriteLineAsync("error: " + message);
            }
            return null;
        }
        var config = loaded.Config! with { StateDir = args.Value("state-dir") ?? loaded.Config!.StateDir };
        Directory.CreateDirectory(config.StateDir);
        // The clone in the state dir is shared with the daemon: pull it only while holding the host's lock.
        var held = await ReconcileLock.AcquireAsync(config.StateDir, LockWait, TimeProvider.System, cancellationToken);
        var pipeline = AgentPipeline.Create(config, loggers, TimeProvider.System);
        try
        {
            var pulled = await pipeline.Puller.PullAsync(cancellationToken);
            return new SyncTarget(pipeline, pipeline.Reconciler, new RepoDirectory(pulled.Tree.Directory), args.Value("host") ?? config.Host, pulled.Commit, held);
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
