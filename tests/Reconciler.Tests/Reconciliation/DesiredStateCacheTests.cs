using GitOps.Reconciler.Common;
using GitOps.Reconciler.Planning;
using GitOps.Reconciler.Policy;
using GitOps.Reconciler.Reconciliation;
using GitOps.Reconciler.Repository;
using GitOps.Reconciler.Secrets;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using NSubstitute;

namespace GitOps.Reconciler.Tests.Reconciliation;

/// <summary>
/// The host reconciler reuses the desired state it loaded for a commit while nothing it was loaded from changed
/// (<see cref="DesiredStateKey"/>); a change of any of those inputs loads again. Loads are counted, never timed.
/// </summary>
public sealed class DesiredStateCacheTests : IDisposable
{
    private const string Inventory = "hosts:\n  h1: {}\n  h2: {}\n";
    private readonly string _root = Path.Combine(Path.GetTempPath(), "desired-cache-" + Guid.NewGuid().ToString("N")[..8]);
    private readonly HostReconciler _reconciler;

    public DesiredStateCacheTests()
    {
        Write(_root, Inventory);
        var stacks = Substitute.For<IKindSlice>();
        stacks.Kind.Returns("stacks");
        stacks.PlanAsync(Arg.Any<KindPlanRequest>(), Arg.Any<CancellationToken>()).Returns((Plan?)null);
        _reconciler = new HostReconciler([stacks], Substitute.For<IReconcileMemory>(), ConfigHashKey.Unkeyed, new FakeTimeProvider(), NullLogger<HostReconciler>.Instance);
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private static void Write(string root, string inventory)
    {
        Directory.CreateDirectory(root);
        File.WriteAllText(Path.Combine(root, "inventory.yaml"), inventory);
    }

    private Task<ReconcileResult> PlanAsync(string? commit = "rev-1", string host = "h1", string? root = null) =>
        _reconciler.PlanAsync(new RepoDirectory(root ?? _root), host, commit, fullDrift: false, CancellationToken.None);

    private int Loads => _reconciler.LoadedDesired.Loads;

    [Fact]
    public async Task PlanAsync_NothingChanged_LoadedOnce()
    {
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(ReconcileStatus.Unchanged, (await PlanAsync()).Status);
        }

        Assert.Equal(1, Loads);
    }

    [Fact]
    public async Task PlanAsync_NothingChanged_ReusedLoadIsTheSameDesiredState()
    {
        var requests = new List<KindPlanRequest>();
        var kind = Substitute.For<IKindSlice>();
        kind.Kind.Returns("stacks");
        kind.PlanAsync(Arg.Do<KindPlanRequest>(requests.Add), Arg.Any<CancellationToken>()).Returns((Plan?)null);
        var reconciler = new HostReconciler([kind], Substitute.For<IReconcileMemory>(), ConfigHashKey.Unkeyed, new FakeTimeProvider(), NullLogger<HostReconciler>.Instance);

        await reconciler.PlanAsync(new RepoDirectory(_root), "h1", "rev-1", fullDrift: false, CancellationToken.None);
        await reconciler.PlanAsync(new RepoDirectory(_root), "h1", "rev-1", fullDrift: false, CancellationToken.None);

        Assert.Equal(2, requests.Count);
        Assert.Same(requests[0].Desired, requests[1].Desired);
    }

    [Fact]
    public async Task PlanAsync_CommitChanged_LoadsAgain()
    {
        await PlanAsync("rev-1");
        await PlanAsync("rev-2");

        Assert.Equal(2, Loads);
    }

    [Fact]
    public async Task PlanAsync_HostChanged_LoadsAgain()
    {
        await PlanAsync(host: "h1");
        var other = await PlanAsync(host: "h2");

        Assert.Equal(2, Loads);
        Assert.Equal("h2", other.Host);
    }

    [Fact]
    public async Task PlanAsync_AnotherTreeDirectory_LoadsAgain()
    {
        var elsewhere = _root + "-elsewhere";
        Write(elsewhere, "hosts:\n  h3: {}\n");
        try
        {
            await PlanAsync();
            var result = await PlanAsync(root: elsewhere);

            Assert.Equal(2, Loads);
            // Loaded from that directory: h1 is not in its inventory.
            Assert.Equal(ReconcileStatus.ValidationFailed, result.Status);
        }
        finally
        {
            Directory.Delete(elsewhere, recursive: true);
        }
    }

    [Fact]
    public async Task PlanAsync_AgeKeyringReplaced_LoadsAgain()
    {
        await PlanAsync();
        _reconciler.Secrets = SecretKeyring.Of([]);
        await PlanAsync();

        Assert.Equal(2, Loads);
    }

    [Fact]
    public async Task PlanAsync_PolicyChanged_LoadsAgain()
    {
        _reconciler.Policy = HostPolicy.Unrestricted;
        await PlanAsync();
        _reconciler.Policy = HostPolicy.Unrestricted with { Profile = PolicyProfile.Baseline };
        await PlanAsync();
        _reconciler.Policy = HostPolicy.Unrestricted with { AllowedBindRoots = ValueList.Of("/srv") };
        await PlanAsync();

        Assert.Equal(3, Loads);
    }

    [Fact]
    public async Task PlanAsync_EqualPolicyAgain_Reused()
    {
        _reconciler.Policy = HostPolicy.Unrestricted with { AllowedBindRoots = ValueList.Of("/srv") };
        await PlanAsync();
        _reconciler.Policy = HostPolicy.Unrestricted with { AllowedBindRoots = ValueList.Of("/srv") };
        await PlanAsync();

        Assert.Equal(1, Loads);
    }

    [Fact]
    public async Task PlanAsync_FleetStoreAddedOrRemoved_LoadsAgain()
    {
        await PlanAsync();
        _reconciler.FleetStore = true;
        await PlanAsync();
        _reconciler.FleetStore = false;
        await PlanAsync();

        Assert.Equal(3, Loads);
    }

    [Fact]
    public void Key_AnotherConfigHashKey_NotEqual()
    {
        var repo = new RepoDirectory(_root);
        DesiredStateKey? Key(ConfigHashKey hashKey) =>
            DesiredStateKey.For(repo, "h1", "rev-1", SecretKeyring.StructureOnly, hashKey, HostPolicy.Unrestricted, null);

        Assert.Equal(Key(ConfigHashKey.Unkeyed), Key(ConfigHashKey.Unkeyed));
        Assert.NotEqual(Key(ConfigHashKey.Unkeyed), Key(ConfigHashKey.FromBytes([1, 2, 3])));
    }

    [Fact]
    public async Task PlanAsync_PlainDirectoryWithoutCommit_LoadedEveryTime()
    {
        await PlanAsync(commit: null);
        Write(_root, "hosts:\n  h2: {}\n");
        var changed = await PlanAsync(commit: null);

        Assert.Equal(2, Loads);
        Assert.Equal(ReconcileStatus.ValidationFailed, changed.Status);
    }

    [Fact]
    public async Task PlanAsync_InvalidRevision_NotKeptAndLoadedAgain()
    {
        Write(_root, "hosts: [not, a, map]\n");
        await PlanAsync();
        var again = await PlanAsync();

        Assert.Equal(2, Loads);
        Assert.Equal(ReconcileStatus.ValidationFailed, again.Status);
    }

    [Fact]
    public async Task PlanAsync_ChangedBackAfterAnotherCommit_LoadsAgain()
    {
        await PlanAsync("rev-1");
        await PlanAsync("rev-2");
        await PlanAsync("rev-1");

        Assert.Equal(3, Loads);
    }
}
