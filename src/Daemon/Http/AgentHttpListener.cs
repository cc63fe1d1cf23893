using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace GitOps.Daemon.Http;

/// <summary>
/// Where the endpoints listen: Kestrel bound to <see cref="AgentHttpOptions.Listen"/> (an IP address or localhost),
/// and, once the web server started, the address actually bound (the real port when 0 was asked for) and its log line.
/// </summary>
public sealed partial class AgentHttpListener(IServer server, AgentHttpOptions options, ILogger<AgentHttpListener> logger) : IHostedService
{
    public static void Configure(KestrelServerOptions kestrel, AgentHttpOptions options)
    {
        ArgumentNullException.ThrowIfNull(kestrel);
        ArgumentNullException.ThrowIfNull(options);
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
    }

    /// <summary>The address the web server of <paramref name="services"/> bound, once it started; null before.</summary>
    public static Uri? Address(IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        var server = (IServer?)services.GetService(typeof(IServer));
        return server?.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() is { } bound ? new Uri(bound) : null;
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var bound = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
        LogListening(bound ?? options.Listen.ToString(), options.WebhookSecretFile is not null);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "HTTP endpoints listening on {Address} (webhook trigger enabled: {WebhookEnabled})")]
    private partial void LogListening(string address, bool webhookEnabled);
}
