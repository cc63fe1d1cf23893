using GitOps.Reconciler.Common;
using GitOps.Reconciler.Fleet;

namespace GitOps.Reconciler.Tests.Fleet;

public class FleetViewTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);

    private static FleetHostRow Row(string host, string status, string? commit = "c1", double ageSeconds = 1) =>
        new(host, status, commit, "refs/heads/main", "1.0", Interval, 0, 0, DateTimeOffset.UnixEpoch, TimeSpan.FromSeconds(ageSeconds));

    private static Dictionary<string, ValueList<string>> Inventory(params string[] hosts) =>
        hosts.ToDictionary(h => h, _ => ValueList.Of("prod"), StringComparer.Ordinal);

    [Fact]
    public void Lines_EveryStatus_WorstFirstThenByName()
    {
        var rows = new[]
        {
            Row("a-sync", "inSync"), Row("b-drift", "drifted"), Row("c-fail", "failed"), Row("d-conv", "converging"),
            Row("e-stall", "stalled"), Row("f-susp", "suspended"), Row("a-fail", "failed"),
        };

        var lines = FleetView.Lines(Inventory([.. rows.Select(r => r.Host), "g-never"]), rows, _ => 0);

        Assert.Equal(
            ["a-fail", "c-fail", "e-stall", "b-drift", "d-conv", "g-never", "f-susp", "a-sync"],
            lines.Select(l => l.Host));
        Assert.Equal(FleetStatus.Unresponsive, lines.Single(l => l.Host == "g-never").Status);
    }

    [Fact]
    public void StatusOf_NoReportForThreePollIntervals_Unresponsive()
    {
        Assert.Equal(FleetStatus.InSync, FleetView.StatusOf(Row("h", "inSync", ageSeconds: 89)));
        Assert.Equal(FleetStatus.Unresponsive, FleetView.StatusOf(Row("h", "inSync", ageSeconds: 91)));
        Assert.Equal(FleetStatus.Unresponsive, FleetView.StatusOf(Row("h", "failed", ageSeconds: 91)));
        Assert.Equal(FleetStatus.Unresponsive, FleetView.StatusOf(null));
    }

    [Fact]
    public void StatusOf_StatusThisBuildDoesNotKnow_NotCalledInSync() =>
        Assert.Equal(FleetStatus.Drifted, FleetView.StatusOf(Row("h", "someNewStatus")));

    [Fact]
    public void Lines_HostNeverReported_NoAgeCommitOrBehind()
    {
        var line = Assert.Single(FleetView.Lines(Inventory("h"), [], _ => 5));

        Assert.Equal((FleetStatus.Unresponsive, null, null, null, null), (line.Status, line.Reported, line.Commit, line.Behind, line.ReportAgeSeconds));
    }

    [Fact]
    public void Lines_ManyHostsOnFewCommits_BehindCountedOncePerCommit()
    {
        var rows = Enumerable.Range(0, 100).Select(i => Row($"h{i}", "inSync", commit: i % 2 == 0 ? "c1" : "c2")).ToList();
        var asked = new List<string>();

        var lines = FleetView.Lines(Inventory([.. rows.Select(r => r.Host)]), rows, commit => { asked.Add(commit); return commit == "c1" ? 0 : 1; });

        Assert.Equal(["c1", "c2"], asked.Order());
        Assert.Equal(50, lines.Count(l => l.Behind == 1));
    }

    [Fact]
    public void Lines_FailedHost_CarriesItsReason()
    {
        var failed = Row("h", "failed", commit: null) with { Reason = "fetch failed: repository not found" };

        var line = Assert.Single(FleetView.Lines(Inventory("h"), [failed], _ => 0));

        Assert.Equal((FleetStatus.Failed, "fetch failed: repository not found"), (line.Status, line.Reason));
    }

    [Fact]
    public void Lines_HostNotInInventory_Left()
    {
        var lines = FleetView.Lines(Inventory("kept"), [Row("kept", "inSync"), Row("removed", "failed")], _ => 0);

        Assert.Equal(["kept"], lines.Select(l => l.Host));
    }

    [Fact]
    public void ExitCode_InSyncAndSuspendedOnly_ZeroElseTwo()
    {
        var fine = FleetView.Lines(Inventory("a", "b"), [Row("a", "inSync"), Row("b", "suspended")], _ => 0);
        var converging = FleetView.Lines(Inventory("a", "b"), [Row("a", "inSync"), Row("b", "converging")], _ => 0);
        var silent = FleetView.Lines(Inventory("a", "b"), [Row("a", "inSync")], _ => 0);

        Assert.Equal((0, 2, 2), (FleetView.ExitCode(fine), FleetView.ExitCode(converging), FleetView.ExitCode(silent)));
    }

    [Fact]
    public void Revisions_HostsByCommit_HeadFirstNeverReportedLast()
    {
        var lines = FleetView.Lines(
            Inventory("a", "b", "c", "d"),
            [Row("a", "inSync", "old"), Row("b", "inSync", "head"), Row("c", "failed", "head")],
            commit => commit == "head" ? 0 : 3);

        var revisions = FleetRevision.Of(lines);

        Assert.Equal(
            [("head", (int?)0, "b,c"), ("old", 3, "a"), (null, null, "d")],
            revisions.Select(r => (r.Commit, r.Behind, string.Join(",", r.Hosts))));
    }
}
