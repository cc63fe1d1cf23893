namespace GitOps.Reconciler.Apply;

public enum ApplyPhase
{
    Pulling,
    Creating,
    Starting,
    WaitingForDependency,
    WaitingForHealth,
    Removing,
    RollingBack,
    Done,
    Failed,

    /// <summary>Building the image on the host; <see cref="ApplyEvent.Detail"/> is a line of build output.</summary>
    Building,

    /// <summary>Downloading a model file; <see cref="ApplyEvent.Detail"/> says how far and how fast.</summary>
    Downloading,
}

/// <summary>Progress of one resource, for people watching a sync. <see cref="Current"/>/<see cref="Total"/> are bytes while pulling.</summary>
public sealed record ApplyEvent(string Stack, string Resource, ApplyPhase Phase, string? Detail = null, long? Current = null, long? Total = null);
