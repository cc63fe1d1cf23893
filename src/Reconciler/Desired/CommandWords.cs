using System.Text;

namespace GitOps.Reconciler.Desired;

/// <summary>Splits a command written as one string into arguments the way compose does: on spaces, honouring '…' and "…" quotes.</summary>
public static class CommandWords
{
    /// <summary>The arguments, or null when a quote is not closed.</summary>
    public static IReadOnlyList<string>? Split(string command)
    {
        var words = new List<string>();
        var current = new StringBuilder();
        var inWord = false;
        char? quote = null;
        foreach (var c in command)
        {
            if (quote is not null)
            {
                if (c == quote)
                {
                    quote = null;
                }
                else
                {
                    current.Append(c);
                }
            }
            else if (c is '\'' or '"')
            {
                quote = c;
                inWord = true;
            }
            else if (char.IsWhiteSpace(c))
            {
                if (inWord)
                {
                    words.Add(current.ToString());
                    current.Clear();
                    inWord = false;
                }
            }
            else
            {
                current.Append(c);
                inWord = true;
            }
        }
        if (quote is not null)
        {
            return null;
        }
        if (inWord)
        {
            words.Add(current.ToString());
        }
        return words;
    }
}
