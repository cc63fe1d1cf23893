namespace GitOps.Reconciler.Models;

/// <summary>Bytes of one file held so far (a resumed partial included) and its size when known, for progress during sync.</summary>
public sealed record ModelProgress(string Model, string File, long Received, long? Total)
{
    /// <summary>The rate of this run of the download so far.</summary>
    public double BytesPerSecond { get; init; }
}
