using GitOps.Reconciler.Reporting;
using GitOps.Reconciler.Reporting.Drift;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace GitOps.Daemon.Rendering;

/// <summary>
/// A drift report for a person at a terminal: the header lines of <see cref="DriftTable"/>, then one Spectre table of
/// every resource (stack, kind, name, coloured status, since, what differs and why). A pipe gets <see cref="DriftTable"/>.
/// </summary>
public static class DriftConsole
{
    public static void Write(DriftReport report, IAnsiConsole console)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(console);
        // The header is the plain table's own (host, revision, status, stall, last error), its status in colour.
        var header = DriftTable.Render(report with { Resources = GitOps.Reconciler.Common.ValueList<DriftResource>.Empty }, colour: true);
        console.Profile.Out.Writer.Write(header[..(header.IndexOf("\n\n", StringComparison.Ordinal) + 1)]);
        if (report.Resources.Count == 0)
        {
            console.WriteLine("No stacks on this host and none targeted at it.");
            return;
        }
        var table = new Table().Border(TableBorder.Rounded)
            .AddColumn("stack").AddColumn("kind").AddColumn("name").AddColumn("status").AddColumn("since (UTC)").AddColumn("details");
        foreach (var row in report.Resources)
        {
            table.AddRow(
                new Text(row.Stack), new Text(row.Kind.ToString().ToLowerInvariant()), new Text(row.Name),
                new Text(DriftTable.Word(row.Status), new Style(Paint.ColourOf(row.Status))),
                new Text(row.Since.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture)),
                Details(row));
        }
        console.Write(table);
    }

    private static IRenderable Details(DriftResource row)
    {
        var lines = new List<string>();
        if (row.Note is { } note)
        {
            lines.Add(note);
        }
        lines.AddRange(row.Differences.Select(d =>
            FieldValueText.Line(d.Field, d.Desired, d.Actual)
            + (row.Cause switch { DriftCause.Git => " (changed in git)", DriftCause.Host => " (changed on the host)", _ => "" })));
        if (row.LastError is { } error)
        {
            lines.Add("error: " + error);
        }
        lines.AddRange((row.Logs ?? GitOps.Reconciler.Common.ValueList<string>.Empty).TakeLast(DriftTable.LogTail).Select(l => "| " + l));
        return new Text(string.Join('\n', lines));
    }
}
