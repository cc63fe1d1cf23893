using GitOps.Daemon.Cli;
using GitOps.Daemon.Commands;

namespace GitOps.Reconciler.Tests.Cli;

/// <summary>The verbs on System.CommandLine: usage errors, help generated from each verb's options, shared options.</summary>
public class CommandDispatcherTests
{
    private static async Task<(int Exit, string Output, string Error)> Run(params string[] args)
    {
        var (output, error) = (new StringWriter(), new StringWriter());
        var exit = await new CommandDispatcher(CommandCatalog.All()).RunAsync(args, output, error, CancellationToken.None);
        return (exit, output.ToString(), error.ToString());
    }

    public static TheoryData<string> Verbs() => [.. CommandCatalog.All().Select(c => c.Spec.FullName)];

    [Theory]
    [MemberData(nameof(Verbs))]
    public async Task RunAsync_VerbHelp_UsageWithEveryOptionAndHelp(string verb)
    {
        var spec = CommandCatalog.All().Single(c => c.Spec.FullName == verb).Spec;

        var words = verb.Split(' ');
        var (exit, output, error) = await Run([.. words, "--help"]);

        Assert.Equal(0, exit);
        Assert.Equal("", error);
        Assert.StartsWith($"Usage: gitops-agent {verb}", output, StringComparison.Ordinal);
        Assert.Contains("  -h, --help ", output, StringComparison.Ordinal);
        Assert.All(spec.Declared, o => Assert.Contains("  " + o.Name, output, StringComparison.Ordinal));
        Assert.Equal(output, (await Run([.. words, "-h"])).Output);
    }

    [Theory]
    [InlineData("drift")]
    [InlineData("history")]
    [InlineData("suspend")]
    [InlineData("resume")]
    [InlineData("retry")]
    [InlineData("plan")]
    [InlineData("sync")]
    [InlineData("run")]
    public void Spec_VerbReadingAgentState_HasConfig(string verb)
    {
        var spec = CommandCatalog.All().Single(c => c.Spec.FullName == verb).Spec;

        Assert.Contains(spec.Declared, o => o.Name == "--config" && o.HelpName == "FILE");
    }

    [Theory]
    [InlineData("validate")]
    [InlineData("render")]
    [InlineData("plan")]
    [InlineData("sync")]
    [InlineData("drift")]
    [InlineData("history")]
    [InlineData("retry")]
    public void Spec_VerbPrintingResults_HasJsonFlag(string verb)
    {
        var spec = CommandCatalog.All().Single(c => c.Spec.FullName == verb).Spec;

        var json = Assert.Single(spec.Declared, o => o.Name == "--json");
        Assert.False(CommandSpec.TakesValue(json));
    }

    [Fact]
    public void Catalog_VerbNames_Unique()
    {
        var names = CommandCatalog.All().Select(c => c.Spec.FullName).ToList();

        Assert.Equal(names.Distinct().Count(), names.Count);
    }

    [Fact]
    public async Task RunAsync_UnknownOption_OneLineThenUsageExitOne()
    {
        var (exit, output, error) = await Run("validate", "--bogus", "dir");

        Assert.Equal(1, exit);
        Assert.Equal("", output);
        Assert.StartsWith("gitops-agent validate: unknown option '--bogus' for 'validate'\nUsage: gitops-agent validate <dir> [options]\n", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_MissingRequiredArgument_SaysWhich()
    {
        var (exit, _, error) = await Run("suspend");

        Assert.Equal(1, exit);
        Assert.StartsWith("gitops-agent suspend: missing argument <stack>\n", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_OptionWithoutValue_SaysItNeedsOne()
    {
        var (exit, _, error) = await Run("validate", "dir", "--host");

        Assert.Equal(1, exit);
        Assert.StartsWith("gitops-agent validate: option '--host' needs a value\n", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_ExtraPositional_Unexpected()
    {
        var (exit, _, error) = await Run("validate", "one", "two");

        Assert.Equal(1, exit);
        Assert.StartsWith("gitops-agent validate: unexpected argument 'two' for 'validate'\n", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_UnknownVerb_PointsToHelp()
    {
        var (exit, _, error) = await Run("deploy");

        Assert.Equal(1, exit);
        Assert.Equal("gitops-agent: unknown command 'deploy'. Run 'gitops-agent --help' for the list.\n", error);
    }

    [Fact]
    public async Task RunAsync_NoArguments_OverviewListsEveryVerbExitOne()
    {
        var (exit, output, _) = await Run();

        Assert.Equal(1, exit);
        Assert.All(CommandCatalog.All(), c => Assert.Contains($"\n  {c.Spec.FullName,-14} {c.Spec.Description}\n", output, StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_FlagBeforePositional_DoesNotSwallowIt()
    {
        var command = new ValidateCommand();

        var line = CommandLine.Parse(["--json", "repo", "--host=web-1"], command.Spec);

        Assert.False(line.Help);
    }

    [Fact]
    public void Parse_EqualsAndSpaceForms_SameValue()
    {
        var command = new SyncCommand();
        var host = command.Spec.Declared.OfType<System.CommandLine.Option<string?>>().Single(o => o.Name == "--host");

        Assert.Equal("web-1", CommandLine.Parse(["--host=web-1"], command.Spec).GetValue(host));
        Assert.Equal("web-1", CommandLine.Parse(["--host", "web-1"], command.Spec).GetValue(host));
    }

    [Fact]
    public void Parse_UnknownOption_ThrowsUsage()
    {
        var command = new HistoryCommand();

        var ex = Assert.Throws<UsageException>(() => CommandLine.Parse(["--lmit", "3"], command.Spec));

        Assert.Equal("unknown option '--lmit' for 'history'", ex.Message);
    }

    [Fact]
    public async Task RunAsync_Completion_UnknownShellExitOne()
    {
        var (exit, output, error) = await Run("completion", "fish");

        Assert.Equal(1, exit);
        Assert.Equal("", output);
        Assert.StartsWith("gitops-agent completion: ", error, StringComparison.Ordinal);
    }
}
