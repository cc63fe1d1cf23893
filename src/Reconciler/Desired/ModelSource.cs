namespace GitOps.Reconciler.Desired;

/// <summary>Where a model file is fetched from.</summary>
/// <param name="Location">The URL (http, https, s3) or, for <see cref="ModelSourceKind.Repository"/>, the path relative to the repository root.</param>
public sealed record ModelSource(ModelSourceKind Kind, string Location)
{
    /// <summary>The bucket and key of an s3:// source.</summary>
    public (string Bucket, string Key) S3Object
    {
        get
        {
            var rest = Location["s3://".Length..];
            var slash = rest.IndexOf('/', StringComparison.Ordinal);
            return (rest[..slash], rest[(slash + 1)..]);
        }
    }

    public override string ToString() => Location;
}
