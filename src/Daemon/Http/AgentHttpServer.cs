using System.Net;
using GitOps.Reconciler.Reconciliation;
using GitOps.Reconciler.Reporting.Drift;
using GitOps.Reconciler.Reporting.Metrics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace GitOps.Daemon.Http;

/// <summary>
/// The daemon's HTTP endpoints on Kestrel: <c>/healthz</c>, <c>/readyz</c>, <c>/status</c>, <c>/metrics</c> and
/// <c>POST /reconcile</c>, and the task endpoints (<see cref="TaskEndpoints"/>). An <see cref="IHostedService"/>, so the daemon host owns its lifetime; tests call
/// <see cref="StartAsync"/> and <see cref="StopAsync"/> themselves.
/// </summary>
public sealed partial class AgentHttpServer(
    AgentHttpOptions options,
    DriftReportStore reports,
    AgentMetrics metrics,
    ReadinessChecks readiness,
    IReconcileTrigger trigger,
    ILoggerFactory loggers,
    ITaskRunGateway? tasks = null) : IHostedService, IAsyncDisposable
{
    private readonly ILogger _logger = loggers.CreateLogger<AgentHttpServer>();
    private WebApplication? _app;

    /// <summary>The address bound, once started (with the actual port when <see cref="AgentHttpOptions.Listen"/> asked for 0).</summary>
    public Uri? Address { get; private set; }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var secret = WebhookSecret.Read(options.WebhookSecretFile);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], ApplicationName = "gitops-agent" });
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(loggers);
        builder.Services.AddSingleton<IHostLifetime, EmbeddedLifetime>();
        builder.WebHost.UseKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = options.MaxWebhookBodyBytes;
            if (IPAddress.TryParse(options.Listen.Host, out var address))
            {
                kestrel.Listen(address, options.Listen.Port);
            }
            else if (string.Equals(options.Listen.Host, "localhost", StringComparison.OrdinalIgnoreCase))
            {
                kestrel.ListenLocalhost(options.Listen.Port);
            }
            else
            {
                throw new InvalidOperationException($"the HTTP listen address must be an IP address or localhost, not '{options.Listen.Host}'");
            }
        });
        var app = builder.Build();
        HealthEndpoints.Map(app, readiness);
        StatusEndpoint.Map(app, reports);
        MetricsEndpoint.Map(app, metrics);
        ReconcileEndpoint.Map(app, secret, options.MaxWebhookBodyBytes, trigger, loggers.CreateLogger<ReconcileEndpoint>());
        TaskEndpoints.Map(app, secret, options.MaxWebhookBodyBytes, tasks, loggers.CreateLogger<TaskEndpoints>());
        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch (IOException ex) when (ListenerOwner.IsBindFailure(ex))
        {
            await app.DisposeAsync();
            var reason = (ex.InnerException ?? ex).Message;
            throw new ListenFailedException(options.Listen.ToString(), reason, ListenerOwner.Find(options.Listen.Port), ex);
        }
        _app = app;
        var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
        Address = bound is null ? null : new Uri(bound);
        LogListening(Address?.ToString() ?? options.Listen.ToString(), secret is not null);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_app is { } app)
        {
            _app = null;
            await app.StopAsync(cancellationToken);
            await app.DisposeAsync();
        }
    }

    public async ValueTask DisposeAsync() => await StopAsync(CancellationToken.None);

    [LoggerMessage(Level = LogLevel.Information, Message = "HTTP endpoints listening on {Address} (webhook trigger enabled: {WebhookEnabled})")]
    private partial void LogListening(string address, bool webhookEnabled);
}
