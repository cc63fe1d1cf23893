using GitOps.Daemon.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace GitOps.Reconciler.Tests.Hosting;

public sealed class IdleHeapTrimTests
{
    private readonly FakeTimeProvider _time = new();
    private int _collections;

    private IdleHeapTrim Trim() => new(_time, () => _collections++) { Interval = TimeSpan.FromMinutes(1), MinimumWait = TimeSpan.FromSeconds(2) };

    [Fact]
    public void BeforeWait_FirstIdleWait_Collects()
    {
        var trim = Trim();

        Assert.True(trim.BeforeWait(TimeSpan.FromSeconds(5)));
        Assert.Equal(1, _collections);
        Assert.Equal(1, trim.Trims);
    }

    [Fact]
    public void BeforeWait_PassesWithinTheInterval_CollectOnceThenAgainAfterIt()
    {
        var trim = Trim();
        trim.BeforeWait(TimeSpan.FromSeconds(5));

        for (var pass = 0; pass < 11; pass++)
        {
            _time.Advance(TimeSpan.FromSeconds(5));
            Assert.False(trim.BeforeWait(TimeSpan.FromSeconds(5)));
        }
        _time.Advance(TimeSpan.FromSeconds(5));

        Assert.True(trim.BeforeWait(TimeSpan.FromSeconds(5)));
        Assert.Equal(2, _collections);
    }

    [Fact]
    public void BeforeWait_WaitTooShortToBeIdle_DoesNotCollect()
    {
        var trim = Trim();

        Assert.False(trim.BeforeWait(TimeSpan.FromSeconds(1)));
        Assert.False(trim.BeforeWait(TimeSpan.Zero));
        Assert.Equal(0, _collections);
    }

    [Fact]
    public void BeforeWait_DefaultCollection_RunsTheGarbageCollector()
    {
        var before = GC.CollectionCount(GC.MaxGeneration);

        Assert.True(new IdleHeapTrim(_time).BeforeWait(TimeSpan.FromSeconds(30)));

        Assert.True(GC.CollectionCount(GC.MaxGeneration) > before, "no full collection ran");
    }
}
