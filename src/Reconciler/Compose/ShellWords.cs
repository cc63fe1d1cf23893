using System.Text;

namespace GitOps.Reconciler.Compose;

/// <summary>Splits a command string into words the way compose does (POSIX shell quoting, no expansion).</summary>
public static class ShellWords
{
    /// <summary>The words, or null with <paramref name="error"/> set for an unterminated quote or trailing backslash.</summary>
    public static IReadOnlyList<string>? Split(string text, out string? error)
    {
        error = null;
        var words = new List<string>();
        var word = new StringBuilder();
        var inWord = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                if (inWord)
                {
                    words.Add(word.ToString());
                    word.Clear();
                    inWord = false;
                }
                continue;
            }
            inWord = true;
            if (c == '\'')
            {
                var end = text.IndexOf('\'', i + 1);
                if (end < 0)
                {
                    error = "unterminated single quote";
                    return null;
                }
                word.Append(text, i + 1, end - i - 1);
                i = end;
            }
            else if (c == '"')
            {
                i = ReadDoubleQuoted(text, i + 1, word);
                if (i < 0)
                {
                    error = "unterminated double quote";
                    return null;
                }
            }
            else if (c == '\\')
            {
                if (i + 1 >= text.Length)
                {
                    error = "trailing backslash";
                    return null;
                }
                word.Append(text[++i]);
            }
            else
            {
                word.Append(c);
            }
        }
        if (inWord)
        {
            words.Add(word.ToString());
        }
        return words;
    }

    /// <summary>Appends a double-quoted section starting after its opening quote; returns the closing quote's index or -1.</summary>
    private static int ReadDoubleQuoted(string text, int start, StringBuilder word)
    {
        for (var i = start; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '"')
            {
                return i;
            }
            if (c == '\\' && i + 1 < text.Length && text[i + 1] is '"' or '\\' or '$' or '`')
            {
                word.Append(text[++i]);
                continue;
            }
            word.Append(c);
        }
        return -1;
    }
}
