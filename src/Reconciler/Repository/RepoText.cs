using System.Text;
using GitOps.Reconciler.Diagnostics;

namespace GitOps.Reconciler.Repository;

/// <summary>
/// Decodes a repository file as UTF-8 (a byte order mark is skipped; UTF-16 with a byte order mark is accepted, as
/// YAML allows), refusing what no config file holds: a byte sequence that is not UTF-8 and a NUL character, each
/// reported at its own line and column instead of surfacing later as a garbled value or a parser's confusion.
/// </summary>
public static class RepoText
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static string? Decode(byte[] bytes, string file, DiagnosticBag diagnostics)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        ArgumentNullException.ThrowIfNull(diagnostics);
        string text;
        if (bytes is [0xFF, 0xFE, ..] or [0xFE, 0xFF, ..])
        {
            text = new StreamReader(new MemoryStream(bytes), Encoding.Unicode, detectEncodingFromByteOrderMarks: true).ReadToEnd();
        }
        else
        {
            var start = bytes is [0xEF, 0xBB, 0xBF, ..] ? 3 : 0;
            if (InvalidUtf8At(bytes, start) is { } bad)
            {
                var before = StrictUtf8.GetString(bytes, start, bad - start);
                diagnostics.Error(PositionAfter(before, file), $"not UTF-8: byte 0x{bytes[bad]:X2} at offset {bad} does not start or continue a UTF-8 character; save the file as UTF-8");
                return null;
            }
            text = StrictUtf8.GetString(bytes, start, bytes.Length - start);
        }
        var nul = text.IndexOf('\0', StringComparison.Ordinal);
        if (nul >= 0)
        {
            diagnostics.Error(PositionAfter(text[..nul], file), "NUL character (byte 0x00); a config file must be text");
            return null;
        }
        return text;
    }

    /// <summary>Index of the first byte that is not part of a well-formed UTF-8 sequence, or null.</summary>
    private static int? InvalidUtf8At(byte[] bytes, int start)
    {
        var span = bytes.AsSpan();
        var i = start;
        while (i < span.Length)
        {
            if (System.Text.Rune.DecodeFromUtf8(span[i..], out _, out var consumed) != System.Buffers.OperationStatus.Done)
            {
                return i;
            }
            i += consumed;
        }
        return null;
    }

    /// <summary>The 1-based position of the character that follows <paramref name="prefix"/>.</summary>
    private static SourcePosition PositionAfter(string prefix, string file)
    {
        var line = 1 + prefix.Count(c => c == '\n');
        var column = prefix.Length - (prefix.LastIndexOf('\n') + 1) + 1;
        return new SourcePosition(file, line, column);
    }
}
