using System.Text;

namespace GitOps.Reconciler.Compose;

/// <summary>
/// Compose variable interpolation of one string: <c>$VAR</c>, <c>${VAR}</c>, <c>${VAR:-d}</c>, <c>${VAR-d}</c>,
/// <c>${VAR:?msg}</c>, <c>${VAR?msg}</c>, <c>${VAR:+x}</c>, <c>${VAR+x}</c>, nested words and <c>$$</c> for a literal <c>$</c>.
/// Only the given variables are consulted, never the process environment.
/// </summary>
public static class Interpolation
{
    /// <summary>Expands <paramref name="text"/>; on failure the result carries the reason instead of a value.</summary>
    public static InterpolationResult Expand(string text, IReadOnlyDictionary<string, string> variables)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(variables);
        var unset = new List<string>();
        var output = new StringBuilder(text.Length);
        var error = ExpandInto(text, variables, output, unset);
        return error is null ? InterpolationResult.Ok(output.ToString(), [.. unset.Distinct(StringComparer.Ordinal)]) : InterpolationResult.Fail(error);
    }

    /// <summary>Appends the expansion of <paramref name="text"/>; returns an error message or null.</summary>
    private static string? ExpandInto(string text, IReadOnlyDictionary<string, string> variables, StringBuilder output, List<string> unset)
    {
        var i = 0;
        while (i < text.Length)
        {
            var dollar = text.IndexOf('$', i);
            if (dollar < 0)
            {
                output.Append(text, i, text.Length - i);
                return null;
            }
            output.Append(text, i, dollar - i);
            var (next, error) = ExpandAt(text, dollar, variables, output, unset);
            if (error is not null)
            {
                return error;
            }
            i = next;
        }
        return null;
    }

    /// <summary>Expands the <c>$</c> expression starting at <paramref name="dollar"/>, appending its value.</summary>
    private static (int Next, string? Error) ExpandAt(string text, int dollar, IReadOnlyDictionary<string, string> variables, StringBuilder output, List<string> unset)
    {
        var next = dollar + 1;
        if (next < text.Length && text[next] == '$')
        {
            output.Append('$');
            return (next + 1, null);
        }
        if (next < text.Length && text[next] == '{')
        {
            return ExpandBraced(text, next + 1, variables, output, unset);
        }
        var nameEnd = NameEnd(text, next);
        if (nameEnd == next)
        {
            // Like compose: a '$' that starts no expression ("costs $5", a trailing '$') stays as written.
            output.Append('$');
            return (next, null);
        }
        Lookup(text[next..nameEnd], variables, output, unset);
        return (nameEnd, null);
    }

    private static (int Next, string? Error) ExpandBraced(string text, int start, IReadOnlyDictionary<string, string> variables, StringBuilder output, List<string> unset)
    {
        var nameEnd = NameEnd(text, start);
        var close = MatchingBrace(text, nameEnd);
        if (nameEnd == start || close < 0)
        {
            return (0, $"invalid interpolation in '{text}': expected ${{NAME}} with an optional :-, -, :?, ?, :+ or + modifier");
        }
        var name = text[start..nameEnd];
        var rest = text[nameEnd..close];
        if (rest.Length == 0)
        {
            Lookup(name, variables, output, unset);
            return (close + 1, null);
        }
        var set = variables.TryGetValue(name, out var value);
        var nonEmpty = set && value!.Length > 0;
        var (op, word) = SplitModifier(rest);
        string? error = null;
        switch (op)
        {
            case ":-" or "-":
                // The word is expanded only when it is used, so ${A:-${B:?x}} does not fail while A is set.
                if (op == ":-" ? nonEmpty : set)
                {
                    output.Append(value);
                }
                else
                {
                    error = ExpandInto(word, variables, output, unset);
                }
                break;
            case ":+" or "+":
                if (op == ":+" ? nonEmpty : set)
                {
                    error = ExpandInto(word, variables, output, unset);
                }
                break;
            case ":?" or "?":
                if (op == ":?" ? nonEmpty : set)
                {
                    output.Append(value);
                }
                else
                {
                    error = Required(name, word, variables);
                }
                break;
            default:
                error = $"invalid interpolation in '{text}': unexpected '{rest}' after the variable name; expected :-, -, :?, ?, :+ or +";
                break;
        }
        return (close + 1, error);
    }

    private static void Lookup(string name, IReadOnlyDictionary<string, string> variables, StringBuilder output, List<string> unset)
    {
        if (variables.TryGetValue(name, out var value))
        {
            output.Append(value);
        }
        else
        {
            unset.Add(name);
        }
    }

    private static string Required(string name, string word, IReadOnlyDictionary<string, string> variables)
    {
        var message = new StringBuilder();
        if (ExpandInto(word, variables, message, []) is not null)
        {
            message.Clear().Append(word);
        }
        return message.Length == 0
            ? $"required variable '{name}' is missing a value"
            : $"required variable '{name}' is missing a value: {message}";
    }

    private static (string Op, string Word) SplitModifier(string rest)
    {
        if (rest.Length >= 2 && rest[0] == ':' && rest[1] is '-' or '?' or '+')
        {
            return (rest[..2], rest[2..]);
        }
        return rest[0] is '-' or '?' or '+' ? (rest[..1], rest[1..]) : (rest, "");
    }

    private static int NameEnd(string text, int start)
    {
        var i = start;
        while (i < text.Length && (text[i] == '_' || char.IsAsciiLetter(text[i]) || (i > start && char.IsAsciiDigit(text[i]))))
        {
            i++;
        }
        return i;
    }

    /// <summary>Index of the '}' closing a braced expression whose body starts at <paramref name="from"/>, skipping nested <c>${…}</c> and <c>$$</c>.</summary>
    private static int MatchingBrace(string text, int from)
    {
        var depth = 0;
        for (var i = from; i < text.Length; i++)
        {
            if (text[i] == '$' && i + 1 < text.Length && text[i + 1] is '$' or '{')
            {
                depth += text[i + 1] == '{' ? 1 : 0;
                i++;
            }
            else if (text[i] == '}')
            {
                if (depth == 0)
                {
                    return i;
                }
                depth--;
            }
        }
        return -1;
    }
}
