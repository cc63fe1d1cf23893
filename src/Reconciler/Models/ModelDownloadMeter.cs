using Microsoft.Extensions.Logging;

namespace GitOps.Reconciler.Models;

/// <summary>
/// Follows one file's download: passes its progress on with the model's name and the rate of this run, and logs a line
/// every <see cref="LogEvery"/>, so a daemon downloading a large model says how far it is.
/// </summary>
internal sealed partial class ModelDownloadMeter(string model, IProgress<ModelProgress>? outer, TimeProvider time, ILogger logger) : IProgress<ModelProgress>
{
    public static readonly TimeSpan LogEvery = TimeSpan.FromSeconds(10);

    private long _firstReceived = -1;
    private long _firstAt;
    private long _loggedAt = time.GetTimestamp();

    public void Report(ModelProgress value)
    {
        var now = time.GetTimestamp();
        if (_firstReceived < 0)
        {
            (_firstReceived, _firstAt) = (value.Received, now);
        }
        var seconds = time.GetElapsedTime(_firstAt, now).TotalSeconds;
        var rate = seconds > 0 ? (value.Received - _firstReceived) / seconds : 0;
        outer?.Report(value with { Model = model, BytesPerSecond = rate });
        if (time.GetElapsedTime(_loggedAt, now) >= LogEvery)
        {
            _loggedAt = now;
            LogProgress(logger, model, value.File, ByteCount.Format(value.Received), value.Total is { } total ? ByteCount.Format(total) : "?", ByteCount.Format((long)rate));
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Model {Model}: {File}: {Received} of {Total} downloaded, {Rate}/s")]
    private static partial void LogProgress(ILogger logger, string model, string file, string received, string total, string rate);
}
