namespace GitOps.Reconciler.Webhooks;

/// <summary>Why a webhook request was accepted or not; only <see cref="Accepted"/> may trigger anything.</summary>
public enum WebhookVerdict
{
    Accepted,

    /// <summary>Neither <c>X-Hub-Signature-256</c> nor <c>X-Gitlab-Token</c> was sent.</summary>
    Missing,

    /// <summary>A header was sent but is not of the expected form (prefix, hex, length), or sent twice.</summary>
    Malformed,

    /// <summary>Well-formed, but not made with the shared secret.</summary>
    Wrong,
}
