using GitOps.Reconciler.State;
using Microsoft.Extensions.Time.Testing;

namespace GitOps.Reconciler.Tests.State;

public sealed class ReconcileLockTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "lock-test-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public void TryAcquire_WhileHeld_Null()
    {
        using var first = ReconcileLock.TryAcquire(_dir);

        var second = ReconcileLock.TryAcquire(_dir);

        Assert.NotNull(first);
        Assert.Null(second);
    }

    [Fact]
    public void TryAcquire_AfterRelease_Acquired()
    {
        ReconcileLock.TryAcquire(_dir)!.Dispose();

        using var again = ReconcileLock.TryAcquire(_dir);

        Assert.NotNull(again);
    }

    [Fact]
    public async Task AcquireAsync_HeldPastTimeout_Throws()
    {
        using var held = ReconcileLock.TryAcquire(_dir);
        var time = new FakeTimeProvider();

        var waiting = ReconcileLock.AcquireAsync(_dir, TimeSpan.FromSeconds(1), time, CancellationToken.None);
        for (var i = 0; i < 20 && !waiting.IsCompleted; i++)
        {
            time.Advance(TimeSpan.FromMilliseconds(100));
            await Task.Yield();
        }

        await Assert.ThrowsAsync<TimeoutException>(() => waiting.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task AcquireAsync_ReleasedWhileWaiting_Acquired()
    {
        var held = ReconcileLock.TryAcquire(_dir)!;
        var time = new FakeTimeProvider();

        var waiting = ReconcileLock.AcquireAsync(_dir, TimeSpan.FromMinutes(1), time, CancellationToken.None);
        held.Dispose();
        time.Advance(TimeSpan.FromMilliseconds(100));
        using var acquired = await waiting.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.NotNull(acquired);
    }

    public void Dispose()
    {
        if (Directory.Exists(_dir))
        {
            Directory.Delete(_dir, recursive: true);
        }
    }
}
