namespace GitOps.Reconciler.Source;

/// <summary>The Verify stage: throws a <see cref="SourceException"/> with <see cref="SourceFailure.VerificationFailed"/>, naming the commit and the reason.</summary>
public interface IRevisionVerifier
{
    Task<VerifiedRevision> VerifyAsync(SourceRevision revision, CancellationToken cancellationToken);
}
