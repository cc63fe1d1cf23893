using System.Security.Cryptography;
using GitOps.Reconciler.Desired;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;

namespace GitOps.Reconciler.Models;

/// <summary>
/// Brings one file into the store: streamed to <c>&lt;hash&gt;.partial</c>, hashed while written, resumed from the
/// partial's length after a dropped connection or a restart of the agent, retried with backoff, checked for free space
/// before it starts, and renamed to its blob only when its SHA-256 is the pinned one (otherwise deleted and refused).
/// </summary>
public sealed partial class ModelDownloader
{
    private const int BufferSize = 1 << 20;

    private readonly ModelStore _store;
    private readonly IReadOnlyDictionary<ModelSourceKind, IModelSourceReader> _readers;
    private readonly ILogger<ModelDownloader> _logger;
    private readonly ResiliencePipeline _retry;

    public ModelDownloader(ModelStore store, IReadOnlyDictionary<ModelSourceKind, IModelSourceReader> readers, TimeProvider time, ILogger<ModelDownloader> logger, int attempts = 5, TimeSpan? firstDelay = null)
    {
        _store = store;
        _readers = readers;
        _logger = logger;
        _retry = attempts <= 1 ? ResiliencePipeline.Empty : new ResiliencePipelineBuilder { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions
            {
                // Each attempt resumes from what the partial file already holds, so a retry costs only the missing bytes.
                ShouldHandle = new PredicateBuilder().Handle<HttpRequestException>().Handle<IOException>().Handle<TimeoutException>()
                    .Handle<TaskCanceledException>(ex => !ex.CancellationToken.IsCancellationRequested)
                    .Handle<Exception>(S3ModelSourceReader.IsTransient),
                MaxRetryAttempts = attempts - 1,
                Delay = firstDelay ?? TimeSpan.FromSeconds(1),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                OnRetry = args =>
                {
                    LogRetry(args.AttemptNumber + 1, args.RetryDelay, args.Outcome.Exception?.Message);
                    return ValueTask.CompletedTask;
                },
            })
            .Build();
    }

