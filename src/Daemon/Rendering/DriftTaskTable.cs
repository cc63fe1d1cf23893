using System.Globalization;
using System.Text;

using GitOps.Reconciler.Reporting;
using GitOps.Reconciler.Reporting.Drift;

namespace GitOps.Daemon.Rendering;

/// <summary>The drift table's tasks section: one line per task (status, next fire, last run), then its differences.</summary>
internal static class DriftTaskTable
{
    public static void Render(StringBuilder text, IReadOnlyList<DriftTask> tasks)
    {
        if (tasks.Count == 0)
        {
            return;
        }
        text.Append("\ntasks\n");
        var nameWidth = tasks.Max(t => t.Name.Length);
        var statusWidth = tasks.Max(t => Word(t.Status).Length);
        foreach (var task in tasks)
        {
            text.Append("  ").Append(task.Name.PadRight(nameWidth)).Append("  ").Append(Word(task.Status).PadRight(statusWidth))
                .Append("  next ").Append(task.NextFire is { } next ? Time(next) : "-")
                .Append("  last ").Append(task.LastRun is { } run ? $"{run.Outcome.ToString().ToLowerInvariant()} at {Time(run.StartedAt)}" : "-");
            if (task.SuspendedBy is { } by)
            {
                text.Append("  (suspended by ").Append(by).Append(')');
            }
            text.Append('\n');
            foreach (var difference in task.Differences)
            {
                text.Append("      ").Append(FieldValueText.Line(difference.Field, difference.Desired, difference.Actual)).Append('\n');
            }
            if (task.Status == DriftTaskStatus.Failed && task.LastRun?.Message is { } message)
            {
                text.Append("      error: ").Append(message).Append('\n');
            }
        }
    }

    internal static string Word(DriftTaskStatus status) => status == DriftTaskStatus.InSync ? "in sync" : status.ToString().ToLowerInvariant();

    private static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
