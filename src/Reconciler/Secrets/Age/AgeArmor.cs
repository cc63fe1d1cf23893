using GitOps.Reconciler.Secrets.Failures;
using System.Text;

namespace GitOps.Reconciler.Secrets.Age;

/// <summary>age's ASCII armor: standard base64 in 64-column lines between BEGIN/END AGE ENCRYPTED FILE markers.</summary>
public static class AgeArmor
{
    public const string Begin = "-----BEGIN AGE ENCRYPTED FILE-----";
    public const string End = "-----END AGE ENCRYPTED FILE-----";

    public static bool IsArmored(ReadOnlySpan<byte> data)
    {
        var text = Encoding.ASCII.GetString(data[..Math.Min(data.Length, 64)]).TrimStart();
        return text.StartsWith(Begin, StringComparison.Ordinal);
    }

    public static string Encode(ReadOnlySpan<byte> binary)
    {
        var base64 = Convert.ToBase64String(binary);
        var text = new StringBuilder(base64.Length + (base64.Length / 64) + 80);
        text.Append(Begin).Append('\n');
        for (var offset = 0; offset < base64.Length; offset += 64)
        {
            text.Append(base64, offset, Math.Min(64, base64.Length - offset)).Append('\n');
        }

        return text.Append(End).Append('\n').ToString();
    }

    public static byte[] Decode(ReadOnlySpan<byte> armored)
    {
        var text = Encoding.ASCII.GetString(armored).Replace("\r\n", "\n", StringComparison.Ordinal).Trim();
        if (!text.StartsWith(Begin, StringComparison.Ordinal))
        {
            throw new SecretException(SecretFailure.Malformed, "armored age file does not start with its BEGIN line");
        }

        if (!text.EndsWith(End, StringComparison.Ordinal))
        {
            throw new SecretException(SecretFailure.Truncated, "armored age file has no END line (truncated?)");
        }

        var lines = text[Begin.Length..^End.Length].Split('\n', StringSplitOptions.RemoveEmptyEntries);
        if (lines.Take(lines.Length - 1).Any(line => line.Length != 64) || lines.Any(line => line.Length > 64))
        {
            throw new SecretException(SecretFailure.Malformed, "armored age file has lines that are not 64 columns");
        }

        try
        {
            return Convert.FromBase64String(string.Concat(lines));
        }
        catch (FormatException e)
        {
            throw new SecretException(SecretFailure.Malformed, "armored age file is not valid base64", e);
        }
    }
}
