using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using GitOps.Reconciler.Desired;

namespace GitOps.Reconciler.Models;

/// <summary>s3:// sources on any S3-compatible store (agent.yaml <c>models.s3</c>), resumed with a ranged GET.</summary>
public sealed class S3ModelSourceReader(ModelsS3Config config) : IModelSourceReader, IDisposable
{
    private AmazonS3Client? _client;

    public async Task<ModelSourceStream> OpenAsync(ModelFile file, ModelFetchContext context, long offset, CancellationToken cancellationToken)
    {
        var client = _client ??= CreateClient();
        var (bucket, key) = file.Source.S3Object;
        var request = new GetObjectRequest { BucketName = bucket, Key = key };
        if (offset > 0)
        {
            request.ByteRange = new ByteRange(offset, long.MaxValue - 1);
        }
        try
        {
            var response = await client.GetObjectAsync(request, cancellationToken);
            var start = offset > 0 && response.HttpStatusCode == System.Net.HttpStatusCode.PartialContent ? offset : 0;
            return new ModelSourceStream(new OwningStream(response.ResponseStream, response), start, start + response.ContentLength);
        }
        catch (AmazonS3Exception ex) when (ex.StatusCode == System.Net.HttpStatusCode.RequestedRangeNotSatisfiable && offset > 0)
        {
            return new ModelSourceStream(Stream.Null, offset, offset);
        }
        catch (AmazonS3Exception ex) when ((int)ex.StatusCode is >= 400 and < 500)
        {
            throw new ModelDownloadException($"{file.Source} answered {(int)ex.StatusCode} {ex.ErrorCode}");
        }
    }

    public async Task<long?> SizeAsync(ModelFile file, ModelFetchContext context, CancellationToken cancellationToken)
    {
        var client = _client ??= CreateClient();
        var (bucket, key) = file.Source.S3Object;
        var metadata = await client.GetObjectMetadataAsync(new GetObjectMetadataRequest { BucketName = bucket, Key = key }, cancellationToken);
        return metadata.ContentLength;
    }

    /// <summary>
    /// An S3 answer worth retrying (5xx, or no answer). A method of its own, so the AWS SDK is loaded when a download
    /// fails, not when the downloader is built on every agent.
    /// </summary>
    public static bool IsTransient(Exception ex) => ex is AmazonServiceException s && ((int)s.StatusCode >= 500 || s.StatusCode == 0);

    private AmazonS3Client CreateClient()
    {
        var s3 = new AmazonS3Config
        {
            ForcePathStyle = config.PathStyle,
            AuthenticationRegion = config.Region,
        };
        if (config.Endpoint is { } endpoint)
        {
            s3.ServiceURL = endpoint.ToString();
        }
        else
        {
            s3.RegionEndpoint = Amazon.RegionEndpoint.GetBySystemName(config.Region);
        }
        return new AmazonS3Client(Credentials(), s3);
    }

    private AWSCredentials Credentials()
    {
        if (config.CredentialsFile is { } path)
        {
            return S3CredentialsFile.Read(path);
        }
        var id = Environment.GetEnvironmentVariable("AWS_ACCESS_KEY_ID");
        var secret = Environment.GetEnvironmentVariable("AWS_SECRET_ACCESS_KEY");
        if (string.IsNullOrEmpty(id) || string.IsNullOrEmpty(secret))
        {
            throw new ModelDownloadException("no S3 credentials: set models.s3.credentialsFile in agent.yaml, or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY in the agent's environment");
        }
        return new BasicAWSCredentials(id, secret);
    }

    public void Dispose() => _client?.Dispose();
}
