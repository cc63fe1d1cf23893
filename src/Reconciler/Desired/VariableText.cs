using System.Text;
using GitOps.Reconciler.Diagnostics;

namespace GitOps.Reconciler.Desired;

/// <summary>
/// Substitutes host variables into task fields: <c>$NAME</c>, <c>${NAME}</c>, <c>${NAME:-default}</c>
/// (default when unset or empty), <c>${NAME-default}</c> (default when unset), and <c>$$</c> for a literal '$'.
/// A variable that is unset and has no default is an error: a task must not run with a half-filled image name.
/// </summary>
public static class VariableText
{
    public static string? Substitute(string text, IReadOnlyDictionary<string, string> variables, SourcePosition at, DiagnosticBag diagnostics, string host)
    {
        var result = new StringBuilder();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (c != '$' || i + 1 >= text.Length)
            {
                result.Append(c);
                i++;
                continue;
            }
            var next = text[i + 1];
            if (next == '$')
            {
                result.Append('$');
                i += 2;
                continue;
            }
            string name;
            string? fallback = null;
            var fallbackWhenEmpty = false;
            if (next == '{')
            {
                var close = text.IndexOf('}', i + 2);
                if (close < 0)
                {
                    diagnostics.Error(at, $"unterminated '${{' in '{text}'");
                    return null;
                }
                var inner = text[(i + 2)..close];
                var colonDash = inner.IndexOf(":-", StringComparison.Ordinal);
                var dash = inner.IndexOf('-', StringComparison.Ordinal);
                if (colonDash >= 0 && colonDash <= dash)
                {
                    (name, fallback, fallbackWhenEmpty) = (inner[..colonDash], inner[(colonDash + 2)..], true);
                }
                else if (dash >= 0)
                {
                    (name, fallback) = (inner[..dash], inner[(dash + 1)..]);
                }
                else
                {
                    name = inner;
                }
                i = close + 1;
            }
            else
            {
                var end = i + 1;
                while (end < text.Length && (char.IsAsciiLetterOrDigit(text[end]) || text[end] == '_'))
                {
                    end++;
                }
                name = text[(i + 1)..end];
                i = end;
            }
            if (!VariableDeclarations.IsValidName(name))
            {
                diagnostics.Error(at, $"invalid variable reference in '{text}'; expected $NAME, ${{NAME}} or ${{NAME:-default}} (write $$ for a literal '$')");
                return null;
            }
            var found = variables.TryGetValue(name, out var value);
            if (found && !(fallbackWhenEmpty && value!.Length == 0))
            {
                result.Append(value);
            }
            else if (fallback is not null)
            {
                result.Append(fallback);
            }
            else
            {
                diagnostics.Error(at, $"variable '{name}' is not set for host '{host}' and has no default; set it in inventory.yaml or write ${{{name}:-default}}");
                return null;
            }
        }
        return result.ToString();
    }
}
