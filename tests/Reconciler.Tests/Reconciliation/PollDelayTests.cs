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
    [InlineData(2, 120)]
    [InlineData(3, 240)]
    [InlineData(4, 300)]
    [InlineData(40, 300)]
    public void Next_ConsecutiveFailures_DoublesUpToCap(int failures, double expectedSeconds)
    {
        Assert.Equal(expectedSeconds, PollDelay.Next(Config, failures, 0.5).TotalSeconds, precision: 3);
    }

    [Fact]
    public void Next_IntervalAboveCap_NeverShorterThanInterval()
    {
        var hourly = Config with { PollInterval = TimeSpan.FromHours(1) };

        Assert.Equal(TimeSpan.FromHours(1), PollDelay.Next(hourly, 3, 0.5));
    }
}
