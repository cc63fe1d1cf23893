using GitOps.Reconciler.Configuration;

namespace GitOps.Daemon.Http;

/// <summary>
/// What the HTTP server needs, built by the host from <see cref="AgentConfig.HttpListen"/> and the webhook secret file.
/// </summary>
/// <param name="Listen">Where to listen; loopback by default. Port 0 picks a free port (tests).</param>
/// <param name="WebhookSecretFile">
/// A file holding the shared secret of <c>POST /reconcile</c> (surrounding whitespace ignored). Null disables the
/// endpoint: it answers 404, so an agent without a secret can never be triggered from the network.
/// </param>
/// <param name="MaxWebhookBodyBytes">Larger webhook bodies are refused with 413 before they are read.</param>
public sealed record AgentHttpOptions(ListenAddress Listen, string? WebhookSecretFile = null, long MaxWebhookBodyBytes = AgentHttpOptions.DefaultMaxWebhookBodyBytes)
{
    public const long DefaultMaxWebhookBodyBytes = 1024 * 1024;

    /// <summary>A file holding the bearer token <c>/status</c> and <c>/metrics</c> require; null: none (loopback only, enforced by the config).</summary>
    public string? ReadTokenFile { get; init; }

    /// <summary>Host names a request's Host header may name besides the listen address (the DNS-rebinding guard).</summary>
    public IReadOnlyList<string> AllowedHosts { get; init; } = [];

    public static AgentHttpOptions From(AgentConfig config, string? webhookSecretFile = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        return new AgentHttpOptions(config.HttpListen, webhookSecretFile) { ReadTokenFile = config.HttpReadTokenFile, AllowedHosts = config.HttpAllowedHosts };
    }
}
