using GitOps.Reconciler.Desired;
using GitOps.Reconciler.Diagnostics;
using Quartz;

namespace GitOps.Reconciler.Tests.Desired;

public class CronScheduleTests
{
    private static readonly SourcePosition At = new("tasks/t.yaml", 2, 11);

    private static string[] Translate(string schedule)
    {
        var diagnostics = new DiagnosticBag();
        var result = CronSchedule.ToQuartz(schedule, At, diagnostics);
        Assert.True(result is not null, string.Join("\n", diagnostics.Items));
        return [.. result!];
    }

    private static DateTime? NextQuartz(IEnumerable<string> expressions, DateTime after) =>
        expressions
            .Select(e => new CronExpression(e, TimeZoneInfo.Utc).GetNextValidTimeAfter(new DateTimeOffset(after)))
            .Where(t => t is not null)
            .Select(t => (DateTime?)t!.Value.UtcDateTime)
            .Min();

    /// <summary>The first <paramref name="count"/> fire times of the translation equal crontab's, from two starting points.</summary>
    private static void AssertSameFireTimes(string schedule, int count = 12)
    {
        var quartz = Translate(schedule);
        var crontab = new CrontabMatcher(schedule);
        foreach (var start in new[] { new DateTime(2026, 11, 23, 10, 7, 0, DateTimeKind.Utc), new DateTime(2027, 12, 30, 23, 59, 0, DateTimeKind.Utc) })
        {
            var (q, c) = ((DateTime?)start, (DateTime?)start);
            for (var i = 0; i < count && q is not null; i++)
            {
                q = NextQuartz(quartz, q.Value);
                c = crontab.Next(c!.Value);
                Assert.True(q == c, $"'{schedule}' as [{string.Join(" | ", quartz)}]: fire #{i + 1} after {start:u} is {q:u} in Quartz, {c:u} in crontab");
            }
        }
    }

    [Theory]
    [InlineData("@hourly", "0 0 * * * ?")]
    [InlineData("@daily", "0 0 0 * * ?")]
    [InlineData("@midnight", "0 0 0 * * ?")]
    [InlineData("@weekly", "0 0 0 ? * 1")]
    [InlineData("@monthly", "0 0 0 1 * ?")]
    [InlineData("@yearly", "0 0 0 1 1 ?")]
    [InlineData("@annually", "0 0 0 1 1 ?")]
    [InlineData("*/15 * * * *", "0 0,15,30,45 * * * ?")]
    [InlineData("0 9-17 * * MON-FRI", "0 0 9-17 ? * 2-6")]
    [InlineData("5 4 * * 7", "0 5 4 ? * 1")]
    [InlineData("5 4 * * sun", "0 5 4 ? * 1")]
    [InlineData("0 0 1 jan,Jul *", "0 0 0 1 1,7 ?")]
    [InlineData("0 0 */2 * *", "0 0 0 1,3,5,7,9,11,13,15,17,19,21,23,25,27,29,31 * ?")]
    [InlineData("0 0 1-31 * 1", "0 0 0 * * ?")]
    [InlineData("0 0 * * 0-7", "0 0 0 * * ?")]
    public void ToQuartz_SingleExpression(string schedule, string expected) =>
        Assert.Equal([expected], Translate(schedule));

    [Fact]
    public void ToQuartz_BothDayFieldsRestricted_TwoExpressionsForEitherDay() =>
        Assert.Equal(["0 30 4 1,15 * ?", "0 30 4 ? * 6"], Translate("30 4 1,15 * 5"));

    [Theory]
    [InlineData("* * * * *")]
    [InlineData("0 * * * *")]
    [InlineData("*/7 */5 * * *")]
    [InlineData("0 0 1,15 * 5")]
    [InlineData("30 4 1-7 * MON")]
    [InlineData("0 12 13 * 5")]
    [InlineData("0 0 29 2 *")]
    [InlineData("0 0 31 * *")]
    [InlineData("0 0 * * 7")]
    [InlineData("0 0 * * 5-7")]
    [InlineData("15 3 * JUN-AUG SAT,SUN")]
    [InlineData("0 0 */10 * *")]
    [InlineData("0 0 * * */2")]
    [InlineData("1-59/13 1-23/6 2-28/9 1-12/5 *")]
    [InlineData("0 22 * * 1-5")]
    [InlineData("23 0-20/2 * * *")]
    public void ToQuartz_FireTimes_MatchCrontab(string schedule) => AssertSameFireTimes(schedule);

