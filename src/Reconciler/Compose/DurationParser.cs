using System.Globalization;

namespace GitOps.Reconciler.Compose;

/// <summary>Compose durations in Go's notation: a sequence of number+unit like <c>1m30s</c>, <c>1.5s</c>, <c>500ms</c>; a bare <c>0</c> is zero.</summary>
public static class DurationParser
{
    public const string Expected = "a duration with a unit like 30s, 1m30s, 1h or 500ms";

    public static bool TryParse(string text, out TimeSpan value)
    {
        value = TimeSpan.Zero;
        if (text == "0")
        {
            return true;
        }
        var i = 0;
        double ticks = 0;
        while (i < text.Length)
        {
            var numberStart = i;
            while (i < text.Length && (char.IsAsciiDigit(text[i]) || text[i] == '.'))
            {
                i++;
            }
            var unitStart = i;
            while (i < text.Length && !char.IsAsciiDigit(text[i]) && text[i] != '.')
            {
                i++;
            }
            if (!double.TryParse(text.AsSpan(numberStart, unitStart - numberStart), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
            {
                return false;
            }
            var unit = UnitTicks(text[unitStart..i]);
            if (unit is null)
            {
                return false;
            }
            ticks += number * unit.Value;
        }
        if (text.Length == 0 || ticks > TimeSpan.MaxValue.Ticks)
        {
            return false;
        }
        value = TimeSpan.FromTicks((long)Math.Round(ticks));
        return true;
    }

    private static double? UnitTicks(string unit) => unit switch
    {
        "ns" => TimeSpan.TicksPerMillisecond / 1_000_000.0,
        "us" or "µs" => TimeSpan.TicksPerMillisecond / 1_000.0,
        "ms" => TimeSpan.TicksPerMillisecond,
        "s" => TimeSpan.TicksPerSecond,
        "m" => TimeSpan.TicksPerMinute,
        "h" => TimeSpan.TicksPerHour,
        _ => null,
    };
}
