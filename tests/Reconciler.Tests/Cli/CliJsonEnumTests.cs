using GitOps.Daemon.Cli;

namespace GitOps.Reconciler.Tests.Cli;

/// <summary>
/// The CLI's options name one converter per enum (a native build cannot make them at run time): every enum the generated
/// contexts hold must have one, or it would be written as a number.
/// </summary>
public class CliJsonEnumTests
{
    private static IEnumerable<Type> Enums() =>
        new[] { typeof(GitOps.Reconciler.Compose.ServiceSpec).Assembly, typeof(CliJson).Assembly }.SelectMany(a => a.GetTypes()).Where(t => t.IsEnum);

    [Fact]
    public void Options_EveryEnumOfTheRenderContext_HasAConverter()
    {
        var missing = Enums().Where(e => RenderJsonContext.Default.GetTypeInfo(e) is not null)
            .Where(e => !CliJson.Options.Converters.Any(c => c.CanConvert(e))).Select(e => e.FullName);

        Assert.Empty(missing);
    }

    [Fact]
    public void Contracts_EveryEnumOfTheCliContext_HasAConverter()
    {
        var missing = Enums().Where(e => CliJsonContext.Default.GetTypeInfo(e) is not null)
            .Where(e => !CliJson.Contracts.Converters.Any(c => c.CanConvert(e))).Select(e => e.FullName);

        Assert.Empty(missing);
    }
}
