using System.Globalization;
using System.Text.RegularExpressions;

namespace GitOps.Reconciler.Desired;

/// <summary>Durations written as compose writes them: <c>90s</c>, <c>30m</c>, <c>1h30m</c>, <c>500ms</c> (units h, m, s, ms, us).</summary>
public static partial class Duration
{
    public const string Expected = "a duration such as 90s, 30m or 1h30m";

    public static TimeSpan? Parse(string text)
    {
        var match = Pattern().Match(text.Trim());
        if (!match.Success)
        {
            return null;
        }
        var total = TimeSpan.Zero;
        foreach (Capture part in match.Groups["part"].Captures)
        {
            var unit = part.Value.TrimStart('0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '.');
            var number = double.Parse(part.Value[..^unit.Length], CultureInfo.InvariantCulture);
            total += unit switch
            {
                "h" => TimeSpan.FromHours(number),
                "m" => TimeSpan.FromMinutes(number),
                "s" => TimeSpan.FromSeconds(number),
                "ms" => TimeSpan.FromMilliseconds(number),
                _ => TimeSpan.FromMicroseconds(number),
            };
        }
        return total;
    }

    [GeneratedRegex(@"^(?<part>[0-9]+(\.[0-9]+)?(h|ms|m|s|us))+$")]
    private static partial Regex Pattern();
}
