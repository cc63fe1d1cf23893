// Docker.DotNet models are nullable throughout; these tests read them directly.
#nullable disable warnings

using System.Security.Cryptography;
using System.Text;
using GitOps.Reconciler.Common;
using GitOps.Reconciler.Compose;
using Xunit.Abstractions;

namespace GitOps.Integration.Tests.Apply;

/// <summary>configs.&lt;n&gt;.content reaches the container as a read-only file, and never its labels.</summary>
public sealed class InlineConfigTests(EngineFixture fixture, ITestOutputHelper output) : EngineTest(fixture, output)
{
    [Fact]
    public async Task Apply_InlineConfig_FileInTheContainerContentNotInLabels()
    {
        const string content = "workers=4\n";
        var sha = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(content)));
        var spec = StackPlans.Web("v1") with
        {
            Configs = ValueList.Of(new FileGrant("inline", "/etc/inline.conf", GrantSource.Content, "config:inline", sha)),
        };
        var stack = Stack(spec) with { GrantContents = ValueMap.From([KeyValuePair.Create("config:inline", content)]) };

        await DeployAsync(stack);

        var container = Assert.Single((await ReadStackAsync(stack, fullDrift: true)).Containers);
        var inspect = await InspectAsync(container.Id);
        var mount = inspect.Mounts.Single(m => m.Destination == "/etc/inline.conf");
        Assert.False(mount.RW);
        Assert.Equal(content, await File.ReadAllTextAsync(mount.Source, Token));
        Assert.DoesNotContain(inspect.Config.Labels.Values, v => v.Contains("workers", StringComparison.Ordinal));
        Assert.Equal(spec.Configs, container.Spec.Configs);
    }
}
