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
        if (!text.Contains('$', StringComparison.Ordinal))
        {
            return InterpolationResult.Ok(text);
        }
        var output = new System.Text.StringBuilder(text.Length);
        var i = 0;
        while (i < text.Length)
        {
            var dollar = text.IndexOf('$', i);
            if (dollar < 0)
            {
                output.Append(text, i, text.Length - i);
                break;
            }
            output.Append(text, i, dollar - i);
            var step = ExpandAt(text, dollar, variables, output);
            if (step.Error is not null)
            {
                return InterpolationResult.Fail(step.Error);
            }
            i = step.Next;
        }
        return InterpolationResult.Ok(output.ToString());
    }

    /// <summary>Expands the <c>$</c> expression starting at <paramref name="dollar"/>, appending its value.</summary>
    private static (int Next, string? Error) ExpandAt(string text, int dollar, IReadOnlyDictionary<string, string> variables, System.Text.StringBuilder output)
    {
        var next = dollar + 1;
        if (next < text.Length && text[next] == '$')
        {
            output.Append('$');
            return (next + 1, null);
        }
        if (next < text.Length && text[next] == '{')
        {
            return ExpandBraced(text, next + 1, variables, output);
        }
        var nameEnd = NameEnd(text, next);
        if (nameEnd == next)
        {
            // Like compose: a '$' that starts no expression ("costs $5", a trailing '$') stays as written.
            output.Append('$');
            return (next, null);
        }
        if (variables.TryGetValue(text[next..nameEnd], out var value))
        {
            output.Append(value);
        }
        return (nameEnd, null);
    }

    private static (int Next, string? Error) ExpandBraced(string text, int start, IReadOnlyDictionary<string, string> variables, System.Text.StringBuilder output)
    {
        var nameEnd = NameEnd(text, start);
        var close = MatchingBrace(text, nameEnd);
        if (nameEnd == start || close < 0)
        {
            return (0, $"invalid interpolation in '{text}': expected ${{NAME}} with an optional :-, -, :?, ?, :+ or + modifier");
        }
        var name = text[start..nameEnd];
        var set = variables.TryGetValue(name, out var value);
        var nonEmpty = set && value!.Length > 0;
        var rest = text[nameEnd..close];
        if (rest.Length == 0)
        {
            output.Append(value);
            return (close + 1, null);
        }
        var (op, word) = SplitModifier(rest);
        switch (op)
        {
            case ":-" or "-":
                {
                    var useValue = op == ":-" ? nonEmpty : set;
                    return useValue ? Append(output, value!, close) : AppendExpanded(output, word, variables, close);
                }
            case ":+" or "+":
                {
                    var useWord = op == ":+" ? nonEmpty : set;
                    return useWord ? AppendExpanded(output, word, variables, close) : (close + 1, null);
                }
            case ":?" or "?":
                {
                    var ok = op == ":?" ? nonEmpty : set;
                    if (ok)
                    {
                        return Append(output, value!, close);
                    }
                    var message = Expand(word, variables).Value ?? word;
                    return (0, message.Length == 0
                        ? $"required variable '{name}' is missing a value"
                        : $"required variable '{name}' is missing a value: {message}");
                }
            default:
                return (0, $"invalid interpolation in '{text}': unexpected '{rest}' after the variable name; expected :-, -, :?, ?, :+ or +");
        }
    }

    private static (int Next, string? Error) Append(System.Text.StringBuilder output, string value, int close)
    {
        output.Append(value);
        return (close + 1, null);
    }

    // The word is expanded only when it is used, so ${A:-${B:?x}} does not fail while A is set.
    private static (int Next, string? Error) AppendExpanded(System.Text.StringBuilder output, string word, IReadOnlyDictionary<string, string> variables, int close)
    {
        var expanded = Expand(word, variables);
        if (expanded.Error is not null)
        {
            return (0, expanded.Error);
        }
        output.Append(expanded.Value);
        return (close + 1, null);
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
            if (text[i] == '$' && i + 1 < text.Length && text[i + 1] == '$')
            {
                i++;
            }
            else if (text[i] == '$' && i + 1 < text.Length && text[i + 1] == '{')
            {
                depth++;
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
