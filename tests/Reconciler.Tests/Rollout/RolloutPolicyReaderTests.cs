using GitOps.Reconciler.Desired;
using GitOps.Reconciler.Diagnostics;
using GitOps.Reconciler.Rollout;
using GitOps.Reconciler.Tests.Desired;

namespace GitOps.Reconciler.Tests.Rollout;

public class RolloutPolicyReaderTests
{
    private const string Groups = "groups:\n  canary:\n    hosts: [c-1]\n  prod:\n    hosts: [p-1, p-2]\nhosts:\n  c-1: {}\n  p-1: {}\n  p-2: {}\n";

    private static (Inventory? Inventory, List<Diagnostic> Errors) Load(string rollout)
    {
        using var repo = new TestRepo().Write("inventory.yaml", Groups + rollout);
        var diagnostics = new DiagnosticBag();
        var inventory = InventoryLoader.Load(repo.Repo, diagnostics);
        return (inventory, diagnostics.Sorted().Where(d => d.Severity == Severity.Error).ToList());
    }

    [Fact]
    public void Read_FullPolicy_WavesSoakAndPercentage()
    {
        var (inventory, errors) = Load("rollout: {waves: [canary, prod], soak: 10m, maxUnavailable: 10%}\n");

        Assert.Empty(errors);
        var policy = inventory!.Policy.Rollout!;
        Assert.Equal(["canary", "prod"], policy.Waves);
        Assert.Equal(TimeSpan.FromMinutes(10), policy.Soak);
        Assert.Equal(new MaxUnavailable(10, Percent: true), policy.MaxUnavailable);
        Assert.Equal(10, policy.At.Line);
    }

    [Fact]
    public void Read_OnlyWaves_NoSoakAndNoLimit()
    {
        var (inventory, errors) = Load("rollout:\n  waves: [canary]\n");

        Assert.Empty(errors);
        Assert.Equal((TimeSpan.Zero, MaxUnavailable.All), (inventory!.Policy.Rollout!.Soak, inventory.Policy.Rollout.MaxUnavailable));
    }

    [Fact]
    public void Read_NoRollout_Null() => Assert.Null(Load("").Inventory!.Policy.Rollout);

    [Theory]
    [InlineData("rollout: {waves: [canary, gpu]}\n", "inventory.yaml:10:27: unknown group 'gpu' in 'rollout.waves'; a wave is a group defined under 'groups:'")]
    [InlineData("rollout: {waves: [canary, canary]}\n", "inventory.yaml:10:27: group 'canary' is listed twice in 'rollout.waves'; a group is one wave")]
    [InlineData("rollout: {waves: [canary], soak: 10 minutes}\n", "inventory.yaml:10:34: invalid soak '10 minutes' in 'rollout'; expected a duration with a unit like 30s, 1m30s, 1h or 500ms")]
    [InlineData("rollout: {waves: [canary], maxUnavailable: 150%}\n", "inventory.yaml:10:44: invalid maxUnavailable '150%' in 'rollout'; expected " + RolloutPolicyReader.Expected)]
    [InlineData("rollout: {waves: [canary], maxUnavailable: 0}\n", "inventory.yaml:10:44: invalid maxUnavailable '0' in 'rollout'; expected " + RolloutPolicyReader.Expected)]
    [InlineData("rollout: {waves: [canary], maxUnavailable: ten%}\n", "inventory.yaml:10:44: invalid maxUnavailable 'ten%' in 'rollout'; expected " + RolloutPolicyReader.Expected)]
    [InlineData("rollout: {waves: []}\n", "inventory.yaml:10:11: 'rollout.waves' is empty; expected a list of inventory groups, earliest first")]
    [InlineData("rollout: {soak: 1m}\n", "inventory.yaml:10:10: missing required key 'waves' in 'rollout'; expected a list of inventory groups, earliest first")]
    [InlineData("rollout: {waves: [canary], pause: true}\n", "inventory.yaml:10:28: unknown key 'pause' in 'rollout'; expected one of: waves, soak, maxUnavailable")]
    public void Read_BadValue_OneErrorAtItsPosition(string rollout, string expected)
    {
        var (inventory, errors) = Load(rollout);

        Assert.Equal([expected], errors.Select(e => e.ToString()));
        Assert.Null(inventory!.Policy.Rollout);
    }

    [Fact]
    public void Check_RolloutWithoutFleetStore_ErrorAtRolloutNamingTheHost()
    {
        using var repo = new TestRepo().Write("inventory.yaml", Groups + "\nrollout: {waves: [canary]}\n");
        var diagnostics = new DiagnosticBag();
        var desired = new DesiredStateLoader(FakeCompose.Load).Load(repo.Repo, "p-1", diagnostics)!;

        RolloutStoreCheck.Check(desired, hasFleetStore: false, diagnostics);

        var error = Assert.Single(diagnostics.Sorted(), d => d.Severity == Severity.Error);
        Assert.Equal((11, 1), (error.Position.Line, error.Position.Column));
        Assert.Contains("'rollout' needs a fleet store: host 'p-1' has none", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_RolloutWithFleetStore_NoError()
    {
        using var repo = new TestRepo().Write("inventory.yaml", Groups + "rollout: {waves: [canary]}\n");
        var diagnostics = new DiagnosticBag();
        var desired = new DesiredStateLoader(FakeCompose.Load).Load(repo.Repo, "p-1", diagnostics)!;

        RolloutStoreCheck.Check(desired, hasFleetStore: true, diagnostics);

        Assert.False(diagnostics.HasErrors);
    }
}
