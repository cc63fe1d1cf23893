namespace GitOps.Reconciler.Models;

/// <summary>A download that failed for a reason retrying does not fix; the message says what, never a credential.</summary>
public sealed class ModelDownloadException : Exception
{
    public ModelDownloadException()
    {
    }

    public ModelDownloadException(string message)
        : base(message)
    {
    }

    public ModelDownloadException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>True for a hash mismatch: the bytes arrived but are not the pinned file.</summary>
    public bool Verification { get; init; }
}
