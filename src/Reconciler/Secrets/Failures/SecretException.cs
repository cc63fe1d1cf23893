namespace GitOps.Reconciler.Secrets.Failures;

/// <summary>
/// A secret file could not be read. The message names the reason and never carries plaintext or key material,
/// so it is safe for reports, logs and notifications.
/// </summary>
public sealed class SecretException : Exception
{
    public SecretException(SecretFailure reason, string message)
        : base(message) => Reason = reason;

    public SecretException(SecretFailure reason, string message, Exception inner)
        : base(message, inner) => Reason = reason;

    public SecretException()
    {
    }

    public SecretException(string message)
        : base(message)
    {
    }

    public SecretException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public SecretFailure Reason { get; } = SecretFailure.Malformed;
}
