using GitOps.Reconciler.Reporting.Notifications;
using Microsoft.Extensions.Time.Testing;

namespace GitOps.Reconciler.Tests.Reporting.Notifications;

public class NotificationDeduplicatorTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero));

    [Fact]
    public void TryAcquire_SameKeyWithinWindow_OnlyFirst()
    {
        var dedupe = new NotificationDeduplicator(TimeSpan.FromMinutes(10), _time);

        var first = dedupe.TryAcquire("a");
        _time.Advance(TimeSpan.FromMinutes(9));
        var second = dedupe.TryAcquire("a");

        Assert.Equal((true, false), (first, second));
    }

    [Fact]
    public void TryAcquire_SameKeyAfterWindow_Again()
    {
        var dedupe = new NotificationDeduplicator(TimeSpan.FromMinutes(10), _time);
        dedupe.TryAcquire("a");

        _time.Advance(TimeSpan.FromMinutes(10));

        Assert.True(dedupe.TryAcquire("a"));
    }

    [Fact]
    public void TryAcquire_OtherKey_Independent()
    {
        var dedupe = new NotificationDeduplicator(TimeSpan.FromMinutes(10), _time);
        dedupe.TryAcquire("a");

        Assert.True(dedupe.TryAcquire("b"));
    }

    [Fact]
    public void Key_SameTransitionOtherTimeAndWording_Equal()
    {
        var one = SampleTransitions.Of(NotificationEvent.DriftDetected);
        var later = one with { Time = one.Time.AddMinutes(1), Details = "other words" };

        Assert.Equal(one.Key, later.Key);
        Assert.NotEqual(one.Key, (one with { Name = "api" }).Key);
        Assert.NotEqual(one.Key, (one with { Event = NotificationEvent.DriftResolved }).Key);
    }
}