    /// <summary>Downloads <paramref name="file"/> into its blob unless it is there already.</summary>
    /// <returns>The bytes received from the source (0 when the blob was there).</returns>
    /// <exception cref="ModelDownloadException">Refused: hash mismatch, not enough space, source missing, or retries exhausted.</exception>
    /// <param name="progress">The bytes of the file held so far (a resumed partial included) and its size when known.</param>
    public async Task<long> DownloadAsync(ModelFile file, ModelFetchContext context, IProgress<ModelProgress>? progress, CancellationToken cancellationToken)
    {
        if (_store.HasBlob(file.Sha256))
        {
            return 0;
        }
        Directory.CreateDirectory(_store.BlobDirectory);
        var reader = _readers.TryGetValue(file.Source.Kind, out var r) ? r
            : throw new ModelDownloadException($"{file.Source.Kind} sources are not configured on this agent");
        var received = new Received();
        try
        {
            await _retry.ExecuteAsync(async token => await AttemptAsync(file, reader, context, received, progress, token), cancellationToken);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or TimeoutException or Amazon.Runtime.AmazonServiceException
            || (ex is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw new ModelDownloadException($"downloading {file.Name} from {file.Source} failed: {ex.Message}", ex);
        }
        return received.Bytes;
    }

    /// <summary>
    /// The bytes still to fetch for <paramref name="file"/>: 0 when its blob is there, its size less a partial download
    /// otherwise; null when the source does not say (or cannot be asked within <see cref="SizeTimeout"/>). For the plan.
    /// </summary>
    public async Task<long?> RemainingAsync(ModelFile file, ModelFetchContext context, CancellationToken cancellationToken)
    {
        if (_store.HasBlob(file.Sha256))
        {
            return 0;
        }
        if (!_readers.TryGetValue(file.Source.Kind, out var reader))
        {
            return null;
        }
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bounded.CancelAfter(SizeTimeout);
        long? size;
        try
        {
            size = await reader.SizeAsync(file, context, bounded.Token);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or TimeoutException or ModelDownloadException or Amazon.Runtime.AmazonServiceException or Amazon.Runtime.AmazonClientException
            || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            // A plan without a size is still a plan: the download says what went wrong.
            return null;
        }
        var partial = _store.PartialPath(file.Sha256);
        var have = File.Exists(partial) ? new FileInfo(partial).Length : 0;
        return size is { } total ? Math.Max(0, total - have) : null;
    }

    /// <summary>How long the plan waits for a source to tell a file's size.</summary>
    public TimeSpan SizeTimeout { get; init; } = TimeSpan.FromSeconds(10);

    private async Task AttemptAsync(ModelFile file, IModelSourceReader reader, ModelFetchContext context, Received counter, IProgress<ModelProgress>? progress, CancellationToken cancellationToken)
    {
        var partial = _store.PartialPath(file.Sha256);
        var have = File.Exists(partial) ? new FileInfo(partial).Length : 0;
        using var source = await reader.OpenAsync(file, context, have, cancellationToken);
        if (source.Offset == 0 && have > 0)
        {
            // The source ignored the range: start over rather than append the file to its own beginning.
            LogRestart(file.Name, have);
            have = 0;
        }
        if (source.Length is { } total)
        {
            EnsureSpace(total - have);
        }
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[BufferSize];
        await using (var output = new FileStream(partial, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, BufferSize, FileOptions.Asynchronous))
        {
            output.SetLength(have);
            // What the partial already holds is hashed again: cheaper than keeping hash state across restarts, and it
            // also catches a partial file that was changed in between.
            long hashed = 0;
            while (hashed < have)
            {
                var read = await output.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, have - hashed)), cancellationToken);
                if (read == 0)
                {
                    break;
                }
                hash.AppendData(buffer, 0, read);
                hashed += read;
            }
            output.Seek(have, SeekOrigin.Begin);
            long received = 0;
            int count;
            while ((count = await source.Body.ReadAsync(buffer, cancellationToken)) > 0)
            {
                hash.AppendData(buffer, 0, count);
                await output.WriteAsync(buffer.AsMemory(0, count), cancellationToken);
                received += count;
                counter.Bytes += count;
                progress?.Report(new ModelProgress("", file.Name, have + received, source.Length));
            }
            await output.FlushAsync(cancellationToken);
            if (source.Length is { } expected && have + received < expected)
            {
                // Kept for the next attempt: the retry resumes from here.
                throw new IOException($"the connection closed after {have + received} of {expected} bytes");
            }
            var actual = Convert.ToHexStringLower(hash.GetHashAndReset());
            if (actual != file.Sha256)
            {
                output.Close();
                File.Delete(partial);
                LogMismatch(file.Name, file.Sha256, actual);
                throw new ModelDownloadException($"sha256 of {file.Name} from {file.Source}: want {file.Sha256}, have {actual}; the download was deleted") { Verification = true };
            }
            File.Move(partial, _store.BlobPath(file.Sha256), overwrite: true);
        }
    }

    private void EnsureSpace(long needed)
    {
        var available = new DriveInfo(_store.BlobDirectory).AvailableFreeSpace;
        if (needed > available)
        {
            throw new ModelDownloadException(
                $"not enough free space in {_store.BlobDirectory}: {needed} bytes needed, {available} available, {needed - available} bytes missing");
        }
    }

    private sealed class Received
    {
        public long Bytes;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Model download attempt {Attempt} in {Delay}: {Reason}")]
    private partial void LogRetry(int attempt, TimeSpan delay, string? reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "The source of {File} does not resume; {Bytes} bytes already held are fetched again")]
    private partial void LogRestart(string file, long bytes);

    [LoggerMessage(Level = LogLevel.Error, Message = "Refused {File}: sha256 want {Expected}, have {Actual}")]
    private partial void LogMismatch(string file, string expected, string actual);
}
