using System.Globalization;
using System.Text;
using GitOps.Reconciler.Reporting;
using GitOps.Reconciler.Reporting.Drift;

namespace GitOps.Daemon.Rendering;

/// <summary>
/// A drift report for people: a header with host, revision and overall status, then per stack its resources
/// with status and since when, and under each the differing fields
/// (<c>image: want X, have Y (changed on the host)</c>). ANSI colour only when asked for (a terminal);
/// plain text otherwise. Values are masked and shortened as in plans.
/// </summary>
public static class DriftTable
{
    public static string Render(DriftReport report, bool colour = false)
    {
        ArgumentNullException.ThrowIfNull(report);
        var paint = new Paint(colour);
        var text = new StringBuilder();
        text.Append("host ").Append(report.Host).Append("  revision ").Append(Revision(report.Revision))
            .Append("  at ").Append(Time(report.GeneratedAt)).Append('\n');
        text.Append("status: ").Append(paint.Status(report.Status)).Append('\n');
        if (report.Stalled is { } stall)
        {
            text.Append("stalled: ").Append(stall.Reason).Append('\n');
            foreach (var diagnostic in stall.Diagnostics)
            {
                text.Append("  ").Append(diagnostic).Append('\n');
            }
        }
        if (report.Rollout is { } rollout)
        {
            // A newer commit waits for the fleet's waves; the rows below are the revision the host runs.
            text.Append(rollout.Halted ? "rollout halted: " : "rollout: ").Append(rollout.Waiting)
                .Append(" (commit ").Append(rollout.Commit[..Math.Min(12, rollout.Commit.Length)]).Append(", wave ").Append(rollout.Wave).Append(")\n");
        }
        if (report.LastError is { } error)
        {
            text.Append("last error: ").Append(error).Append('\n');
        }
        if (report.Resources.Count == 0)
        {
            text.Append("\nNo stacks on this host and none targeted at it.\n");
        }
        foreach (var stack in report.Resources.GroupBy(r => r.Stack))
        {
            text.Append('\n');
            Stack(text, paint, stack.ToList());
        }
        DriftTaskTable.Render(text, report.Tasks ?? GitOps.Reconciler.Common.ValueList<DriftTask>.Empty);
        DriftModelTable.Render(text, report.Models ?? GitOps.Reconciler.Common.ValueList<DriftModel>.Empty);
        return text.ToString();
    }

    private static void Stack(StringBuilder text, Paint paint, IReadOnlyList<DriftResource> rows)
    {
        var header = rows.FirstOrDefault(r => r.Kind == DriftKind.Stack);
        text.Append("stack ").Append(rows[0].Stack);
        if (header is not null)
        {
            text.Append(": ").Append(paint.Status(header.Status)).Append(Why(header));
        }
        text.Append('\n');
        var members = rows.Where(r => r.Kind != DriftKind.Stack).ToList();
        var kindWidth = members.Select(r => Kind(r.Kind).Length).DefaultIfEmpty(0).Max();
        var nameWidth = members.Select(r => r.Name.Length).DefaultIfEmpty(0).Max();
        var statusWidth = members.Select(r => Word(r.Status).Length).DefaultIfEmpty(0).Max();
        foreach (var row in members)
        {
            text.Append("  ").Append(Kind(row.Kind).PadRight(kindWidth)).Append("  ").Append(row.Name.PadRight(nameWidth)).Append("  ")
                .Append(paint.Status(row.Status, statusWidth)).Append("  since ").Append(Time(row.Since)).Append(Why(row)).Append('\n');
            foreach (var difference in row.Differences)
            {
                text.Append("      ").Append(FieldValueText.Line(difference.Field, difference.Desired, difference.Actual)).Append(Cause(row.Cause)).Append('\n');
            }
            if (row.LastError is { } error)
            {
                text.Append("      error: ").Append(error).Append('\n');
            }
            // The tail of the logs is enough to see why on a terminal; --json has all of them.
            foreach (var line in (row.Logs ?? GitOps.Reconciler.Common.ValueList<string>.Empty).TakeLast(LogTail))
            {
                text.Append("      | ").Append(line).Append('\n');
            }
        }
    }

    /// <summary>How many of a resource's log lines the table shows.</summary>
    public const int LogTail = 10;

    private static string Why(DriftResource row)
    {
        // A stack's own cause only says "some resource changed in git"; its resources tell the full story.
        var cause = row.Differences.Count == 0 && row.Kind != DriftKind.Stack ? CauseWords(row.Cause) : null;
        var parts = new[] { row.Note, cause }.Where(p => p is not null);
        var joined = string.Join("; ", parts);
        return joined.Length == 0 ? "" : " (" + joined + ")";
    }

    private static string Cause(DriftCause? cause) => CauseWords(cause) is { } words ? " (" + words + ")" : "";

    private static string? CauseWords(DriftCause? cause) => cause switch
    {
        DriftCause.Git => "changed in git",
        DriftCause.Host => "changed on the host",
        _ => null,
    };

    private static string Revision(DriftRevision? revision) => revision is null
        ? "(none yet)"
        : revision.Ref + " @ " + revision.Commit[..Math.Min(12, revision.Commit.Length)] + (revision.Verified ? " (verified)" : " (not verified)");

    private static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static string Kind(DriftKind kind) => kind.ToString().ToLowerInvariant();

    internal static string Word(ResourceStatus status) => ResourceStatusText.Word(status);
}
