using static GitOps.Reconciler.Tests.Reconciliation.PassHarness;

namespace GitOps.Reconciler.Tests.Reconciliation;

/// <summary>What the daemon's polls cost the git server: one ref listing per pass, and a fetch only when the ref moved.</summary>
public sealed class ReconcileCyclePollCostTests : IDisposable
{
    private readonly PassHarness _pass = new();

    public void Dispose() => _pass.Dispose();

    [Fact]
    public async Task RunAsync_RemoteUnchanged_OneListingPerPassAndNoFetch()
    {
        await _pass.InSyncAtAsync(A);
        var (polls, fetches) = (_pass.Polls, _pass.Fetches);

        for (var i = 0; i < 5; i++)
        {
            await _pass.PollAsync();
        }

        Assert.Equal(polls + 5, _pass.Polls);
        Assert.Equal(fetches, _pass.Fetches);
    }

    [Fact]
    public async Task RunAsync_RefMovedThenUnchanged_OneFetchForTheNewCommitOnly()
    {
        await _pass.InSyncAtAsync(A);
        var fetches = _pass.Fetches;

        _pass.Remote(B);
        _pass.Running = ImageOf(B);
        for (var i = 0; i < 3; i++)
        {
            await _pass.PollAsync();
        }

        Assert.Equal(fetches + 1, _pass.Fetches);
    }
}
