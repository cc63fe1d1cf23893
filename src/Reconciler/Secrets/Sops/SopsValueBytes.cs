using System.Globalization;
using System.Text;

namespace GitOps.Reconciler.Secrets.Sops;

/// <summary>The bytes SOPS encrypts and hashes for a typed value: text, canonical integers, True/False for booleans.</summary>
internal static class SopsValueBytes
{
    public static byte[] Of(SopsScalar scalar) => Encoding.UTF8.GetBytes(scalar.Kind switch
    {
        SopsScalarKind.Bool => IsTrue(scalar.Text) ? "True" : "False",
        SopsScalarKind.Int when long.TryParse(scalar.Text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) =>
            value.ToString(CultureInfo.InvariantCulture),
        _ => scalar.Text,
    });

    public static string TypeOf(SopsScalar scalar) => scalar.Kind switch
    {
        SopsScalarKind.Int => "int",
        SopsScalarKind.Float => "float",
        SopsScalarKind.Bool => "bool",
        _ => "str",
    };

    public static bool IsTrue(string text) => text is "true" or "True" or "TRUE";
}
