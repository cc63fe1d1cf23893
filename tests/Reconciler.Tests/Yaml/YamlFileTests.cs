using System.Text;
using GitOps.Reconciler.Diagnostics;
using GitOps.Reconciler.Yaml;

namespace GitOps.Reconciler.Tests.Yaml;

public sealed class YamlFileTests
{
    /// <summary>A compose file of about 300 KB: one 300 KB string, then <paramref name="aliases"/> variables referring to it.</summary>
    private static string LongStringReferencedByAliases(int aliases)
    {
        var text = new StringBuilder();
        text.Append("x-big: &big \"").Append('a', 300_000).Append("\"\nservices:\n  web:\n    image: busybox\n    environment:\n");
        for (var i = 0; i < aliases; i++)
        {
            text.Append("      V").Append(i).Append(": *big\n");
        }
        return text.ToString();
    }

    [Fact]
    public void Parse_LongStringReferencedByManyAliases_RefusedAtTheAliasThatCrossesTheBound()
    {
        var diagnostics = new DiagnosticBag();

        var root = YamlFile.Parse(LongStringReferencedByAliases(2_000), "stacks/app/compose.yaml", diagnostics);

        Assert.Null(root);
        var error = Assert.Single(diagnostics.Sorted());
        // 300,000 characters once for the anchor and once per alias: V12 (line 18, its alias at column 12) passes 4 MiB.
        Assert.Equal(
            $"stacks/app/compose.yaml:18:12: document expands to more than {YamlFile.MaxExpandedCharacters} characters through aliases (here); refused",
            error.ToString());
    }

    [Fact]
    public void Parse_LongStringReferencedByFewAliases_Accepted()
    {
        var diagnostics = new DiagnosticBag();

        var root = YamlFile.Parse(LongStringReferencedByAliases(5), "stacks/app/compose.yaml", diagnostics);

        Assert.NotNull(root);
        Assert.Empty(diagnostics.Sorted());
    }

    [Fact]
    public void Parse_AnchoredMappingExpandedManyTimes_CountsItsNestedAliases()
    {
        var text = new StringBuilder();
        text.Append("a: &a {k: \"").Append('x', 100_000).Append("\"}\n");
        text.Append("b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n");
        text.Append("c: [*b, *b, *b, *b, *b]\n");
        var diagnostics = new DiagnosticBag();

        Assert.Null(YamlFile.Parse(text.ToString(), "f.yaml", diagnostics));
        Assert.Contains("characters through aliases", Assert.Single(diagnostics.Sorted()).ToString(), StringComparison.Ordinal);
    }
}
