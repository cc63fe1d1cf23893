using GitOps.Reconciler.Configuration;
using GitOps.Reconciler.Reconciliation;

namespace GitOps.Reconciler.Tests.Reconciliation;

public sealed class PollDelayTests
{
    private static readonly AgentConfig Config = new(
        "h", new RepoConfig("file:///r", GitRef.DefaultBranch, "", RepoAuth.None), TimeSpan.FromSeconds(30), 0.1,
        "/var/lib/gitops-agent", new ListenAddress("127.0.0.1", 9420), LogConfig.Default, VerifyConfig.Off, 200);

    [Theory]
    [InlineData(0.0, 27)]
    [InlineData(0.5, 30)]
    [InlineData(0.999999, 33)]
    public void Next_NoFailures_IntervalWithJitter(double random, double expectedSeconds)
    {
        Assert.Equal(expectedSeconds, PollDelay.Next(Config, 0, random).TotalSeconds, precision: 3);
    }

    [Theory]
    [InlineData(1, 60)]
    [InlineData(2, 60)]
    [InlineData(40, 60)]
    public void Next_ConsecutiveFailures_CappedAtOneMinuteByDefault(int failures, double expectedSeconds)
    {
        Assert.Equal(expectedSeconds, PollDelay.Next(Config, failures, 0.5).TotalSeconds, precision: 3);
    }

    [Theory]
    [InlineData(1, 60)]
    [InlineData(2, 120)]
    [InlineData(3, 240)]
    [InlineData(4, 300)]
    public void Next_ConfiguredCap_DoublesUpToIt(int failures, double expectedSeconds)
    {
        var config = Config with { RetryMaxBackoff = TimeSpan.FromMinutes(5) };

        Assert.Equal(expectedSeconds, PollDelay.Next(config, failures, 0.5).TotalSeconds, precision: 3);
    }

    [Theory]
    [InlineData(1, 10)]
    [InlineData(2, 20)]
    [InlineData(3, 40)]
    [InlineData(4, 60)]
    [InlineData(30, 60)]
    public void RetryDelay_Failures_DoublesFromFirstUpToCap(int failures, double expectedSeconds)
    {
        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), PollDelay.RetryDelay(TimeSpan.FromSeconds(10), failures, TimeSpan.FromMinutes(1)));
    }

    [Fact]
    public void Next_IntervalAboveCap_NeverShorterThanInterval()
    {
        var hourly = Config with { PollInterval = TimeSpan.FromHours(1) };

        Assert.Equal(TimeSpan.FromHours(1), PollDelay.Next(hourly, 3, 0.5));
    }
}
