using GitOps.Daemon.Hosting;
using GitOps.Daemon.Http;
using GitOps.Integration.Tests.Infrastructure;
using GitOps.Reconciler.Actual;
using GitOps.Reconciler.Actual.Events;
using GitOps.Reconciler.Apply;
using GitOps.Reconciler.Common;
using GitOps.Reconciler.Configuration;
using GitOps.Reconciler.Engine;
using GitOps.Reconciler.Reconciliation;
using GitOps.Reconciler.Reporting.Drift;
using GitOps.Reconciler.Reporting.Metrics;
using GitOps.Reconciler.Reporting.Notifications;
using GitOps.Reconciler.Repository;
using GitOps.Reconciler.SelfHeal;
using GitOps.Reconciler.Stacks;
using GitOps.Reconciler.State;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace GitOps.Integration.Tests.Surface;

/// <summary>
/// The surface components wired the way the daemon host wires them — state, report publisher, metrics, notifications,
/// drift monitor, event watcher, HTTP endpoints (<see cref="AgentServices.AddAgentHttp"/>) in one host and container —
/// except that planning is limited to one test stack. The agent logs to the test's output.
/// </summary>
internal sealed class SurfaceAgent : IAsyncDisposable
{
    private static readonly DriftRevision Revision = new("refs/heads/main", "5e1f0000c0ffee00000000000000000000000000", Verified: false);

    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _background = [];
    private readonly DockerEngine _engine;
    private readonly string _project;
    private readonly SurfaceRepo _repo;
    private HostReconciler _reconciler = null!;
    private readonly HttpClient _http = new();

    private IHost _host = null!;

    private SurfaceAgent(DockerEngine engine, string project, SurfaceRepo repo)
    {
        _engine = engine;
        _project = project;
        _repo = repo;
        StateDirectory = Path.Combine(Path.GetTempPath(), "surface-state-" + project);
    }

    public string StateDirectory { get; }

    public StateStore State { get; private set; } = null!;

    public AgentMetrics Metrics { get; } = new();

    public CountingTrigger Trigger { get; } = new();

    public DriftReportPublisher Publisher { get; private set; } = null!;

    public DriftMonitor Monitor { get; private set; } = null!;

    /// <summary>The agent's loggers: they write to the test's output.</summary>
    public ILoggerFactory Loggers => _host.Services.GetRequiredService<ILoggerFactory>();

    /// <summary>Where the HTTP endpoints listen.</summary>
    public Uri Address { get; private set; } = null!;

    public static async Task<SurfaceAgent> StartAsync(
        DockerEngine engine, Func<ILogger<ComposeExecutor>, ComposeExecutor> executor, string project, SurfaceRepo repo, Uri? notifications, ITestOutputHelper output,
        CancellationToken cancellationToken)
    {
        var agent = new SurfaceAgent(engine, project, repo);
        // The HTTP endpoints and the state, compose stacks and reporting slices of the composition root, with the test's
        // executor, in one host.
        agent._host = new HostBuilder()
            .ConfigureLogging(logging => logging.ClearProviders().SetMinimumLevel(LogLevel.Debug).AddProvider(new TestOutputLoggerProvider(output)))
            .AddAgentHttp(new AgentHttpOptions(new ListenAddress("127.0.0.1", 0)))
            .ConfigureServices(services =>
            {
                services
                    .AddSingleton<IDockerEngine>(engine)
                    .AddSingleton(provider => executor(provider.GetRequiredService<ILogger<ComposeExecutor>>()))
                    .AddSingleton(agent.Metrics)
                    .AddSingleton<IReconcileTrigger>(agent.Trigger)
                    .AddSingleton(provider => ReadinessChecks.For(provider.GetRequiredService<DriftReportStore>(), engine))
                    .AddAgentState(agent.StateDirectory, AgentConfig.DefaultHistoryRetention)
                    .AddComposeStacks(EngineLabels.DefaultOwner, new ComposeExecutorOptions { StateDirectory = agent.StateDirectory }, trustFromEvents: false)
                    .AddHostReconciler()
                    .AddAgentReporting(agent.StateDirectory, "branch main");
                if (notifications is not null)
                {
                    services.AddSingleton(provider => new NotificationDispatcher(
                        new NotificationTargets(WebhookUrl: notifications).Receivers(), agent._http, new NotificationOptions(), TimeProvider.System,
                        provider.GetRequiredService<ILogger<NotificationDispatcher>>()));
                    services.AddSingleton<TransitionPublisher>();
                }
            })
            .UseDefaultServiceProvider(options => options.ValidateOnBuild = true)
            .Build();
        var services = agent._host.Services;
        if (services.GetService<NotificationDispatcher>() is { } dispatcher)
        {
            agent._background.Add(dispatcher.RunAsync(agent._stop.Token));
        }
        agent.State = services.GetRequiredService<StateStore>();
        agent._reconciler = services.GetRequiredService<HostReconciler>();
        agent.Publisher = services.GetRequiredService<DriftReportPublisher>();
        agent.Monitor = new DriftMonitor(
            agent.PlanOwnStackAsync, agent.Publisher, new SelfHealBackoff(TimeProvider.System), agent.Trigger,
            new DriftMonitorOptions(), TimeProvider.System, services.GetRequiredService<ILogger<DriftMonitor>>());
        agent._background.Add(agent.Monitor.RunAsync(agent._stop.Token));
        await agent._host.StartAsync(cancellationToken);
        agent.Address = AgentHttpListener.Address(services)!;
        return agent;
    }

    /// <summary>The host's revision planned against the engine, this test's stack only (other stacks on the engine are not ours).</summary>
    public async Task<CurrentPlan?> PlanOwnStackAsync(CancellationToken cancellationToken)
    {
        var planned = await _reconciler.PlanAsync(new RepoDirectory(_repo.Root), SurfaceRepo.Host, revision: null, fullDrift: false, cancellationToken);
        if (planned.Plan is not { } plan)
        {
            return null;
        }
        return new CurrentPlan(plan with { Stacks = ValueList.From(plan.Stacks.Where(s => s.Stack == _project)) }, Revision);
    }

    public void StartWatching(CancellationToken cancellationToken)
    {
        var watcher = Monitor.WatchEvents(_engine, new DockerEventWatcherOptions(), _host.Services.GetRequiredService<ILogger<DockerEventWatcher>>());
        var linked = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token, cancellationToken);
        _background.Add(watcher.RunAsync(linked.Token).ContinueWith(_ => linked.Dispose(), TaskScheduler.Default));
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_background);
        await _host.StopAsync(CancellationToken.None);
        _host.Dispose();
        _http.Dispose();
        _stop.Dispose();
        if (Directory.Exists(StateDirectory))
        {
            Directory.Delete(StateDirectory, recursive: true);
        }
    }
}
