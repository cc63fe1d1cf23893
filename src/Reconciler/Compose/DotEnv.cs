using GitOps.Reconciler.Diagnostics;

namespace GitOps.Reconciler.Compose;

/// <summary>
/// Parses <c>.env</c> and env_file content: <c>KEY=value</c> lines, <c>export KEY=value</c>, comments,
/// single-quoted (literal) and double-quoted (with \n, \t, \\, \" escapes) values, and inline
/// <c> #</c> comments after unquoted values. Values are not interpolated here (see <see cref="DotEnvInterpolation"/>);
/// each entry says whether it was single-quoted, which keeps it literal.
/// </summary>
public static class DotEnv
{
    public static IReadOnlyList<DotEnvEntry> Parse(string text, string file, DiagnosticBag diagnostics)
    {
        ArgumentNullException.ThrowIfNull(text);
        var result = new List<DotEnvEntry>();
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            var position = new SourcePosition(file, i + 1, 1);
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }
            if (line.StartsWith("export ", StringComparison.Ordinal))
            {
                line = line["export ".Length..].TrimStart();
            }
            var eq = line.IndexOf('=', StringComparison.Ordinal);
            var key = (eq < 0 ? line : line[..eq]).Trim();
            if (!IsValidKey(key))
            {
                diagnostics.Error(position, $"invalid variable name '{key}'; expected KEY=value with a name of letters, digits and '_'");
                continue;
            }
            if (eq < 0)
            {
                diagnostics.Error(position, $"expected KEY=value, found '{key}' without '='");
                continue;
            }
            var raw = line[(eq + 1)..].Trim();
            var value = ParseValue(raw, position, diagnostics);
            if (value is not null)
            {
                result.Add(new DotEnvEntry(key, value, position, Literal: raw.StartsWith('\'')));
            }
        }
        return result;
    }

    public static bool IsValidKey(string key) =>
        key.Length > 0 && !char.IsAsciiDigit(key[0]) && key.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or '-');

    private static string? ParseValue(string raw, SourcePosition position, DiagnosticBag diagnostics)
    {
        if (raw.Length > 0 && raw[0] is '\'' or '"')
        {
            var quote = raw[0];
            var end = quote == '\'' ? raw.IndexOf('\'', 1) : ClosingDoubleQuote(raw);
            if (end < 0)
            {
                diagnostics.Error(position, $"unterminated {(quote == '\'' ? "single" : "double")}-quoted value");
                return null;
            }
            var inner = raw[1..end];
            return quote == '\'' ? inner : Unescape(inner);
        }
        var comment = raw.IndexOf(" #", StringComparison.Ordinal);
        return (comment >= 0 ? raw[..comment] : raw).TrimEnd();
    }

    private static int ClosingDoubleQuote(string raw)
    {
        for (var i = 1; i < raw.Length; i++)
        {
            if (raw[i] == '\\')
            {
                i++;
            }
            else if (raw[i] == '"')
            {
                return i;
            }
        }
        return -1;
    }

    private static string Unescape(string value) => value
        .Replace("\\\\", "\u0000", StringComparison.Ordinal)
        .Replace("\\n", "\n", StringComparison.Ordinal)
        .Replace("\\t", "\t", StringComparison.Ordinal)
        .Replace("\\\"", "\"", StringComparison.Ordinal)
        .Replace("\u0000", "\\", StringComparison.Ordinal);
}
