using GitOps.Reconciler.Reconciliation;
using GitOps.Reconciler.Repository;
using GitOps.Reconciler.Source;
using NSubstitute;
using static GitOps.Reconciler.Tests.Reconciliation.PassHarness;

namespace GitOps.Reconciler.Tests.Reconciliation;

/// <summary>
/// The tree a pass converges to: a tree still on disk is only marked as recently used (no clone opened); one that is
/// gone (removed by hand, pruned) is materialized again from the object database before the pass plans from it.
/// </summary>
public sealed class ReconcileCycleTreeTests : IDisposable
{
    private readonly PassHarness _pass = new();

    public void Dispose() => _pass.Dispose();

    private int Materializations(string commit) => _pass.Source.ReceivedCalls()
        .Count(c => c.GetMethodInfo().Name == nameof(IConfigSource.MaterializeAsync) && (string)c.GetArguments()[0]! == commit);

    [Fact]
    public async Task RunAsync_TreeStillOnDisk_NotMaterializedAgain()
    {
        _pass.Source.TryReuse(Arg.Any<MaterializedRevision>()).Returns(true);
        await _pass.InSyncAtAsync(A);
        var materialized = Materializations(A);

        for (var i = 0; i < 3; i++)
        {
            await _pass.PollAsync();
        }

        Assert.Equal(materialized, Materializations(A));
        _pass.Source.Received().TryReuse(Arg.Is<MaterializedRevision>(t => t.Commit == A));
    }

    [Fact]
    public async Task RunAsync_TreeGone_MaterializedAgainBeforePlanning()
    {
        _pass.Source.TryReuse(Arg.Any<MaterializedRevision>()).Returns(true);
        await _pass.InSyncAtAsync(A);
        _pass.Source.TryReuse(Arg.Any<MaterializedRevision>()).Returns(false);
        _pass.Source.ClearReceivedCalls();
        _pass.HostSide.ClearReceivedCalls();

        await _pass.PollAsync();

        Assert.Equal(1, Materializations(A));
        Received.InOrder(() =>
        {
            _pass.Source.MaterializeAsync(A, Arg.Any<CancellationToken>());
            _pass.HostSide.PlanAsync(Arg.Any<RepoDirectory>(), Host, A, Arg.Any<bool>(), Arg.Any<CancellationToken>());
        });
    }
}
