using System.Globalization;
using GitOps.Reconciler.Compose;

namespace GitOps.Reconciler.Configuration;

/// <summary>Durations in the agent's config: compose's notation (<c>500ms</c>, <c>30s</c>, <c>1m30s</c>) or plain seconds.</summary>
public static class DurationText
{
    public static bool TryParse(string text, out TimeSpan value)
    {
        var trimmed = text.Trim();
        if (long.TryParse(trimmed, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            value = TimeSpan.FromSeconds(seconds);
            return true;
        }
        return DurationParser.TryParse(trimmed, out value);
    }
}
