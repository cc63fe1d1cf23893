using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using GitOps.Reconciler.Common;
using GitOps.Reconciler.Desired;
using GitOps.Reconciler.Diagnostics;
using GitOps.Reconciler.Models;
using Xunit.Abstractions;

namespace GitOps.Integration.Tests.Models;

/// <summary>
/// s3:// sources against the S3-compatible server that scripts/test-env.sh --test-tools starts on loopback
/// (s3rver, bucket "models", keys S3RVER/S3RVER), with the credentials read from a file.
/// </summary>
public sealed class ModelS3Tests(ITestOutputHelper output) : IDisposable
{
    private static readonly Uri Endpoint = new($"http://127.0.0.1:{Environment.GetEnvironmentVariable("GITOPS_TEST_S3_PORT") ?? "4569"}");

    private readonly ModelHarness _h = new(output);

    public void Dispose() => _h.Dispose();

    private static async Task PutAsync(string key, byte[] content)
    {
        // s3rver predates aws-chunked uploads with checksum trailers: it would store the chunk framing as the object.
        using var client = new AmazonS3Client(new BasicAWSCredentials("S3RVER", "S3RVER"), new AmazonS3Config
        {
            ServiceURL = Endpoint.ToString(),
            ForcePathStyle = true,
            AuthenticationRegion = "us-east-1",
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
        });
        using var body = new MemoryStream(content);
        await client.PutObjectAsync(new PutObjectRequest { BucketName = "models", Key = key, InputStream = body, UseChunkEncoding = false });
    }

    private ModelSpec S3Model(string key, byte[] content) => new(
        "s3m", "1",
        ValueList.Of(new ModelFile("weights.bin", new ModelSource(ModelSourceKind.S3, "s3://models/" + key), ModelHarness.Sha(content))),
        Path.Combine(_h.Root, "s3m"), new SourcePosition("models/s3m.yaml", 5, 7));

    [Fact]
    public async Task S3Source_CredentialsFromFile_DownloadedAndLinked()
    {
        var content = ModelHarness.Bytes(200_000, 21);
        var key = $"it/{Guid.NewGuid():N}/weights.bin";
        await PutAsync(key, content);
        var credentials = Path.Combine(_h.Temp, "s3-credentials");
        await File.WriteAllTextAsync(credentials, "# test keys\naccessKeyId=S3RVER\nsecretAccessKey: S3RVER\n");
        _h.NewKind(new ModelsS3Config(Endpoint, "us-east-1", PathStyle: true, credentials));
        var spec = S3Model(key, content);

        var (_, outcomes) = await _h.PassAsync(spec);

        Assert.True(Assert.Single(outcomes).Status == ModelStatus.Switched, outcomes[0].Message);
        Assert.Equal(content, await File.ReadAllBytesAsync(Path.Combine(spec.Path, "weights.bin")));
    }

    [Fact]
    public async Task S3Source_CredentialsFileUnreadable_FailedNamingTheFileNotTheKeys()
    {
        var content = ModelHarness.Bytes(1_000, 22);
        var key = $"it/{Guid.NewGuid():N}/weights.bin";
        await PutAsync(key, content);
        var missing = Path.Combine(_h.Temp, "no-such-credentials");
        _h.NewKind(new ModelsS3Config(Endpoint, "us-east-1", PathStyle: true, missing));

        var (_, outcomes) = await _h.PassAsync(S3Model(key, content));

        Assert.Equal(ModelStatus.Failed, Assert.Single(outcomes).Status);
        Assert.Contains($"the S3 credentials file {missing} cannot be read", outcomes[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task S3Source_PartialFilePresent_ResumedWithRangedGet()
    {
        var content = ModelHarness.Bytes(300_000, 23);
        var key = $"it/{Guid.NewGuid():N}/weights.bin";
        await PutAsync(key, content);
        var credentials = Path.Combine(_h.Temp, "s3-credentials");
        await File.WriteAllTextAsync(credentials, "accessKeyId=S3RVER\nsecretAccessKey=S3RVER\n");
        _h.NewKind(new ModelsS3Config(Endpoint, "us-east-1", PathStyle: true, credentials));
        var spec = S3Model(key, content);
        // Half the file, as a download stopped midway leaves it.
        Directory.CreateDirectory(_h.Store.BlobDirectory);
        await File.WriteAllBytesAsync(_h.Store.PartialPath(spec.Files[0].Sha256), content[..150_000]);

        var (_, outcomes) = await _h.PassAsync(spec);

        Assert.True(Assert.Single(outcomes).Status == ModelStatus.Switched, outcomes[0].Message);
        Assert.Equal(150_000, outcomes[0].BytesDownloaded);
        Assert.Equal(content, await File.ReadAllBytesAsync(Path.Combine(spec.Path, "weights.bin")));
    }
}
