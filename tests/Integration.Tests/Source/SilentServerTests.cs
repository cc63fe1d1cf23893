using GitOps.Integration.Tests.Infrastructure;
using GitOps.Reconciler.Source;
using Xunit.Abstractions;

namespace GitOps.Integration.Tests.Source;

/// <summary>A git server that accepts and then never answers must not hold the poll for ever.</summary>
[Collection(ExclusiveEngineCollection.Name)]
public sealed class SilentServerTests(ITestOutputHelper output) : IDisposable
{
    private readonly SourceFactory _sources = new(output);
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(90);
    private readonly TempDirectory _state = new("state");

    public void Dispose()
    {
        Assert.True(GitNetworkTimeouts.Set(GitNetworkTimeouts.DefaultConnect, GitNetworkTimeouts.DefaultRead));
        _state.Dispose();
    }

    [Fact]
    public void Set_Timeouts_ReadBackFromLibgit2()
    {
        Assert.True(GitNetworkTimeouts.Set(TimeSpan.FromSeconds(7), TimeSpan.FromSeconds(3)));

        Assert.Equal((TimeSpan.FromSeconds(7), TimeSpan.FromSeconds(3)), GitNetworkTimeouts.Current());
    }

    [Theory]
    [InlineData("git")]
    [InlineData("http")]
    public async Task ResolveRemote_ServerNeverAnswers_FetchFailedAfterTheReadTimeout(string scheme)
    {
        using var silent = new SilentServer();
        var source = _sources.Create(_state, $"{scheme}://127.0.0.1:{silent.Port}/fleet.git");
        Assert.True(GitNetworkTimeouts.Set(GitNetworkTimeouts.DefaultConnect, TimeSpan.FromSeconds(2)));

        var resolve = source.ResolveRemoteAsync(CancellationToken.None);
        // Not a speed limit: without a read timeout this call never returns at all.
        Assert.Same(resolve, await Task.WhenAny(resolve, Task.Delay(HangGuard)));

        var failure = await Assert.ThrowsAsync<SourceException>(() => resolve);
        Assert.Equal(SourceFailure.FetchFailed, failure.Reason);
        Assert.Contains("timed out", failure.Message, StringComparison.OrdinalIgnoreCase);
        Assert.True(silent.Accepted > 0, "the call reached the silent server");
    }
}
