using GitOps.Reconciler.Compose;

namespace GitOps.Reconciler.Tests.Compose;

public class InterpolationTests
{
    private static readonly Dictionary<string, string> Variables = new(StringComparer.Ordinal)
    {
        ["TAG"] = "1.4.2",
        ["EMPTY"] = "",
        ["B"] = "bee",
    };

    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("ocr:$TAG", "ocr:1.4.2")]
    [InlineData("ocr:${TAG}", "ocr:1.4.2")]
    [InlineData("$TAG-suffix", "1.4.2-suffix")]
    [InlineData("[$MISSING]", "[]")]
    [InlineData("${MISSING:-dflt}", "dflt")]
    [InlineData("${EMPTY:-dflt}", "dflt")]
    [InlineData("${EMPTY-dflt}", "")]
    [InlineData("${MISSING-dflt}", "dflt")]
    [InlineData("${TAG:-dflt}", "1.4.2")]
    [InlineData("${TAG:+set}", "set")]
    [InlineData("${EMPTY:+set}", "")]
    [InlineData("${EMPTY+set}", "set")]
    [InlineData("${MISSING+set}", "")]
    [InlineData("${TAG:?must be set}", "1.4.2")]
    [InlineData("${EMPTY?must be set}", "")]
    [InlineData("${A:-${B:-c}}", "bee")]
    [InlineData("${A:-${C:-c}}", "c")]
    [InlineData("${A:-x${B}y}", "xbeey")]
    [InlineData("${TAG:-${NOPE:?never evaluated}}", "1.4.2")]
    [InlineData("$$TAG", "$TAG")]
    [InlineData("cost: $$5", "cost: $5")]
    [InlineData("${A:-{literal}}", "{literal}")]
    [InlineData("costs $5", "costs $5")]
    [InlineData("trailing $", "trailing $")]
    public void Expand_Forms_Expanded(string text, string expected)
    {
        var result = Interpolation.Expand(text, Variables);
        Assert.Null(result.Error);
        Assert.Equal(expected, result.Value);
    }

    [Fact]
    public void Expand_RequiredColonMissing_ErrorNamesVariableAndMessage()
    {
        var result = Interpolation.Expand("${DB_PASSWORD:?set it in the inventory}", Variables);
        Assert.Equal("required variable 'DB_PASSWORD' is missing a value: set it in the inventory", result.Error);
    }

    [Fact]
    public void Expand_RequiredColonEmpty_Error()
    {
        Assert.Equal("required variable 'EMPTY' is missing a value", Interpolation.Expand("${EMPTY:?}", Variables).Error);
    }

    [Fact]
    public void Expand_RequiredWithoutColonMissing_Error()
    {
        Assert.Equal("required variable 'X' is missing a value: need X", Interpolation.Expand("${X?need X}", Variables).Error);
    }

    [Fact]
    public void Expand_NestedRequiredUsed_Error()
    {
        Assert.Equal("required variable 'Y' is missing a value: y", Interpolation.Expand("${X:-${Y:?y}}", Variables).Error);
    }

    [Theory]
    [InlineData("${TAG")]
    [InlineData("${}")]
    [InlineData("${TAG:x}")]
    [InlineData("${1X}")]
    public void Expand_InvalidSyntax_Error(string text)
    {
        var result = Interpolation.Expand(text, Variables);
        Assert.Null(result.Value);
        Assert.StartsWith($"invalid interpolation in '{text}'", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Expand_UnsetWithoutDefault_Reported()
    {
        var result = Interpolation.Expand("$A ${B} ${C:-x} ${A}", new Dictionary<string, string> { ["B"] = "b" });
        Assert.Equal(" b x ", result.Value);
        Assert.Equal(["A"], result.UnsetVariables);
    }

    [Fact]
    public void Expand_ProcessEnvironmentIgnored()
    {
        Assert.Equal("", Interpolation.Expand("${PATH}", Variables).Value);
    }
}
