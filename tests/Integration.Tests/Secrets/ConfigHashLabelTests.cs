using GitOps.Integration.Tests.Pipeline;
using GitOps.Reconciler.Compose;
using GitOps.Reconciler.Reconciliation;
using GitOps.Reconciler.Secrets;
using Xunit.Abstractions;

namespace GitOps.Integration.Tests.Secrets;

/// <summary>The config-hash label that <c>docker inspect</c> shows is keyed with the host's key, not a plain hash of the spec.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class ConfigHashLabelTests(EngineFixture fixture, ITestOutputHelper output) : PipelineTest(fixture, output)
{
    [Fact]
    public async Task Sync_ServiceWithASecret_LabelIsKeyedWithTheStateDirectorysKey()
    {
        Repo.Stack(Project, Compose(Web("v1", env: "DB_PASSWORD: hunter2")));

        var result = await SyncOkAsync();
        var container = (await Fixture.Engine.Containers.ListAsync([$"com.docker.compose.project={Project}"], Token)).Single();
        var label = container.Labels["com.docker.compose.config-hash"];
        var spec = Service(result, Project, "web").Desired!;
        var keyFile = Path.Combine(StateDirectory, ConfigHashKey.FileName);

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(keyFile));
        Assert.Equal(ServiceSpecHash.Of(spec, ConfigHashKey.LoadOrCreate(keyFile)), label);
        Assert.NotEqual(ServiceSpecHash.Of(spec, ConfigHashKey.Unkeyed), label);
        Assert.Equal(ReconcileStatus.Unchanged, (await SyncOkAsync()).Status);
    }

    [Fact]
    public async Task Sync_SecretFileFromAVariable_ContentHashInTheLabelIsKeyed()
    {
        Repo.Stack(
            Project,
            Compose(Web("v1") + "    secrets: [pw]\n") + "secrets:\n  pw:\n    environment: DB_PASSWORD\n",
            "variables:\n  DB_PASSWORD: hunter2\n");

        await SyncOkAsync();
        var container = (await Fixture.Engine.Containers.ListAsync([$"com.docker.compose.project={Project}"], Token)).Single();
        var spec = container.Labels["io.gitops-agent.spec"];
        var key = ConfigHashKey.LoadOrCreate(Path.Combine(StateDirectory, ConfigHashKey.FileName));
        var plain = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData("hunter2"u8.ToArray()));

        Assert.DoesNotContain(plain, spec, StringComparison.Ordinal);
        Assert.DoesNotContain(ConfigHashKey.Unkeyed.Sign("hunter2"u8), spec, StringComparison.Ordinal);
        Assert.Contains(key.Sign("hunter2"u8), spec, StringComparison.Ordinal);
    }
}
