using GitOps.Reconciler.Secrets.Failures;
using System.Text;

namespace GitOps.Reconciler.Secrets.Age;

/// <summary>The parsed header of an age v1 file: its recipient stanzas and MAC, with the byte lengths the MAC covers.</summary>
internal sealed record AgeHeader(IReadOnlyList<AgeStanza> Stanzas, byte[] Mac, int MacInputLength, int Length)
{
    public static AgeHeader Parse(byte[] file)
    {
        var position = 0;
        var version = ReadLine(file, ref position) ?? throw Truncated();
        if (version != AgeFormat.VersionLine)
        {
            throw new SecretException(SecretFailure.Malformed, "not an age v1 file (the first line is not the age version line)");
        }

        var stanzas = new List<AgeStanza>();
        while (true)
        {
            var lineStart = position;
            var line = ReadLine(file, ref position) ?? throw Truncated();
            if (line.StartsWith("--- ", StringComparison.Ordinal))
            {
                var mac = AgeFormat.DecodeRaw(line[4..]);
                return mac is { Length: 32 }
                    ? new AgeHeader(stanzas, mac, lineStart + 3, position)
                    : throw new SecretException(SecretFailure.Malformed, "age header MAC is malformed");
            }

            if (!line.StartsWith("-> ", StringComparison.Ordinal))
            {
                throw new SecretException(SecretFailure.Malformed, "age header has a line that is neither a stanza nor the MAC");
            }

            var arguments = line[3..].Split(' ');
            if (arguments.Any(a => a.Length == 0))
            {
                throw new SecretException(SecretFailure.Malformed, "age stanza has an empty argument");
            }

            stanzas.Add(new AgeStanza(arguments[0], arguments, ReadBody(file, ref position)));
        }
    }

    private static byte[] ReadBody(byte[] file, ref int position)
    {
        var body = new StringBuilder();
        while (true)
        {
            var line = ReadLine(file, ref position) ?? throw Truncated();
            if (line.Length > AgeFormat.ColumnsPerLine)
            {
                throw new SecretException(SecretFailure.Malformed, "age stanza body line is longer than 64 columns");
            }

            body.Append(line);
            if (line.Length < AgeFormat.ColumnsPerLine)
            {
                return AgeFormat.DecodeRaw(body.ToString())
                    ?? throw new SecretException(SecretFailure.Malformed, "age stanza body is not valid base64");
            }
        }
    }

    // The header is ASCII text; a line ends at '\n'. Null when the file ends first.
    private static string? ReadLine(byte[] file, ref int position)
    {
        var end = Array.IndexOf(file, (byte)'\n', position);
        if (end < 0)
        {
            return null;
        }

        var line = Encoding.ASCII.GetString(file, position, end - position);
        position = end + 1;
        return line;
    }

    private static SecretException Truncated() => new(SecretFailure.Truncated, "age header is truncated");
}