    [Fact]
    public void ToQuartz_ManyGeneratedSchedules_MatchCrontab()
    {
        var random = new Random(20261123);
        var checkedCount = 0;
        for (var n = 0; n < 300; n++)
        {
            var schedule = string.Join(' ',
                Field(random, 0, 59), Field(random, 0, 23), Field(random, 1, 31), Field(random, 1, 12), Field(random, 0, 7));
            var diagnostics = new DiagnosticBag();
            if (CronSchedule.ToQuartz(schedule, At, diagnostics) is null)
            {
                // The one schedule shape Quartz cannot express (both day fields restricted, one of them starting with '*'),
                // or days that no selected month has.
                Assert.Matches("cannot be scheduled|never fires", Assert.Single(diagnostics.Items).Message);
                continue;
            }
            AssertSameFireTimes(schedule, count: 5);
            checkedCount++;
        }
        Assert.True(checkedCount > 200, $"only {checkedCount} generated schedules were translatable");
    }

    private static string Field(Random random, int min, int max)
    {
        string One()
        {
            var a = random.Next(min, max + 1);
            var b = random.Next(a, max + 1);
            return random.Next(6) switch
            {
                0 => "*",
                1 => $"*/{random.Next(1, 8)}",
                2 => $"{a}",
                3 => $"{a}-{b}",
                4 => $"{a}-{b}/{random.Next(1, 5)}",
                _ => $"{a},{b}",
            };
        }
        var first = One();
        return random.Next(4) == 0 && first != "*" && !first.StartsWith('*') ? first + "," + One().Replace("*", $"{min}-{max}", StringComparison.Ordinal) : first;
    }

    [Theory]
    [InlineData("* * * *", 11, "schedule '* * * *' has 4 fields; expected 5 (minute hour day-of-month month day-of-week) or a macro such as @hourly")]
    [InlineData("60 * * * *", 11, "minute value 60 is out of range 0-59")]
    [InlineData("0 24 * * *", 13, "hour value 24 is out of range 0-23")]
    [InlineData("0 0 0 * *", 15, "day-of-month value 0 is out of range 1-31")]
    [InlineData("0 0 * 13 *", 17, "month value 13 is out of range 1-12")]
    [InlineData("0 0 * * 8", 19, "day-of-week value 8 is out of range 0-7")]
    [InlineData("0 0 * FOO *", 17, "unknown month name 'FOO'; expected JAN-DEC or a number 1-12")]
    [InlineData("0 0 * * MON-FUN", 23, "unknown day-of-week name 'FUN'; expected SUN-SAT or a number 0-7")]
    [InlineData("*/0 * * * *", 13, "invalid step '0' in minute field; expected a whole number of at least 1")]
    [InlineData("0 5-1 * * *", 13, "range '5-1' in hour field is reversed; expected the smaller value first")]
    [InlineData("0,,5 * * * *", 13, "empty entry in minute field; expected a value, a range a-b, a step */n or a-b/n")]
    [InlineData("5/10 * * * *", 11, "step '/10' in minute field needs a range or '*', as in '*/10' or '5-59/10'")]
    [InlineData("0 0 L * *", 15, "invalid day-of-month value 'L'; expected a number 1-31")]
    [InlineData("@reboot", 11, "unknown schedule '@reboot'; expected 5 cron fields or one of @yearly, @annually, @monthly, @weekly, @daily, @midnight, @hourly")]
    [InlineData("0 0 */2 * 1", 15, "day-of-month '*/2' and day-of-week '1' are both restricted and one starts with '*', so crontab requires both to match; that cannot be scheduled, restrict only one of them")]
    [InlineData("0 0 30 2 *", 15, "day-of-month '30' does not occur in month '2', so the schedule never fires")]
    [InlineData("0 0 31 APR,JUN,SEP,NOV *", 15, "day-of-month '31' does not occur in month 'APR,JUN,SEP,NOV', so the schedule never fires")]
    [InlineData("0 0 30-31 2 *", 15, "day-of-month '30-31' does not occur in month '2', so the schedule never fires")]
    public void ToQuartz_InvalidField_ErrorAtEntry(string schedule, int column, string message)
    {
        var diagnostics = new DiagnosticBag();
        Assert.Null(CronSchedule.ToQuartz(schedule, At, diagnostics));
        var error = Assert.Single(diagnostics.Items);
        Assert.Equal(message, error.Message);
        Assert.Equal(At with { Column = column }, error.Position);
    }

    [Fact]
    public void ToQuartz_DayOfMonthNeverOccursButWeekdayDoes_WarningAndWeekdayOnly()
    {
        var diagnostics = new DiagnosticBag();
        Assert.Equal(["0 0 0 ? 2 2"], CronSchedule.ToQuartz("0 0 30 2 1", At, diagnostics));
        var warning = Assert.Single(diagnostics.Items);
        Assert.Equal(Severity.Warning, warning.Severity);
        Assert.Equal(At with { Column = 15 }, warning.Position);
        Assert.Equal("day-of-month '30' does not occur in month '2', so only day-of-week '1' fires the schedule", warning.Message);
        AssertSameFireTimes("0 0 30 2 1");
    }

    [Fact]
    public void ToQuartz_LeapDay_Accepted() => AssertSameFireTimes("0 0 29 2 *", count: 3);
}
