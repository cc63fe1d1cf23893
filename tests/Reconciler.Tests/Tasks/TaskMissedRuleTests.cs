using GitOps.Reconciler.Desired;
using GitOps.Reconciler.Tasks;
using static GitOps.Reconciler.Tests.Tasks.TaskFixtures;

namespace GitOps.Reconciler.Tests.Tasks;

public class TaskMissedRuleTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 10, 12, 20, 0, TimeSpan.Zero);

    [Fact]
    public void ShouldRun_HourlyMissedTwentyMinutesAgo_DefaultDeadlineOnePeriod_Runs() =>
        Assert.True(TaskMissedRule.ShouldRun(Spec(), Now));

    [Fact]
    public void ShouldRun_LatestMissOutsideDeadline_DoesNotRun() =>
        Assert.False(TaskMissedRule.ShouldRun(Spec() with { StartingDeadline = TimeSpan.FromMinutes(10) }, Now));

    [Fact]
    public void ShouldRun_MissedSkip_NeverRuns() =>
        Assert.False(TaskMissedRule.ShouldRun(Spec() with { Missed = TaskMissedPolicy.Skip }, Now));

    [Fact]
    public void ShouldRun_DailyLatestMissTwelveHoursAgo_WithinOneDayPeriod_Runs() =>
        Assert.True(TaskMissedRule.ShouldRun(Spec(cron: "0 0 0 * * ?"), Now));

    [Fact]
    public void Period_Hourly_OneHour() => Assert.Equal(TimeSpan.FromHours(1), TaskMissedRule.Period(Spec(), Now));

    [Fact]
    public void LatestFireWithin_TimeZone_ReadsTheScheduleInTheTasksZone()
    {
        // 03:00 in Berlin (UTC+1 in March) is 02:00 UTC.
        var spec = Spec(cron: "0 0 3 * * ?") with { TimeZone = "Europe/Berlin" };
        Assert.Equal(new DateTimeOffset(2026, 3, 10, 2, 0, 0, TimeSpan.Zero), TaskMissedRule.LatestFireWithin(spec, Now.AddDays(-1), Now));
    }

    [Fact]
    public void RandomDelay_SameHostAndTask_Stable_WithinBound_DiffersBetweenHosts()
    {
        var spec = Spec() with { RandomDelay = TimeSpan.FromMinutes(5) };
        var a = TaskRandomDelay.For("host-a", spec);
        Assert.Equal(a, TaskRandomDelay.For("host-a", spec));
        Assert.InRange(a, TimeSpan.Zero, TimeSpan.FromMinutes(5));
        var offsets = Enumerable.Range(0, 20).Select(i => TaskRandomDelay.For("host-" + i, spec)).Distinct().Count();
        Assert.True(offsets > 10, "offsets should spread over hosts");
        Assert.Equal(TimeSpan.Zero, TaskRandomDelay.For("host-a", Spec()));
    }

    [Fact]
    public void Output_SecretValuesMasked_TailKept()
    {
        var env = new Dictionary<string, string> { ["API_TOKEN"] = "abc123secret", ["PLAIN"] = "visible" };
        var kept = TaskOutput.Keep("x=abc123secret y=visible", env);
        Assert.Equal("x=****** y=visible", kept);
        var big = new string('a', TaskOutput.MaxBytes) + "END";
        var tail = TaskOutput.Keep(big, env);
        Assert.Equal(TaskOutput.MaxBytes, tail.Length);
        Assert.EndsWith("END", tail, StringComparison.Ordinal);
    }
}
