using GitOps.Reconciler.Desired;
using GitOps.Reconciler.Diagnostics;

namespace GitOps.Reconciler.Tests.Desired;

public class VariableTextTests
{
    private static readonly Dictionary<string, string> Variables = new(StringComparer.Ordinal) { ["REG"] = "r.example", ["EMPTY"] = "" };
    private static readonly SourcePosition At = new("tasks/t.yaml", 3, 8);

    [Theory]
    [InlineData("${REG}/img:1", "r.example/img:1")]
    [InlineData("$REG/img", "r.example/img")]
    [InlineData("${MISSING:-d}", "d")]
    [InlineData("${EMPTY:-d}", "d")]
    [InlineData("${EMPTY-d}", "")]
    [InlineData("${MISSING-d}", "d")]
    [InlineData("$$REG costs $$5", "$REG costs $5")]
    [InlineData("no variables", "no variables")]
    [InlineData("trailing $", "trailing $")]
    public void Substitute_Forms_Expanded(string text, string expected)
    {
        var diagnostics = new DiagnosticBag();
        Assert.Equal(expected, VariableText.Substitute(text, Variables, At, diagnostics, "h"));
        Assert.Empty(diagnostics.Items);
    }

    [Theory]
    [InlineData("${MISSING}", "variable 'MISSING' is not set for host 'h' and has no default; set it in inventory.yaml or write ${MISSING:-default}")]
    [InlineData("${REG", "unterminated '${' in '${REG'")]
    [InlineData("${1X}", "invalid variable reference in '${1X}'; expected $NAME, ${NAME} or ${NAME:-default} (write $$ for a literal '$')")]
    public void Substitute_Invalid_ErrorAtValue(string text, string message)
    {
        var diagnostics = new DiagnosticBag();
        Assert.Null(VariableText.Substitute(text, Variables, At, diagnostics, "h"));
        var error = Assert.Single(diagnostics.Items);
        Assert.Equal(At, error.Position);
        Assert.Equal(message, error.Message);
    }
}
