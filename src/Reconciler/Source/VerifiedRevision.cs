namespace GitOps.Reconciler.Source;

/// <summary>A revision that passed the Verify stage; <see cref="Signer"/> is null when verification is off.</summary>
public sealed record VerifiedRevision(SourceRevision Revision, string? Signer);
