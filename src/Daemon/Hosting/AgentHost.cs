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
/// The daemon's Generic Host: Serilog (console or compact JSON, per the config), systemd notify, the reconcile
/// pipeline and the reconcile loop. Other surfaces (HTTP, Docker events) register through <c>configure</c> and reach
/// the loop through <see cref="IReconcileTrigger"/>, the latest report through the pipeline's report store.
/// An <see cref="IDockerEngine"/> registered by <c>configure</c> replaces this host's engine.
/// </summary>
public static class AgentHost
{
    public static IHost Build(AgentConfig config, Action<IServiceCollection>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.ClearProviders();
        builder.Services.AddSerilog(AgentLogging.Create(config.Log), dispose: true);
        builder.Services.AddSystemd();
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(30));
        // This agent's own registry: never prometheus-net's process-wide default.
        builder.Services.AddSingleton(_ => new AgentMetrics());
        builder.Services.AddSingleton(services => new NotificationDispatcher(
            config.Notify.Receivers(), new HttpClient(), new NotificationOptions(), services.GetRequiredService<TimeProvider>(),
            services.GetRequiredService<ILogger<NotificationDispatcher>>()));
        builder.Services.AddHostedService<NotificationService>();
        builder.Services.AddSingleton<TransitionPublisher>();
        builder.Services.AddGitOpsAgent(config);
        builder.Services.AddSingleton<CoalescingReconcileTrigger>();
        builder.Services.AddSingleton<IReconcileTrigger>(services => services.GetRequiredService<CoalescingReconcileTrigger>());
        // The endpoints start (bind their port) before the loop: a port in use stops the agent before any reconcile.
        builder.Services.AddHostedService(services => new AgentHttpServer(
            AgentHttpOptions.From(config, config.WebhookSecretFile),
            services.GetRequiredService<DriftReportStore>(),
            services.GetRequiredService<AgentMetrics>(),
            ReadinessChecks.For(
                services.GetRequiredService<DriftReportStore>(), services.GetRequiredService<IDockerSystem>(), services.GetRequiredService<TimeProvider>(), config.StepStuckAfter),
            services.GetRequiredService<IReconcileTrigger>(),
            services.GetRequiredService<ILoggerFactory>(),
            services.GetRequiredService<TaskScheduleService>()));
        builder.Services.AddSingleton<AgentFailure>();
        builder.Services.AddSingleton<ReconcileLoop>();
        builder.Services.AddScheduledTasks(config.Host);
        builder.Services.AddSingleton<TaskScheduleService>();
        builder.Services.AddHostedService(services => services.GetRequiredService<TaskScheduleService>());
        builder.Services.AddHostedService<ReconcileLoopService>();
        builder.Services.AddDriftWatch(config);
        builder.Services.AddHostedService<OwnerLeaseService>();
        configure?.Invoke(builder.Services);
        return builder.Build();
    }
}
