namespace GitOps.Reconciler.Source;

/// <summary>A source stage failure. The message never carries credentials: URLs and secrets are redacted before it is built.</summary>
public sealed class SourceException(SourceFailure reason, string message, string? commit = null, Exception? innerException = null)
    : Exception(message, innerException)
{
    public SourceFailure Reason { get; } = reason;

    /// <summary>The commit concerned, when known.</summary>
    public string? Commit { get; } = commit;
}
