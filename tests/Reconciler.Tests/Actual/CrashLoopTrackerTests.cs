using GitOps.Reconciler.Actual;
using GitOps.Reconciler.Common;
using Microsoft.Extensions.Time.Testing;

namespace GitOps.Reconciler.Tests.Actual;

public class CrashLoopTrackerTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero));

    [Fact]
    public void Of_ThreeDiesNobodyCaused_CrashLoopingWithTheLastExitCode()
    {
        var tracker = new CrashLoopTracker(_time);
        foreach (var code in new[] { 1, 2, 3 })
        {
            tracker.RecordDie("c", code);
            _time.Advance(TimeSpan.FromSeconds(12));
        }

        Assert.Equal(new CrashLoop(3, 3, ValueList<string>.Empty), tracker.Of("c"));
    }

    [Fact]
    public void Of_DiesRightAfterKills_NotCrashes()
    {
        var tracker = new CrashLoopTracker(_time);
        for (var i = 0; i < 5; i++)
        {
            tracker.RecordKill("c");
            _time.Advance(TimeSpan.FromSeconds(1));
            tracker.RecordDie("c", 137);
            _time.Advance(TimeSpan.FromSeconds(12));
        }

        Assert.Null(tracker.Of("c"));
    }

    [Fact]
    public void Of_CrashesSpreadBeyondTheWindow_NotLooping()
    {
        var tracker = new CrashLoopTracker(_time);
        for (var i = 0; i < 4; i++)
        {
            tracker.RecordDie("c", 1);
            _time.Advance(TimeSpan.FromMinutes(6));
        }

        Assert.Null(tracker.Of("c"));
    }

    [Fact]
    public void NeedsLogs_AfterEachNewCrash_TrueUntilSet()
    {
        var tracker = new CrashLoopTracker(_time);
        for (var i = 0; i < 3; i++)
        {
            tracker.RecordDie("c", 1);
        }
        Assert.True(tracker.NeedsLogs("c"));

        tracker.SetLogs("c", ValueList.Of("boom"));
        Assert.False(tracker.NeedsLogs("c"));
        Assert.Equal(["boom"], tracker.Of("c")!.LastLogs);

        tracker.RecordDie("c", 1);
        Assert.True(tracker.NeedsLogs("c"));
    }

    [Fact]
    public void RecordInspect_RestartCountGrewPastTheThreshold_CrashLoopingWithoutDieEvents()
    {
        var tracker = new CrashLoopTracker(_time);
        tracker.RecordInspect("c", 7, restarting: false, exitCode: null);
        Assert.Null(tracker.Of("c"));

        _time.Advance(TimeSpan.FromSeconds(5));
        tracker.RecordInspect("c", 8, restarting: false, exitCode: null);

        Assert.Equal(8, tracker.Of("c")!.Crashes);
        Assert.True(tracker.NeedsLogs("c"));
    }

    [Fact]
    public void RecordInspect_FirstSeenWhileTheEngineRestartsIt_CrashLoopingWithItsExitCode()
    {
        var tracker = new CrashLoopTracker(_time);

        tracker.RecordInspect("c", 5, restarting: true, exitCode: 3);

        Assert.Equal(new CrashLoop(5, 3, ValueList<string>.Empty), tracker.Of("c"));
    }

    [Fact]
    public void RecordInspect_RestartedOnceLongAgoAndRunning_NotLooping()
    {
        var tracker = new CrashLoopTracker(_time);
        tracker.RecordInspect("c", 9, restarting: false, exitCode: null);
        _time.Advance(TimeSpan.FromMinutes(1));
        tracker.RecordInspect("c", 9, restarting: false, exitCode: null);

        Assert.Null(tracker.Of("c"));
    }

    [Fact]
    public void RecordInspect_GrowingBelowTheThreshold_NotLooping()
    {
        var tracker = new CrashLoopTracker(_time);
        tracker.RecordInspect("c", 1, restarting: false, exitCode: null);
        tracker.RecordInspect("c", 2, restarting: true, exitCode: 1);

        Assert.Null(tracker.Of("c"));
    }

    [Fact]
    public void RecordInspect_LoopEndsWhenNoGrowthWithinTheWindow()
    {
        var tracker = new CrashLoopTracker(_time);
        tracker.RecordInspect("c", 4, restarting: false, exitCode: null);
        tracker.RecordInspect("c", 5, restarting: false, exitCode: null);
        Assert.NotNull(tracker.Of("c"));

        _time.Advance(tracker.Window + TimeSpan.FromSeconds(1));
        tracker.RecordInspect("c", 5, restarting: false, exitCode: null);

        Assert.Null(tracker.Of("c"));
    }
}
