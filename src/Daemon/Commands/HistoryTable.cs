using System.Globalization;
using System.Text;
using GitOps.Reconciler.State;

namespace GitOps.Daemon.Commands;

/// <summary>The reconcile history for people: one line per reconcile, then its failing resources indented.</summary>
public static class HistoryTable
{
    /// <summary>How many log lines of a failed container the table shows.</summary>
    public const int LogTail = 10;

    public static string Render(IReadOnlyList<ReconcileRecord> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        if (records.Count == 0)
        {
            return "No reconciles recorded yet.\n";
        }
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"{"STARTED (UTC)",-20} {"REVISION",-12} {"OUTCOME",-18} {"DURATION",9}  MESSAGE");
        foreach (var record in records)
        {
            var revision = record.Revision is { } r ? r[..Math.Min(12, r.Length)] : "(directory)";
            var duration = record.Duration.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture) + "s";
            text.AppendLine(CultureInfo.InvariantCulture,
                $"{record.StartedAt.UtcDateTime:yyyy-MM-dd HH:mm:ss}  {revision,-12} {record.Outcome,-18} {duration,9}  {record.Message}");
            foreach (var resource in record.Resources.Where(o => o.Outcome is not ("Applied" or "Unchanged")))
            {
                var line = $"    {resource.Kind.ToLowerInvariant()} {resource.Stack}/{resource.Name}: {resource.Action} {resource.Outcome} {resource.Message}";
                text.AppendLine(line.TrimEnd() + (resource.ExitCode is { } code ? $" (exit code {code})" : ""));
                // The tail is enough to see why; history --json keeps the 100 lines.
                foreach (var log in (resource.Logs ?? []).TakeLast(LogTail))
                {
                    text.AppendLine(CultureInfo.InvariantCulture, $"      | {log}");
                }
            }
        }
        return text.ToString();
    }
}
