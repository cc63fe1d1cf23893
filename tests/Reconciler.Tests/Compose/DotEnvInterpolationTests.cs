using GitOps.Reconciler.Compose;
using GitOps.Reconciler.Diagnostics;

namespace GitOps.Reconciler.Tests.Compose;

public class DotEnvInterpolationTests
{
    private const string File = "stacks/app/.env";

    private static (Dictionary<string, string> Values, DiagnosticBag Bag) Resolve(string text, params (string Key, string Value)[] environment)
    {
        var bag = new DiagnosticBag();
        var entries = DotEnv.Parse(text, File, bag);
        Assert.False(bag.HasErrors, string.Join("\n", bag.Items));
        var values = DotEnvInterpolation.Resolve(entries, environment.ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal), bag);
        return (values, bag);
    }

    [Fact]
    public void Resolve_LineUsesEarlierLine_Expanded()
    {
        var (values, bag) = Resolve("BASE=/srv\nDATA=${BASE}/data\nQUOTED=\"$BASE/q\"\n");
        Assert.Empty(bag.Items);
        Assert.Equal("/srv/data", values["DATA"]);
        Assert.Equal("/srv/q", values["QUOTED"]);
    }

    [Fact]
    public void Resolve_SingleQuoted_Literal()
    {
        var (values, _) = Resolve("BASE=/srv\nRAW='${BASE}/data'\n");
        Assert.Equal("${BASE}/data", values["RAW"]);
    }

    [Fact]
    public void Resolve_EnvironmentVisibleAndWinsOverEarlierLines()
    {
        var (values, _) = Resolve("BASE=/srv\nDATA=${BASE}/data\nLOGS=${ROOT}/logs\n", ("BASE", "/mnt"), ("ROOT", "/var"));
        Assert.Equal("/mnt/data", values["DATA"]);
        Assert.Equal("/var/logs", values["LOGS"]);
    }

    [Fact]
    public void Resolve_DefaultsAndRequiredModifiers_AsInCompose()
    {
        var (values, bag) = Resolve("A=${UNSET:-fallback}\nB=${A:+set}\nC=${MISSING:?say why}\n");
        Assert.Equal("fallback", values["A"]);
        Assert.Equal("set", values["B"]);
        Assert.Equal(new Diagnostic(Severity.Error, new SourcePosition(File, 3, 1), "C: required variable 'MISSING' is missing a value: say why"), Assert.Single(bag.Items));
    }

    [Fact]
    public void Resolve_MutuallyRecursive_ErrorAtTheLine()
    {
        var (_, bag) = Resolve("X=1\nA=${B}\nB=${A}\n");
        Assert.Equal(
            new Diagnostic(Severity.Error, new SourcePosition(File, 2, 1), "recursive definition of 'A': A uses B uses A; a .env line can only use variables set on the lines before it or in the inventory"),
            Assert.Single(bag.Items));
    }

    [Fact]
    public void Resolve_SelfReference_Error()
    {
        var (_, bag) = Resolve("A=${A}/x\n");
        Assert.Equal("recursive definition of 'A': A uses A; a .env line can only use variables set on the lines before it or in the inventory", Assert.Single(bag.Items).Message);
    }

    [Fact]
    public void Resolve_SelfReferenceSetInTheEnvironment_UsesTheEnvironment()
    {
        var (values, bag) = Resolve("PATH_LIST=${PATH_LIST}:/opt\n", ("PATH_LIST", "/bin"));
        Assert.Empty(bag.Items);
        Assert.Equal("/bin:/opt", values["PATH_LIST"]);
    }

    [Fact]
    public void Resolve_ForwardReference_EmptyWithWarning()
    {
        var (values, bag) = Resolve("A=${B}x\nB=1\n");
        Assert.Equal("x", values["A"]);
        var warning = Assert.Single(bag.Items);
        Assert.Equal(Severity.Warning, warning.Severity);
        Assert.Equal("A: variable 'B' is set only later, at line 2; a .env line sees only the lines before it, so it is empty here", warning.Message);
    }

    [Fact]
    public void Resolve_UnsetVariable_EmptyWithWarning()
    {
        var (values, bag) = Resolve("A=${NOPE}\n");
        Assert.Equal("", values["A"]);
        Assert.Equal(new Diagnostic(Severity.Warning, new SourcePosition(File, 1, 1), "A: variable 'NOPE' is not set; using an empty string"), Assert.Single(bag.Items));
    }

    [Fact]
    public void Parse_SingleQuotedMarkedLiteral()
    {
        var entries = DotEnv.Parse("A='x'\nB=\"y\"\nC=z\n", File, new DiagnosticBag());
        Assert.Equal([true, false, false], entries.Select(e => e.Literal));
    }
}
