using GitOps.Reconciler.Compose;
using GitOps.Reconciler.Diagnostics;

namespace GitOps.Reconciler.Tests.Compose;

public class DotEnvTests
{
    [Fact]
    public void Parse_QuotesExportAndComments_ValuesAsWritten()
    {
        var bag = new DiagnosticBag();
        var text = "# comment\nexport A=1\nB='two # not a comment'\nC=\"line\\nnext\"\nD=plain # trailing\n\nE=\n";
        var values = DotEnv.Parse(text, "stacks/ocr/.env", bag).ToDictionary(v => v.Key, v => v.Value);
        Assert.False(bag.HasErrors);
        Assert.Equal("1", values["A"]);
        Assert.Equal("two # not a comment", values["B"]);
        Assert.Equal("line\nnext", values["C"]);
        Assert.Equal("plain", values["D"]);
        Assert.Equal("", values["E"]);
    }

    [Fact]
    public void Parse_LineWithoutEquals_ErrorAtLine()
    {
        var bag = new DiagnosticBag();
        DotEnv.Parse("A=1\nBROKEN\n", "x/.env", bag);
        var error = Assert.Single(bag.Items);
        Assert.Equal(new SourcePosition("x/.env", 2, 1), error.Position);
        Assert.Contains("without '='", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_UnterminatedQuote_Error()
    {
        var bag = new DiagnosticBag();
        DotEnv.Parse("A=\"open\n", "x/.env", bag);
        Assert.Contains("unterminated double-quoted", Assert.Single(bag.Items).Message, StringComparison.Ordinal);
    }
}
