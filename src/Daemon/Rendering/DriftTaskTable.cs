using System.Globalization;
using System.Text;

using GitOps.Reconciler.Reporting;
using GitOps.Reconciler.Reporting.Drift;

namespace GitOps.Daemon.Rendering;

/// <summary>The drift table's tasks section: one line per task (status, next fire, last run), then its differences.</summary>
internal static class DriftTaskTable
{
    private static readonly DriftKindSection<DriftTask> Section = new(
        "tasks",
        task => task.Name,
        task => Word(task.Status),
        task => "  next " + (task.NextFire is { } next ? Time(next) : "-")
            + "  last " + (task.LastRun is { } run ? $"{run.Outcome.ToString().ToLowerInvariant()} at {Time(run.StartedAt)}" : "-"),
        task => task.SuspendedBy is { } by ? "suspended by " + by : null,
        Details);

    public static void Render(StringBuilder text, IReadOnlyList<DriftTask> tasks) => Section.Render(text, tasks);

    internal static string Word(DriftTaskStatus status) => status == DriftTaskStatus.InSync ? "in sync" : status.ToString().ToLowerInvariant();

    private static IEnumerable<string> Details(DriftTask task)
    {
        foreach (var difference in task.Differences)
        {
            yield return FieldValueText.Line(difference.Field, difference.Desired, difference.Actual);
        }
        if (task.Status == DriftTaskStatus.Failed && task.LastRun?.Message is { } message)
        {
            yield return "error: " + message;
        }
    }

    private static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
