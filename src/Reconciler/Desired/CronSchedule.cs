using GitOps.Reconciler.Common;
using GitOps.Reconciler.Diagnostics;

namespace GitOps.Reconciler.Desired;

/// <summary>
/// Validates a crontab schedule (5 fields or an <c>@hourly</c>-style macro) and translates it into
/// Quartz cron expressions (seconds first, exactly one of day-of-month/day-of-week as <c>?</c>).
/// Each field is expanded to its value set and written out explicitly, so Quartz's own reading of
/// ranges and steps never matters. Crontab's day rule: when both day fields are restricted and neither
/// starts with '*', a day matches if EITHER matches; Quartz cannot say that in one expression, so such
/// a schedule becomes two (one per day field) and fires whenever either does.
/// </summary>
public static class CronSchedule
{
    public static readonly IReadOnlyDictionary<string, string> Macros = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["@yearly"] = "0 0 1 1 *",
        ["@annually"] = "0 0 1 1 *",
        ["@monthly"] = "0 0 1 * *",
        ["@weekly"] = "0 0 * * 0",
        ["@daily"] = "0 0 * * *",
        ["@midnight"] = "0 0 * * *",
        ["@hourly"] = "0 * * * *",
    };

    /// <summary>
    /// The Quartz expressions for <paramref name="schedule"/>, or null after reporting. <paramref name="at"/>
    /// is the position of the schedule's first character; errors point at the offending field entry.
    /// </summary>
    public static ValueList<string>? ToQuartz(string schedule, SourcePosition at, DiagnosticBag diagnostics)
    {
        var text = schedule.Trim();
        if (text.StartsWith('@'))
        {
            if (Macros.TryGetValue(text.ToLowerInvariant(), out var expanded))
            {
                return ToQuartz(expanded, at, new DiagnosticBag());
            }
            diagnostics.Error(at, $"unknown schedule '{text}'; expected 5 cron fields or one of {string.Join(", ", Macros.Keys)}");
            return null;
        }
        var fields = Fields(schedule);
        if (fields.Count != 5)
        {
            diagnostics.Error(at, $"schedule '{text}' has {fields.Count} field{(fields.Count == 1 ? "" : "s")}; expected 5 (minute hour day-of-month month day-of-week) or a macro such as @hourly");
            return null;
        }
        var sets = new SortedSet<int>?[5];
        for (var i = 0; i < 5; i++)
        {
            sets[i] = CronField.All[i].Parse(fields[i].Text, at with { Column = at.Column + fields[i].Offset }, diagnostics);
        }
        if (sets.Any(s => s is null))
        {
            return null;
        }
        var minute = List(sets[0]!, CronField.Minute);
        var hour = List(sets[1]!, CronField.Hour);
        var month = List(sets[3]!, CronField.Month);
        var dayOfMonth = sets[2]!;
        var dayOfWeek = sets[4]!;
        var domFull = dayOfMonth.Count == 31;
        var dowFull = dayOfWeek.Count == 7;
        var domList = List(dayOfMonth, CronField.DayOfMonth);
        var dowList = Runs(dayOfWeek.Select(d => d + 1));
        string Expression(string dom, string dow) => $"0 {minute} {hour} {dom} {month} {dow}";

        var eitherStarred = fields[2].Text.StartsWith('*') || fields[4].Text.StartsWith('*');
        if (domFull && dowFull)
        {
            return ValueList.Of(Expression("*", "?"));
        }
        if (eitherStarred)
        {
            // Crontab requires both day fields to match here; Quartz can only restrict one of them.
            if (domFull)
            {
                return ValueList.Of(Expression("?", dowList));
            }
            if (dowFull)
            {
                if (!DayOccurs(dayOfMonth, sets[3]!))
                {
                    diagnostics.Error(at with { Column = at.Column + fields[2].Offset }, NeverOccurs(fields[2].Text, fields[3].Text) + ", so the schedule never fires");
                    return null;
                }
                return ValueList.Of(Expression(domList, "?"));
            }
            diagnostics.Error(at with { Column = at.Column + fields[2].Offset },
                $"day-of-month '{fields[2].Text}' and day-of-week '{fields[4].Text}' are both restricted and one starts with '*', so crontab requires both to match; that cannot be scheduled, restrict only one of them");
            return null;
        }
        if (domFull || dowFull)
        {
            return ValueList.Of(Expression("*", "?"));
        }
        if (!DayOccurs(dayOfMonth, sets[3]!))
        {
            // Quartz refuses a trigger that can never fire, and crontab would only ever fire on the weekdays.
            diagnostics.Warning(at with { Column = at.Column + fields[2].Offset }, NeverOccurs(fields[2].Text, fields[3].Text) + $", so only day-of-week '{fields[4].Text}' fires the schedule");
            return ValueList.Of(Expression("?", dowList));
        }
        return ValueList.Of(Expression(domList, "?"), Expression("?", dowList));
    }

    /// <summary>True when some day of <paramref name="days"/> exists in some month of <paramref name="months"/> (29 February counts: leap years have it).</summary>
    private static bool DayOccurs(SortedSet<int> days, SortedSet<int> months) =>
        months.Any(m => days.Min <= DateTime.DaysInMonth(2024, m));

    private static string NeverOccurs(string days, string months) =>
        $"day-of-month '{days}' does not occur in month '{months}'";

    private static List<(string Text, int Offset)> Fields(string schedule)
    {
        var fields = new List<(string, int)>();
        var i = 0;
        while (i < schedule.Length)
        {
            if (char.IsWhiteSpace(schedule[i]))
            {
                i++;
                continue;
            }
            var start = i;
            while (i < schedule.Length && !char.IsWhiteSpace(schedule[i]))
            {
                i++;
            }
            fields.Add((schedule[start..i], start));
        }
        return fields;
    }

    private static string List(SortedSet<int> values, CronField field) =>
        values.Count == field.Max - field.Min + 1 ? "*" : Runs(values);

    /// <summary>Ascending values as a Quartz list with consecutive runs collapsed: 1,2,3,5 → "1-3,5".</summary>
    private static string Runs(IEnumerable<int> ascending)
    {
        var parts = new List<string>();
        int? start = null, previous = null;
        foreach (var v in ascending)
        {
            if (previous == v - 1)
            {
                previous = v;
                continue;
            }
            if (start is not null)
            {
                parts.Add(start == previous ? $"{start}" : $"{start}-{previous}");
            }
            start = previous = v;
        }
        if (start is not null)
        {
            parts.Add(start == previous ? $"{start}" : $"{start}-{previous}");
        }
        return string.Join(',', parts);
    }
}
