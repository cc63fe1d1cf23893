using System.Globalization;
using System.Text.RegularExpressions;

namespace GitOps.Reconciler.Compose;

/// <summary>Memory sizes as compose reads them: a plain number of bytes, or a number with b, k, m, g, t (optionally kb, mb, …), in binary multiples.</summary>
public static partial class ByteSizeParser
{
    public const string Expected = "a size like 512m, 1g, 100k or a number of bytes";

    public static bool TryParse(string text, out long bytes)
    {
        bytes = 0;
        var match = SizePattern().Match(text.Trim());
        if (!match.Success || !decimal.TryParse(match.Groups[1].Value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
        {
            return false;
        }
        var multiplier = match.Groups[2].Value.ToLowerInvariant() switch
        {
            "" or "b" => 1m,
            "k" => 1024m,
            "m" => 1024m * 1024,
            "g" => 1024m * 1024 * 1024,
            "t" => 1024m * 1024 * 1024 * 1024,
            _ => 1024m * 1024 * 1024 * 1024 * 1024,
        };
        var total = number * multiplier;
        if (total > long.MaxValue)
        {
            return false;
        }
        bytes = (long)decimal.Round(total);
        return true;
    }

    [GeneratedRegex("^([0-9]+(?:\\.[0-9]+)?)\\s*(?:([bkmgtpBKMGTP])(?:i?[bB])?)?$")]
    private static partial Regex SizePattern();
}
