namespace GitOps.Reconciler.Secrets.Age;

/// <summary>
/// Bech32 (BIP 173 checksum) as age uses it for recipients and identities; age lifts the 90-character limit.
/// </summary>
internal static class Bech32
{
    private const string Charset = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";
    private static readonly uint[] Generator = [0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3];

    public static string Encode(string hrp, ReadOnlySpan<byte> data)
    {
        var values = ConvertBits(data, 8, 5, pad: true);
        var checksum = Checksum(hrp, values);
        var text = new System.Text.StringBuilder(hrp.Length + 1 + values.Length + 6);
        text.Append(hrp).Append('1');
        foreach (var v in values)
        {
            text.Append(Charset[v]);
        }

        foreach (var v in checksum)
        {
            text.Append(Charset[v]);
        }

        return text.ToString();
    }

    /// <summary>Decodes <paramref name="text"/>; null when it is not valid bech32 (the caller says what was expected).</summary>
    public static (string Hrp, byte[] Data)? Decode(string text)
    {
        if (text.Length < 8 || (text.Any(char.IsUpper) && text.Any(char.IsLower)))
        {
            return null;
        }

        var lower = text.ToLowerInvariant();
        var separator = lower.LastIndexOf('1');
        if (separator < 1 || separator + 7 > lower.Length || lower[..separator].Any(c => c < 33 || c > 126))
        {
            return null;
        }

        var hrp = lower[..separator];
        var values = new byte[lower.Length - separator - 1];
        for (var i = 0; i < values.Length; i++)
        {
            var index = Charset.IndexOf(lower[separator + 1 + i], StringComparison.Ordinal);
            if (index < 0)
            {
                return null;
            }

            values[i] = (byte)index;
        }

        if (Polymod([.. ExpandHrp(hrp), .. values]) != 1)
        {
            return null;
        }

        try
        {
            return (hrp, ConvertBits(values.AsSpan(0, values.Length - 6), 5, 8, pad: false));
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static byte[] Checksum(string hrp, byte[] values)
    {
        var mod = Polymod([.. ExpandHrp(hrp), .. values, 0, 0, 0, 0, 0, 0]) ^ 1;
        var checksum = new byte[6];
        for (var i = 0; i < 6; i++)
        {
            checksum[i] = (byte)((mod >> (5 * (5 - i))) & 31);
        }

        return checksum;
    }

    private static byte[] ExpandHrp(string hrp) =>
        [.. hrp.Select(c => (byte)(c >> 5)), 0, .. hrp.Select(c => (byte)(c & 31))];

    private static uint Polymod(ReadOnlySpan<byte> values)
    {
        uint chk = 1;
        foreach (var v in values)
        {
            var top = chk >> 25;
            chk = ((chk & 0x1ffffff) << 5) ^ v;
            for (var i = 0; i < 5; i++)
            {
                if (((top >> i) & 1) != 0)
                {
                    chk ^= Generator[i];
                }
            }
        }

        return chk;
    }

    private static byte[] ConvertBits(ReadOnlySpan<byte> data, int fromBits, int toBits, bool pad)
    {
        var acc = 0;
        var bits = 0;
        var result = new List<byte>(data.Length * fromBits / toBits + 1);
        var maxValue = (1 << toBits) - 1;
        foreach (var value in data)
        {
            acc = (acc << fromBits) | value;
            bits += fromBits;
            while (bits >= toBits)
            {
                bits -= toBits;
                result.Add((byte)((acc >> bits) & maxValue));
            }
        }

        if (pad)
        {
            if (bits > 0)
            {
                result.Add((byte)((acc << (toBits - bits)) & maxValue));
            }
        }
        else if (bits >= fromBits || ((acc << (toBits - bits)) & maxValue) != 0)
        {
            throw new FormatException("non-zero padding in bech32 data");
        }

        return [.. result];
    }
}
