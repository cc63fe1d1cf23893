namespace GitOps.Reconciler.Tests.Desired;

/// <summary>
/// An independent, deliberately naive reading of crontab(5) used as the reference in translation tests:
/// a minute matches when every field matches, with Vixie cron's day rule (if either day field starts with
/// '*', both must match; otherwise either may).
/// </summary>
public sealed class CrontabMatcher
{
    private static readonly string[] Months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
    private static readonly string[] Days = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];

    private readonly HashSet<int>[] _sets;
    private readonly bool _dayStar;

    public CrontabMatcher(string expression)
    {
        var f = expression.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        _sets =
        [
            Expand(f[0], 0, 59, null, 0), Expand(f[1], 0, 23, null, 0), Expand(f[2], 1, 31, null, 0),
            Expand(f[3], 1, 12, Months, 1), Expand(f[4], 0, 7, Days, 0),
        ];
        if (_sets[4].Contains(7))
        {
            _sets[4].Add(0);
        }
        _dayStar = f[2][0] == '*' || f[4][0] == '*';
    }

    public bool DayMatches(DateTime t)
    {
        var dom = _sets[2].Contains(t.Day);
        var dow = _sets[4].Contains((int)t.DayOfWeek);
        return _sets[3].Contains(t.Month) && (_dayStar ? dom && dow : dom || dow);
    }

    /// <summary>The first matching minute strictly after <paramref name="after"/>, searching at most <paramref name="years"/> years.</summary>
    public DateTime? Next(DateTime after, int years = 9)
    {
        var t = new DateTime(after.Year, after.Month, after.Day, after.Hour, after.Minute, 0, DateTimeKind.Utc).AddMinutes(1);
        var end = after.AddYears(years);
        while (t < end)
        {
            if (!DayMatches(t))
            {
                t = t.Date.AddDays(1);
            }
            else if (!_sets[1].Contains(t.Hour))
            {
                t = new DateTime(t.Year, t.Month, t.Day, t.Hour, 0, 0, DateTimeKind.Utc).AddHours(1);
            }
            else if (!_sets[0].Contains(t.Minute))
            {
                t = t.AddMinutes(1);
            }
            else
            {
                return t;
            }
        }
        return null;
    }

    private static HashSet<int> Expand(string field, int min, int max, string[]? names, int nameBase)
    {
        var set = new HashSet<int>();
        foreach (var item in field.Split(','))
        {
            var parts = item.Split('/');
            var step = parts.Length > 1 ? int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture) : 1;
            int lo, hi;
            if (parts[0] == "*")
            {
                (lo, hi) = (min, max);
            }
            else
            {
                var bounds = parts[0].Split('-');
                lo = Value(bounds[0], names, nameBase);
                hi = bounds.Length > 1 ? Value(bounds[1], names, nameBase) : lo;
            }
            for (var v = lo; v <= hi; v += step)
            {
                set.Add(v);
            }
        }
        return set;
    }

    private static int Value(string text, string[]? names, int nameBase) =>
        char.IsAsciiDigit(text[0])
            ? int.Parse(text, System.Globalization.CultureInfo.InvariantCulture)
            : Array.IndexOf(names!, text.ToLowerInvariant()) + nameBase;
}
