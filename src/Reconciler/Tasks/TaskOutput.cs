using System.Text;
using GitOps.Reconciler.Common;

namespace GitOps.Reconciler.Tasks;

/// <summary>A run's output as history keeps it: the tail, with the values of secret-looking variables masked.</summary>
public static class TaskOutput
{
    public const int MaxBytes = 64 * 1024;

    /// <summary>Masks every value of <paramref name="environment"/> whose name looks secret, then keeps the last <see cref="MaxBytes"/>.</summary>
    public static string Keep(string output, IReadOnlyDictionary<string, string> environment, IEnumerable<string>? secretValues = null)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(environment);
        var secrets = environment.Where(kv => SecretMask.IsSensitiveName(kv.Key)).Select(kv => kv.Value)
            .Concat(secretValues ?? [])
            .Where(v => v.Length >= 3)
            .OrderByDescending(v => v.Length);
        foreach (var secret in secrets)
        {
            output = output.Replace(secret, SecretMask.Masked, StringComparison.Ordinal);
        }
        var bytes = Encoding.UTF8.GetBytes(output);
        if (bytes.Length <= MaxBytes)
        {
            return output;
        }
        // Cut at a character boundary: skip UTF-8 continuation bytes at the start of the tail.
        var start = bytes.Length - MaxBytes;
        while (start < bytes.Length && (bytes[start] & 0xC0) == 0x80)
        {
            start++;
        }
        return Encoding.UTF8.GetString(bytes, start, bytes.Length - start);
    }
}
