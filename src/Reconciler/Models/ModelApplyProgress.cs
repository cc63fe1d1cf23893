using GitOps.Reconciler.Apply;

namespace GitOps.Reconciler.Models;

/// <summary>
/// Model downloads as apply progress (<see cref="ApplyPhase.Downloading"/>, resource <c>model/file</c>): a line when a
/// file starts, at each whole tenth of it, and when it is complete; every 64 MB when its size is not known.
/// </summary>
public sealed class ModelApplyProgress(IProgress<ApplyEvent> progress) : IProgress<ModelProgress>
{
    private const long UnknownStep = 64L << 20;

    private readonly Dictionary<string, long> _lastStep = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public void Report(ModelProgress value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var step = value.Total is > 0 and var total ? value.Received * 10 / total : value.Received / UnknownStep;
        lock (_gate)
        {
            var key = value.Model + "/" + value.File;
            if (_lastStep.TryGetValue(key, out var last) && last == step)
            {
                return;
            }
            _lastStep[key] = step;
        }
        var detail = (value.Total is { } size ? $"{ByteCount.Format(value.Received)} of {ByteCount.Format(size)}" : ByteCount.Format(value.Received))
            + $", {ByteCount.Format((long)value.BytesPerSecond)}/s";
        progress.Report(new ApplyEvent(value.Model, value.File, ApplyPhase.Downloading, detail, value.Received, value.Total));
    }
}
