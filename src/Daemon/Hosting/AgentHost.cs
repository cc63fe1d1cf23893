using GitOps.Daemon.Http;
using GitOps.Reconciler.Configuration;
using GitOps.Reconciler.Engine;
using GitOps.Reconciler.Reconciliation;
using GitOps.Reconciler.Reporting.Drift;
using GitOps.Reconciler.Reporting.Notifications;
using GitOps.Reconciler.Reporting.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Serilog;

namespace GitOps.Daemon.Hosting;

/// <summary>
/// The daemon's Generic Host, which is also its web host: Serilog (console or compact JSON, per the config), systemd
/// notify, the HTTP endpoints (<see cref="AgentServices.AddAgentHttp"/>), the reconcile pipeline and the reconcile loop,
/// all in one container. Other surfaces (HTTP, Docker events) reach the loop through <see cref="IReconcileTrigger"/>, the
/// latest report through the pipeline's report store. An <see cref="IDockerEngine"/> registered by <c>configure</c>
/// replaces this host's engine.
/// </summary>
public static class AgentHost
{
    public static IHost Build(AgentConfig config, Action<IServiceCollection>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        // No defaults (no appsettings, no environment configuration): the agent's config file is its only config.
        return new HostBuilder()
            .ConfigureLogging(logging => logging.ClearProviders())
            // The web server is the first hosted service: the port is bound before the loop starts, so a port in use
            // stops the agent before any reconcile.
            .AddAgentHttp(AgentHttpOptions.From(config, config.WebhookSecretFile))
            .ConfigureServices(services => AddDaemon(services, config, configure))
            .Build();
    }

    private static void AddDaemon(IServiceCollection services, AgentConfig config, Action<IServiceCollection>? configure)
    {
        services.AddSerilog(AgentLogging.Create(config.Log), dispose: true);
        services.AddSystemd();
        services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(30));
        // This agent's own registry: never prometheus-net's process-wide default.
        services.AddSingleton(_ => new AgentMetrics());
        services.AddSingleton(provider => new NotificationDispatcher(
            config.Notify.Receivers(), new HttpClient(), new NotificationOptions(), provider.GetRequiredService<TimeProvider>(),
            provider.GetRequiredService<ILogger<NotificationDispatcher>>()));
        services.AddHostedService<NotificationService>();
        services.AddSingleton<TransitionPublisher>();
        services.AddGitOpsAgent(config);
        services.AddSingleton<CoalescingReconcileTrigger>();
        services.AddSingleton<IReconcileTrigger>(provider => provider.GetRequiredService<CoalescingReconcileTrigger>());
        services.AddSingleton(provider => ReadinessChecks.For(
            provider.GetRequiredService<DriftReportStore>(), provider.GetRequiredService<IDockerSystem>(), provider.GetRequiredService<TimeProvider>(), config.StepStuckAfter));
        services.AddSingleton<AgentFailure>();
        services.AddSingleton<ReconcileLoop>();
        services.AddScheduledTasks(config.Host);
        services.AddSingleton<TaskScheduleService>();
        services.AddSingleton<ITaskRunGateway>(provider => provider.GetRequiredService<TaskScheduleService>());
        services.AddHostedService(provider => provider.GetRequiredService<TaskScheduleService>());
        services.AddSingleton(provider => new IdleHeapTrim(provider.GetRequiredService<TimeProvider>()));
        services.AddHostedService<ReconcileLoopService>();
        services.AddDriftWatch(config);
        services.AddHostedService<OwnerLeaseService>();
        configure?.Invoke(services);
    }
}
