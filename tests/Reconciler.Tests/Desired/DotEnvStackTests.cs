using GitOps.Reconciler.Compose;
using GitOps.Reconciler.Desired;
using GitOps.Reconciler.Diagnostics;

namespace GitOps.Reconciler.Tests.Desired;

/// <summary>A stack's .env as the compose file sees it, with the real compose loader.</summary>
public class DotEnvStackTests
{
    private static TestRepo Repo(string dotEnv, string compose) => TestRepo.Valid()
        .Write("stacks/app/.env", dotEnv)
        .Write("stacks/app/compose.yaml", compose);

    [Fact]
    public void Load_VolumeFromInterpolatedDotEnvValue_Resolved()
    {
        using var repo = Repo("BASE=/srv\nDATA=${BASE}/data\n", "services:\n  web:\n    image: busybox\n    volumes:\n      - ${DATA}:/data\n");
        var diagnostics = new DiagnosticBag();
        var state = new DesiredStateLoader().Load(repo.Repo, "web-1", diagnostics);
        Assert.True(state is not null, string.Join("\n", diagnostics.Items));
        var mount = Assert.Single(state.Stacks["app"].Compose.Services["web"].Mounts);
        Assert.Equal(MountType.Bind, mount.Type);
        Assert.Equal("/srv/data", mount.Source);
    }

    [Fact]
    public void Load_DotEnvUsesInventoryVariable_HostValue()
    {
        using var repo = Repo("DATA=${ROOT}/data\n", "services:\n  web:\n    image: busybox\n    environment: [DATA]\n")
            .Write("inventory.yaml", TestRepo.Inventory.Replace("  web-1: {}", "  web-1:\n    vars: {ROOT: /mnt}", StringComparison.Ordinal));
        var diagnostics = new DiagnosticBag();
        var state = new DesiredStateLoader().Load(repo.Repo, "web-1", diagnostics);
        Assert.True(state is not null, string.Join("\n", diagnostics.Items));
        Assert.Equal("/mnt/data", state.Stacks["app"].Compose.Services["web"].Environment["DATA"]);
    }

    [Fact]
    public void Validate_RecursiveDotEnv_PositionedError()
    {
        using var repo = Repo("A=${B}\nB=${A}\n", "services:\n  web:\n    image: busybox\n    environment: [A]\n");
        var result = new RepoValidator().Validate(repo.Repo);
        var error = Assert.Single(result.Diagnostics, d => d.Severity == Severity.Error);
        Assert.Equal("stacks/app/.env:1:1: recursive definition of 'A': A uses B uses A; a .env line can only use variables set on the lines before it or in the inventory", error.ToString());
    }
}
