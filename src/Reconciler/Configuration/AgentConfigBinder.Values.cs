using System.Globalization;
using System.Text.RegularExpressions;

namespace GitOps.Reconciler.Configuration;

/// <summary>Typed readers over the raw settings; each reports a wrong value with its origin and returns null or a fallback.</summary>
internal sealed partial class AgentConfigBinder
{
    private string? Text(string key) => settings.TryGetValue(key, out var s) ? s.Value : null;

    private string? FilePath(string key) => Text(key) is { } path ? Path.GetFullPath(path, baseDirectory) : null;

    private bool? Bool(string key)
    {
        switch (Text(key)?.ToLowerInvariant())
        {
            case null:
                return null;
            case "true" or "yes" or "on" or "1":
                return true;
            case "false" or "no" or "off" or "0":
                return false;
            default:
                Error(key, $"expected true or false, found '{Text(key)}'");
                return null;
        }
    }

    private int? Integer(string key, int min, int max)
    {
        var text = Text(key);
        if (text is null)
        {
            return null;
        }
        if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
        {
            return value;
        }
        Error(key, $"expected a whole number from {min} to {max}, found '{text}'");
        return null;
    }

    private TimeSpan? Duration(string key)
    {
        var text = Text(key);
        if (text is null)
        {
            return null;
        }
        if (DurationText.TryParse(text, out var value))
        {
            return value;
        }
        Error(key, $"expected a duration like 30s, 5m or 1h, found '{text}'");
        return null;
    }

    private double? Percent(string key, double max)
    {
        var text = Text(key);
        if (text is null)
        {
            return null;
        }
        var isPercent = text.EndsWith('%');
        if (double.TryParse(isPercent ? text[..^1] : text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
        {
            var fraction = isPercent ? number / 100 : number;
            if (fraction >= 0 && fraction <= max)
            {
                return fraction;
            }
        }
        Error(key, $"expected a percentage from 0% to {max * 100:0}% (or a fraction like 0.1), found '{text}'");
        return null;
    }

    private T Choice<T>(string key, T fallback, params (string Name, T Value)[] choices)
    {
        var text = Text(key);
        if (text is null)
        {
            return fallback;
        }
        foreach (var (name, value) in choices)
        {
            if (string.Equals(name, text, StringComparison.OrdinalIgnoreCase))
            {
                return value;
            }
        }
        Error(key, $"expected one of {string.Join(", ", choices.Select(c => c.Name).Distinct())}, found '{text}'");
        return fallback;
    }

    private void Error(string key, string message)
    {
        var origin = settings.TryGetValue(key, out var s) ? s.Origin : key;
        _errors.Add($"{origin}: {key}: {message}");
    }

    [GeneratedRegex("^[A-Za-z0-9_][A-Za-z0-9._-]{0,252}$")]
    private static partial Regex HostName();

    [GeneratedRegex("^[0-9a-fA-F]{40}$")]
    private static partial Regex FullCommitId();
}
