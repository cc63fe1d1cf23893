using GitOps.Reconciler.SelfHeal;
using Microsoft.Extensions.Time.Testing;

namespace GitOps.Reconciler.Tests.SelfHeal;

public class SelfHealBackoffTests
{
    private const string Web = "demo/web";
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero));

    [Fact]
    public void CanAttempt_NeverCorrected_Immediately()
    {
        Assert.True(new SelfHealBackoff(_time).CanAttempt(Web));
    }

    [Fact]
    public void Delay_ConsecutiveAttempts_DoublesFromTenSecondsCappedAtTenMinutes()
    {
        var options = new SelfHealBackoffOptions();

        var delays = Enumerable.Range(0, 9).Select(n => SelfHealBackoff.Delay(n, options).TotalSeconds);

        Assert.Equal([0, 10, 20, 40, 80, 160, 320, 600, 600], delays);
        Assert.Equal(TimeSpan.FromMinutes(10), SelfHealBackoff.Delay(int.MaxValue, options));
    }

    [Fact]
    public void RecordAttempt_KeepsDying_EachWaitTwiceAsLong()
    {
        var backoff = new SelfHealBackoff(_time);
        var waits = new List<TimeSpan>();

        for (var i = 0; i < 4; i++)
        {
            Assert.True(backoff.CanAttempt(Web));
            backoff.RecordAttempt(Web);
            var start = _time.GetUtcNow();
            _time.Advance(backoff.NextAttemptAt(Web) - start - TimeSpan.FromSeconds(1));
            Assert.False(backoff.CanAttempt(Web));
            _time.Advance(TimeSpan.FromSeconds(1));
            waits.Add(_time.GetUtcNow() - start);
        }

        Assert.Equal([10, 20, 40, 80], waits.Select(w => w.TotalSeconds));
        Assert.Equal(4, backoff.Attempts(Web));
    }

    [Fact]
    public void RecordAttempt_OtherResource_Unaffected()
    {
        var backoff = new SelfHealBackoff(_time);

        backoff.RecordAttempt(Web);

        Assert.False(backoff.CanAttempt(Web));
        Assert.True(backoff.CanAttempt("demo/api"));
    }

    [Fact]
    public void RecordInSync_StaysInSyncLongEnough_StartsOver()
    {
        var backoff = new SelfHealBackoff(_time);
        backoff.RecordAttempt(Web);
        backoff.RecordAttempt(Web);
        _time.Advance(TimeSpan.FromSeconds(20));

        backoff.RecordInSync(Web);
        _time.Advance(TimeSpan.FromMinutes(5));
        backoff.RecordInSync(Web);

        Assert.Equal(0, backoff.Attempts(Web));
        Assert.True(backoff.CanAttempt(Web));
    }

    [Fact]
    public void RecordInSync_DriftsAgainTooSoon_KeepsCounting()
    {
        var backoff = new SelfHealBackoff(_time);
        backoff.RecordAttempt(Web);
        _time.Advance(TimeSpan.FromSeconds(10));
        backoff.RecordInSync(Web);
        _time.Advance(TimeSpan.FromMinutes(4));
        backoff.RecordAttempt(Web);
        _time.Advance(TimeSpan.FromMinutes(4));

        backoff.RecordInSync(Web);

        Assert.Equal(2, backoff.Attempts(Web));
        Assert.Equal(_time.GetUtcNow() - TimeSpan.FromMinutes(4) + TimeSpan.FromSeconds(20), backoff.NextAttemptAt(Web));
    }

    [Fact]
    public void Forget_Resource_StartsOver()
    {
        var backoff = new SelfHealBackoff(_time);
        backoff.RecordAttempt(Web);

        backoff.Forget(Web);

        Assert.True(backoff.CanAttempt(Web));
    }

    [Fact]
    public void Options_Custom_Used()
    {
        var backoff = new SelfHealBackoff(_time, new SelfHealBackoffOptions(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(30)));
        var start = _time.GetUtcNow();

        backoff.RecordAttempt(Web);
        backoff.RecordAttempt(Web);
        backoff.RecordAttempt(Web);

        Assert.Equal(start + TimeSpan.FromSeconds(3), backoff.NextAttemptAt(Web));
    }
}
