using GitOps.Reconciler.Diagnostics;
using static GitOps.Reconciler.Tests.Compose.ComposeAssert;

namespace GitOps.Reconciler.Tests.Compose;

/// <summary>
/// A value that interpolates to nothing is an empty string, as in compose: the YAML type of <c>${X}</c> was fixed
/// when the file was parsed. Only a key written with no value takes its value from the variables.
/// </summary>
public class EmptyValueTests
{
    [Fact]
    public void Load_EnvironmentMapValueExpandsToEmpty_EmptyNotTheSameNamedVariable()
    {
        var web = Service(
            "services:\n  web:\n    image: x\n    environment:\n      CHATBOT_MODEL: ${EMPTYVAR}\n",
            variables: Vars(("EMPTYVAR", ""), ("CHATBOT_MODEL", "other")));
        Assert.Equal("", web.Environment["CHATBOT_MODEL"]);
    }

    [Fact]
    public void Load_EnvironmentMapValueOfUnsetVariable_EmptyWithWarning()
    {
        using var repo = new TempRepo();
        var (stack, bag) = repo.Load(
            "services:\n  web:\n    image: x\n    environment:\n      CHATBOT_MODEL: ${EMPTYVAR}\n",
            Vars(("CHATBOT_MODEL", "other")));
        Assert.NotNull(stack);
        Assert.Equal("", stack.Services["web"].Environment["CHATBOT_MODEL"]);
        Assert.Contains(new Diagnostic(Severity.Warning, new SourcePosition(TempRepo.ComposeFile, 5, 22), "variable 'EMPTYVAR' is not set; using an empty string"), bag.Items);
    }

    [Theory]
    [InlineData("null")]
    [InlineData("~")]
    [InlineData("NULL")]
    public void Load_EnvironmentMapValueExpandsToANullWord_KeptAsText(string value)
    {
        var web = Service(
            "services:\n  web:\n    image: x\n    environment:\n      MODE: $V\n",
            variables: Vars(("V", value), ("MODE", "other")));
        Assert.Equal(value, web.Environment["MODE"]);
    }

    [Fact]
    public void Load_EnvironmentBareKeys_TakeTheVariable()
    {
        var web = Service(
            "services:\n  web:\n    image: x\n    environment:\n      MAPPED:\n      EXPLICIT_NULL: null\n",
            variables: Vars(("MAPPED", "m"), ("EXPLICIT_NULL", "n")));
        Assert.Equal("m", web.Environment["MAPPED"]);
        Assert.Equal("n", web.Environment["EXPLICIT_NULL"]);
        var listed = Service("services:\n  web:\n    image: x\n    environment:\n      - LISTED\n      - EMPTY=${E}\n", variables: Vars(("LISTED", "l"), ("E", ""), ("EMPTY", "other")));
        Assert.Equal("l", listed.Environment["LISTED"]);
        Assert.Equal("", listed.Environment["EMPTY"]);
    }

    [Fact]
    public void Load_LabelsAndSysctlsExpandToEmpty_EmptyStrings()
    {
        var web = Service(
            "services:\n  web:\n    image: x\n    labels:\n      team: ${E}\n    sysctls:\n      net.core.somaxconn: ${E}\n",
            variables: Vars(("E", ""), ("team", "t")));
        Assert.Equal("", web.Labels["team"]);
        Assert.Equal("", web.Sysctls["net.core.somaxconn"]);
    }

    [Fact]
    public void Load_CommandExpandsToEmpty_ImageDefault()
    {
        // The engine runs the image's command for an empty one; anything else would read back as drift.
        var web = Service("services:\n  web:\n    image: x\n    command: ${E}\n", variables: Vars(("E", "")));
        Assert.Null(web.Command);
    }

    [Fact]
    public void Load_EntrypointExpandsToEmpty_ResetsTheImageEntrypoint()
    {
        var web = Service("services:\n  web:\n    image: x\n    entrypoint: ${E}\n", variables: Vars(("E", "")));
        Assert.NotNull(web.Entrypoint);
        Assert.Empty(web.Entrypoint);
    }

    [Fact]
    public void Load_ExtraHostAddressExpandsToEmpty_Error() => Fails(
        "services:\n  web:\n    image: x\n    extra_hosts:\n      db: ${E}\n",
        5, 7, "extra host 'db' of service 'web' has no address", Vars(("E", "")));

    [Fact]
    public void Load_StringFieldExpandsToEmpty_EmptyNotAbsent() => Fails(
        "services:\n  web:\n    image: x\n    mem_limit: ${E}\n",
        4, 16, "invalid size '' for 'mem_limit'; expected a size like 512m, 1g, 100k or a number of bytes", Vars(("E", "")));
}
