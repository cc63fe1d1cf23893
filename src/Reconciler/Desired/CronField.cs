using System.Globalization;
using GitOps.Reconciler.Diagnostics;

namespace GitOps.Reconciler.Desired;

/// <summary>
/// One field of a 5-field crontab schedule: its range, its optional names, and the parser that turns
/// its text (<c>*</c>, <c>n</c>, <c>a-b</c>, <c>*/s</c>, <c>a-b/s</c>, lists of these) into the set of values it matches.
/// </summary>
public sealed record CronField(string Name, int Min, int Max, IReadOnlyList<string>? Names = null, int NameBase = 0)
{
    public static readonly CronField Minute = new("minute", 0, 59);
    public static readonly CronField Hour = new("hour", 0, 23);
    public static readonly CronField DayOfMonth = new("day-of-month", 1, 31);
    public static readonly CronField Month = new("month", 1, 12,
        ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"], NameBase: 1);

    /// <summary>0-7 with both 0 and 7 meaning Sunday.</summary>
    public static readonly CronField DayOfWeek = new("day-of-week", 0, 7, ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"]);

    public static readonly IReadOnlyList<CronField> All = [Minute, Hour, DayOfMonth, Month, DayOfWeek];

    /// <summary>
    /// The values <paramref name="text"/> matches (day-of-week 7 folded into 0), or null after reporting.
    /// <paramref name="at"/> is the position of the field's first character; errors point at the offending entry.
    /// </summary>
    public SortedSet<int>? Parse(string text, SourcePosition at, DiagnosticBag diagnostics)
    {
        var values = new SortedSet<int>();
        var offset = 0;
        var ok = true;
        foreach (var item in text.Split(','))
        {
            var itemAt = at with { Column = at.Column + offset };
            offset += item.Length + 1;
            ok &= ParseItem(item, itemAt, diagnostics, values);
        }
        if (this == DayOfWeek && values.Remove(7))
        {
            values.Add(0);
        }
        return ok ? values : null;
    }

    private bool ParseItem(string item, SourcePosition at, DiagnosticBag diagnostics, SortedSet<int> into)
    {
        if (item.Length == 0)
        {
            diagnostics.Error(at, $"empty entry in {Name} field; expected a value, a range a-b, a step */n or a-b/n");
            return false;
        }
        var slash = item.IndexOf('/', StringComparison.Ordinal);
        var range = slash < 0 ? item : item[..slash];
        var step = 1;
        if (slash >= 0)
        {
            var stepText = item[(slash + 1)..];
            var stepAt = at with { Column = at.Column + slash + 1 };
            if (!int.TryParse(stepText, NumberStyles.None, CultureInfo.InvariantCulture, out step) || step < 1)
            {
                diagnostics.Error(stepAt, $"invalid step '{stepText}' in {Name} field; expected a whole number of at least 1");
                return false;
            }
            if (range != "*" && !range.Contains('-', StringComparison.Ordinal))
            {
                diagnostics.Error(at, $"step '/{stepText}' in {Name} field needs a range or '*', as in '*/{stepText}' or '{range}-{Max}/{stepText}'");
                return false;
            }
        }
        int first, last;
        if (range == "*")
        {
            (first, last) = (Min, Max);
        }
        else
        {
            var dash = range.IndexOf('-', StringComparison.Ordinal);
            var lowText = dash < 0 ? range : range[..dash];
            var low = Value(lowText, at, diagnostics);
            var high = dash < 0 ? low : Value(range[(dash + 1)..], at with { Column = at.Column + dash + 1 }, diagnostics);
            if (low is null || high is null)
            {
                return false;
            }
            if (high < low)
            {
                diagnostics.Error(at, $"range '{range}' in {Name} field is reversed; expected the smaller value first");
                return false;
            }
            (first, last) = (low.Value, high.Value);
        }
        for (var v = first; v <= last; v += step)
        {
            into.Add(v);
        }
        return true;
    }

    private int? Value(string text, SourcePosition at, DiagnosticBag diagnostics)
    {
        if (text.Length > 0 && text.All(char.IsAsciiDigit))
        {
            if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number >= Min && number <= Max)
            {
                return number;
            }
            diagnostics.Error(at, $"{Name} value {text} is out of range {Min}-{Max}");
            return null;
        }
        if (Names is not null && text.Length > 0 && text.All(char.IsAsciiLetter))
        {
            var index = Names.ToList().FindIndex(n => n.Equals(text, StringComparison.OrdinalIgnoreCase));
            if (index >= 0)
            {
                return index + NameBase;
            }
            diagnostics.Error(at, $"unknown {Name} name '{text}'; expected {Names[0]}-{Names[^1]} or a number {Min}-{Max}");
            return null;
        }
        var expected = Names is null ? $"a number {Min}-{Max}" : $"a number {Min}-{Max} or a name {Names[0]}-{Names[^1]}";
        diagnostics.Error(at, $"invalid {Name} value '{text}'; expected {expected}");
        return null;
    }
}
