namespace GitOps.Reconciler.Engine;

/// <summary>The engine could not pull an image (unknown tag, registry down, ...).</summary>
public sealed class ImagePullException : Exception
{
    public ImagePullException(string reference, string reason, Exception? inner = null)
        : base($"pull {reference}: {reason}", inner)
    {
        Reference = reference;
        Reason = reason;
    }

    public ImagePullException()
    {
        Reference = "";
        Reason = "";
    }

    public ImagePullException(string message) : this("", message)
    {
    }

    public ImagePullException(string message, Exception innerException) : this("", message, innerException)
    {
    }

    public string Reference { get; }

    public string Reason { get; }
}
