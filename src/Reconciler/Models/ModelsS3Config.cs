namespace GitOps.Reconciler.Models;

/// <summary>How s3:// sources are reached: any S3-compatible store.</summary>
/// <param name="Endpoint">The service URL; null for AWS itself (by region).</param>
/// <param name="CredentialsFile">A file with <c>accessKeyId</c> and <c>secretAccessKey</c> lines (KEY=VALUE or KEY: VALUE);
/// null to use the environment (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY).</param>
public sealed record ModelsS3Config(Uri? Endpoint, string Region, bool PathStyle, string? CredentialsFile)
{
    public static readonly ModelsS3Config Default = new(null, "us-east-1", false, null);
}
