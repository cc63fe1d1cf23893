using GitOps.Reconciler.Reconciliation;
using GitOps.Reconciler.Reporting.Drift;
using Xunit.Abstractions;

namespace GitOps.Integration.Tests.Daemon;

/// <summary>The host policy of agent.yaml over the daemon's pass, on a real engine.</summary>
public sealed class DaemonHostPolicyTests(EngineFixture fixture, ITestOutputHelper output) : DaemonTest(fixture, output)
{
    /// <summary>web at <paramref name="webTag"/>; other at v1 with <paramref name="otherExtra"/> settings.</summary>
    private string Commit(string webTag, string otherExtra = "") => Upstream.Commit(new Dictionary<string, string>
    {
        ["inventory.yaml"] = $"hosts:\n  {Project}: {{}}\n",
        [$"stacks/{Project}/stack.yaml"] = $"targets: [{Project}]\n",
        [$"stacks/{Project}/compose.yaml"] = $"services:\n  web:\n    image: {Web(webTag)}\n  other:\n    image: {Web("v1")}\n{otherExtra}",
    }, "web " + webTag);

    [Fact]
    public async Task Cycle_RevisionRefusedByBaseline_StalledWithPositionAndNothingApplied()
    {
        ExtraConfig = "policy:\n  profile: baseline\n";
        Commit("v1");
        var pipeline = Pipeline();
        Assert.Equal(ReconcileStatus.Converged, (await pipeline.Cycle.RunAsync(Token)).Status);
        var before = (await ContainersAsync()).ToDictionary(c => c.Key, c => c.Value.ID);

        // The web change alone would be allowed; the capability on other refuses the revision as a whole.
        var refused = Commit("v2", "    cap_add: [NET_ADMIN]\n");
        var result = await pipeline.Cycle.RunAsync(Token);

        Assert.Equal(ReconcileStatus.ValidationFailed, result.Status);
        Assert.Equal(refused, pipeline.Cycle.Stalled!.Commit);
        Assert.Equal(before, (await ContainersAsync()).ToDictionary(c => c.Key, c => c.Value.ID));
        Assert.Equal(Web("v1"), await ImageOfAsync("web"));
        var report = pipeline.Reports.Latest!;
        Assert.Equal(ReportStatus.Stalled, report.Status);
        var refusal = Assert.Single(report.Stalled!.Diagnostics);
        Assert.Equal($"stacks/{Project}/compose.yaml", refusal.File);
        Assert.Equal(6, refusal.Line);
        Assert.Contains("'cap_add' of service 'other'", refusal.Message, StringComparison.Ordinal);
        Assert.Contains("refused by host policy 'baseline'", refusal.Message, StringComparison.Ordinal);
        Assert.Contains($"policy.allow: [{{stack: {Project}, capabilities: [NET_ADMIN]}}]", refusal.Message, StringComparison.Ordinal);
        Assert.Null(report.Warnings);

        var good = Commit("v2");
        var applied = await pipeline.Cycle.RunAsync(Token);

        Assert.Equal(ReconcileStatus.Converged, applied.Status);
        Assert.Equal(good, applied.Revision);
        Assert.Equal(Web("v2"), await ImageOfAsync("web"));
    }

    [Fact]
    public async Task Cycle_AgentYamlWithoutPolicy_UpgradeDefaultAppliesAndWarnsInTheReport()
    {
        Commit("v1", "    cap_add: [NET_ADMIN]\n");
        var pipeline = Pipeline();

        var result = await pipeline.Cycle.RunAsync(Token);

        Assert.Equal(ReconcileStatus.Converged, result.Status);
        var warning = Assert.Single(pipeline.Reports.Latest!.Warnings!);
        Assert.Contains("no 'policy' section", warning, StringComparison.Ordinal);
        Assert.Contains("'privileged'", warning, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cycle_ExceptionForTheStack_Applied()
    {
        ExtraConfig = $"policy:\n  profile: baseline\n  allow:\n    - {{ stack: {Project}, capabilities: [NET_ADMIN] }}\n";
        Commit("v1", "    cap_add: [NET_ADMIN]\n");
        var pipeline = Pipeline();

        var result = await pipeline.Cycle.RunAsync(Token);

        Assert.Equal(ReconcileStatus.Converged, result.Status);
        var other = await Fixture.Engine.Containers.InspectAsync((await ContainersAsync())[$"{Project}-other-1"].ID, Token);
        Assert.Contains("CAP_NET_ADMIN", (other?.HostConfig?.CapAdd ?? []).Select(c => c.StartsWith("CAP_", StringComparison.Ordinal) ? c : "CAP_" + c));
    }

    [Fact]
    public async Task Cycle_PolicyWidenedAfterRestart_StalledCommitTriedAgainAndApplied()
    {
        ExtraConfig = "policy:\n  profile: baseline\n";
        var commit = Commit("v1", "    cap_add: [NET_ADMIN]\n");
        var refused = await Pipeline().Cycle.RunAsync(Token);
        var refusedAgain = await Pipeline().Cycle.RunAsync(Token);

        ExtraConfig = $"policy:\n  profile: baseline\n  allow:\n    - {{ stack: {Project}, capabilities: [NET_ADMIN] }}\n";
        var widened = await Pipeline().Cycle.RunAsync(Token);

        Assert.Equal(ReconcileStatus.ValidationFailed, refused.Status);
        Assert.Equal(ReconcileStatus.ValidationFailed, refusedAgain.Status);
        Assert.Equal(ReconcileStatus.Converged, widened.Status);
        Assert.Equal(commit, widened.Revision);
        Assert.Equal(Web("v1"), await ImageOfAsync("web"));
    }
}
