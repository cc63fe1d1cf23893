namespace GitOps.Reconciler.Reconciliation;

/// <summary>A kind could not read its actual state (the Docker engine away): nothing can be planned, the pass is ProbeFailed.</summary>
public sealed class ActualStateUnreadableException : Exception
{
    public ActualStateUnreadableException()
    {
    }

    public ActualStateUnreadableException(string message)
        : base(message)
    {
    }

    public ActualStateUnreadableException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
