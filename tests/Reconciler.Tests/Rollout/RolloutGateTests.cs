using GitOps.Reconciler.Common;
using GitOps.Reconciler.Desired;
using GitOps.Reconciler.Diagnostics;
using GitOps.Reconciler.Rollout;

namespace GitOps.Reconciler.Tests.Rollout;

public class RolloutGateTests
{
    private const string Commit = "c2c2c2c2c2c2c2c2";
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Soak = TimeSpan.FromMinutes(10);

    private static readonly Dictionary<string, ValueList<string>> Hosts = new(StringComparer.Ordinal)
    {
        ["canary-1"] = ValueList.Of("canary"),
        ["staging-1"] = ValueList.Of("staging"),
        ["prod-1"] = ValueList.Of("prod"),
        ["prod-2"] = ValueList.Of("prod", "gpu"),
        ["lab-1"] = ValueList.Of("gpu"),
    };

    private static RolloutPolicy Policy(MaxUnavailable? max = null) =>
        new(ValueList.Of("canary", "staging", "prod"), Soak, max ?? MaxUnavailable.All, SourcePosition.StartOf("inventory.yaml"));

    private static RolloutHostState Row(string host, string status = "inSync", string? commit = Commit, TimeSpan? soaked = null, bool rolledBack = false, TimeSpan? age = null) =>
        new(host, status, commit, TimeSpan.FromSeconds(30), Now - (age ?? TimeSpan.FromSeconds(5)),
            status == "inSync" ? Now - (soaked ?? TimeSpan.FromMinutes(11)) : null, rolledBack);

    private static RolloutDecision Decide(string host, params RolloutHostState[] rows) =>
        RolloutGate.Decide(Policy(), Hosts, host, Commit, rows, Now);

    [Fact]
    public void Decide_FirstWave_ProceedsWithoutReadingOthers()
    {
        var decision = Decide("canary-1");

        Assert.True(decision.Proceed);
        Assert.Equal("canary", decision.Wave);
    }

    [Fact]
    public void Decide_EarlierWavesSoaked_Proceeds() =>
        Assert.True(Decide("prod-1", Row("canary-1"), Row("staging-1")).Proceed);

    [Fact]
    public void Decide_EarlierHostNotYetAtCommit_WaitsNamingWaveAndHost()
    {
        var decision = Decide("prod-1", Row("canary-1", commit: "a1a1a1a1a1a1a1a1a1"), Row("staging-1"));

        Assert.Equal("waiting for wave canary: canary-1 at a1a1a1a1a1a1", decision.Reason);
        Assert.False(decision.Halted);
    }

    [Fact]
    public void Decide_EarlierHostInSyncShorterThanSoak_Waits() =>
        Assert.Equal(
            "waiting for wave staging: staging-1 inSync for 3m of 10m",
            Decide("prod-1", Row("canary-1"), Row("staging-1", soaked: TimeSpan.FromMinutes(3))).Reason);

    [Fact]
    public void Decide_SoakJustReached_Proceeds() =>
        Assert.True(Decide("prod-1", Row("canary-1", soaked: Soak), Row("staging-1", soaked: Soak)).Proceed);

    [Theory]
    [InlineData("failed", false, "canary-1 failed")]
    [InlineData("stalled", false, "canary-1 stalled")]
    [InlineData("inSync", true, "canary-1 rolledBack")]
    public void Decide_EarlierHostFailedOrRolledBack_Halts(string status, bool rolledBack, string expected)
    {
        var decision = Decide("prod-1", Row("canary-1", status, rolledBack: rolledBack), Row("staging-1"));

        Assert.Equal("waiting for wave canary: " + expected, decision.Reason);
        Assert.True(decision.Halted);
    }

    [Fact]
    public void Decide_EarlierHostNeverReportedOrSilent_Waits()
    {
        Assert.Equal("waiting for wave canary: canary-1 has not reported", Decide("staging-1").Reason);
        Assert.Equal(
            "waiting for wave canary: canary-1 unresponsive",
            Decide("staging-1", Row("canary-1", age: TimeSpan.FromSeconds(91))).Reason);
    }

    [Fact]
    public void Decide_EarlierHostConverging_WaitsWithItsStatus() =>
        Assert.Equal("waiting for wave canary: canary-1 converging", Decide("staging-1", Row("canary-1", "converging")).Reason);

    [Fact]
    public void Decide_HostInTwoWaveGroups_TakesTheEarliest() =>
        Assert.Equal("prod", Decide("prod-2", Row("canary-1"), Row("staging-1")).Wave);

    [Fact]
    public void Decide_HostInNoWave_WaitsForEveryNamedWave()
    {
        var decision = Decide("lab-1", Row("canary-1"), Row("staging-1"), Row("prod-1"), Row("prod-2", "failed"));

        Assert.Equal((RolloutPolicy.OtherHostsWave, "waiting for wave prod: prod-2 failed"), (decision.Wave, decision.Reason));
    }

    [Fact]
    public void Decide_SeveralProblemsInAWave_HaltingOnesFirst()
    {
        var hosts = new Dictionary<string, ValueList<string>>(StringComparer.Ordinal)
        {
            ["a"] = ValueList.Of("canary"), ["b"] = ValueList.Of("canary"), ["c"] = ValueList.Of("canary"),
            ["d"] = ValueList.Of("canary"), ["e"] = ValueList.Of("canary"), ["p"] = ValueList.Of("prod"),
        };

        var decision = RolloutGate.Decide(Policy(), hosts, "p", Commit,
            [Row("a", "converging"), Row("b", "converging"), Row("c", "converging"), Row("d"), Row("e", rolledBack: true)], Now);

        Assert.Equal("waiting for wave canary: e rolledBack, a converging, b converging and 1 more", decision.Reason);
        Assert.True(decision.Halted);
    }

    [Fact]
    public void Decide_WaveLimitBelowItsSize_LeaseNeeded()
    {
        var tenPercent = RolloutGate.Decide(Policy(new MaxUnavailable(10, Percent: true)), Hosts, "prod-1", Commit, [Row("canary-1"), Row("staging-1")], Now);
        var two = RolloutGate.Decide(Policy(new MaxUnavailable(2, Percent: false)), Hosts, "prod-1", Commit, [Row("canary-1"), Row("staging-1")], Now);

        Assert.Equal(1, tenPercent.LeaseLimit);
        Assert.Null(two.LeaseLimit);
    }

    [Fact]
    public void EarlierHosts_PerWave_OnlyTheWavesBefore()
    {
        Assert.Empty(RolloutGate.EarlierHosts(Policy(), Hosts, "canary-1"));
        Assert.Equal(["canary-1", "staging-1"], RolloutGate.EarlierHosts(Policy(), Hosts, "prod-1"));
        Assert.Equal(["canary-1", "prod-1", "prod-2", "staging-1"], RolloutGate.EarlierHosts(Policy(), Hosts, "lab-1"));
    }
}
