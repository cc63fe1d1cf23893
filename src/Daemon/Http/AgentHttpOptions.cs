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

    public static AgentHttpOptions From(AgentConfig config, string? webhookSecretFile = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        return new AgentHttpOptions(config.HttpListen, webhookSecretFile);
    }
}
