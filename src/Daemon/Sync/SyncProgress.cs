using System.Globalization;
using GitOps.Daemon.Rendering;
using GitOps.Reconciler.Apply;
using Spectre.Console;

namespace GitOps.Daemon.Sync;

/// <summary>
/// Prints one line per step of a sync (pulling with bytes, creating, waiting for health...).
/// Pull progress repeats often, so it is throttled to a line per whole tenth of the download.
/// </summary>
public sealed class SyncProgress(TextWriter output, bool colour) : IProgress<ApplyEvent>
{
    private readonly Dictionary<string, long> _lastPullTenth = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public void Report(ApplyEvent value)
    {
        ArgumentNullException.ThrowIfNull(value);
        lock (_gate)
        {
            if (value.Phase == ApplyPhase.Pulling && !IsNewPullStep(value))
            {
                return;
            }
            var resource = $"{value.Stack}/{value.Resource}";
            var phase = Paint(Describe(value.Phase), value.Phase);
            var detail = value.Phase == ApplyPhase.Pulling && value.Total is > 0
                ? $"{Megabytes(value.Current ?? 0)}/{Megabytes(value.Total.Value)} MB"
                : value.Detail;
            output.WriteLine(detail is null ? $"  {resource,-28} {phase}" : $"  {resource,-28} {phase} {detail}");
        }
    }

    private bool IsNewPullStep(ApplyEvent value)
    {
        if (value.Total is not > 0)
        {
            return value.Current is null;
        }
        var key = value.Stack + "/" + value.Resource;
        var tenth = (value.Current ?? 0) * 10 / value.Total.Value;
        if (_lastPullTenth.TryGetValue(key, out var last) && last == tenth)
        {
            return false;
        }
        _lastPullTenth[key] = tenth;
        return true;
    }

    private static string Megabytes(long bytes) => (bytes / 1024d / 1024d).ToString("0.0", CultureInfo.InvariantCulture);

    private static string Describe(ApplyPhase phase) => phase switch
    {
        ApplyPhase.Pulling => "pulling",
        ApplyPhase.Building => "building",
        ApplyPhase.Downloading => "downloading",
        ApplyPhase.Creating => "creating",
        ApplyPhase.Starting => "starting",
        ApplyPhase.WaitingForDependency => "waiting for dependency",
        ApplyPhase.WaitingForHealth => "waiting for health",
        ApplyPhase.Removing => "removing",
        ApplyPhase.RollingBack => "rolling back",
        ApplyPhase.Done => "done",
        ApplyPhase.Failed => "FAILED",
        _ => phase.ToString(),
    };

    private string Paint(string text, ApplyPhase phase)
    {
        if (!colour)
        {
            return text;
        }
        var style = phase switch
        {
            ApplyPhase.Done => Color.Green,
            ApplyPhase.Failed or ApplyPhase.RollingBack => Color.Maroon,
            _ => Color.Teal,
        };
        return Terminal.Coloured(text, style);
    }
}
