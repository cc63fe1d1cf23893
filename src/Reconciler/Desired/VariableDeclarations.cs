using System.Text.RegularExpressions;
using GitOps.Reconciler.Common;
using GitOps.Reconciler.Yaml;
using YamlDotNet.RepresentationModel;

namespace GitOps.Reconciler.Desired;

/// <summary>
/// Reads a <c>vars:</c> or <c>variables:</c> block: names as compose interpolation accepts them, values
/// as strings exactly as written (<c>1.40</c> stays "1.40", <c>yes</c> stays "yes"), null as "".
/// </summary>
public static partial class VariableDeclarations
{
    public static ValueMap<string> Read(YamlMap parent, string key, string what)
    {
        var block = YamlMap.Of(parent[key], parent.File, parent.Diagnostics, $"'{key}' of {what}");
        if (block is null)
        {
            return ValueMap<string>.Empty;
        }
        var values = new List<KeyValuePair<string, string>>();
        foreach (var (name, keyNode, value) in block.Entries)
        {
            if (!IsValidName(name))
            {
                parent.Diagnostics.Error(keyNode.At(parent.File), $"invalid variable name '{name}'; expected letters, digits and '_', not starting with a digit");
                continue;
            }
            if (value is not YamlScalarNode scalar)
            {
                parent.Diagnostics.Error(value.At(parent.File), $"expected a string, number or boolean for variable '{name}', found {value.Describe()}");
                continue;
            }
            values.Add(new(name, YamlMap.IsNull(scalar) ? "" : scalar.Value ?? ""));
        }
        return new ValueMap<string>(values);
    }

    public static bool IsValidName(string name) => NamePattern().IsMatch(name);

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex NamePattern();
}
