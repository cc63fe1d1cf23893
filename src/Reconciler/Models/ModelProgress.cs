namespace GitOps.Reconciler.Models;

/// <summary>Bytes of one file received so far, for progress lines during sync.</summary>
public sealed record ModelProgress(string Model, string File, long Received, long? Total);
