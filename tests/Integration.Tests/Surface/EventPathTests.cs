using GitOps.Daemon.Rendering;
using System.Text.Json;
using GitOps.Daemon.Cli;
using GitOps.Daemon.Commands;
using GitOps.Daemon.Http;
using GitOps.Integration.Tests.Infrastructure;
using GitOps.Reconciler.Actual.Events;
using GitOps.Reconciler.Common;
using GitOps.Reconciler.Configuration;
using GitOps.Reconciler.Planning;
using GitOps.Reconciler.Reconciliation;
using GitOps.Reconciler.Reporting.Drift;
using GitOps.Reconciler.Reporting.Metrics;
using GitOps.Reconciler.Reporting.Notifications;
using GitOps.Reconciler.Repository;
using GitOps.Reconciler.SelfHeal;
using GitOps.Reconciler.Stacks;
using GitOps.Reconciler.State;
using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace GitOps.Integration.Tests.Surface;

/// <summary>
/// A hand change seen through the event path: the engine's event stream, the watcher, the drift monitor, the
/// report store and metrics, served on a real loopback port; self-heal through the corrective trigger; notifications
/// to an in-test receiver. Only this test's stack is planned and applied, so other stacks on the engine are untouched.
/// </summary>
public sealed class EventPathTests(EngineFixture fixture, ITestOutputHelper testOutput) : EngineTest(fixture)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);

    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };
    private readonly TaskCompletionSource _allowCorrection = new(TaskCreationOptions.RunContinuationsAsynchronously);

    [Fact]
    public async Task HandStop_EventPath_ReportsHostDriftThenSelfHeals()
    {
        using var repo = new SurfaceRepo(Project);
        using var sink = new NotificationSink();
        await using var agent = await SurfaceAgent.StartAsync(Fixture.Engine, logger => Executor(logger: logger), Project, repo, sink.Url, testOutput, Token);
        await DeployAsync(agent);
        await agent.Monitor.RefreshAsync(Token);
        agent.Trigger.OnRequest = CorrectAsync(agent);
        agent.StartWatching(Token);

        await DockerAsync("stop", "-t", "1", Container);

        var drifted = await PollStatusAsync(agent, r => r.Find(DriftKind.Service, Project, "web") is { Status: ResourceStatus.Drifted, Cause: DriftCause.Host });
        Assert.Equal(ResourceStatus.Drifted, drifted.Find(DriftKind.Stack, Project, Project)!.Status);
        var metrics = await _http.GetStringAsync(new Uri(agent.Address, "/metrics"));
        Assert.Contains("\ngitops_agent_resources{kind=\"service\",status=\"drifted\"} 1\n", metrics, StringComparison.Ordinal);
        // The report is published before the correction is asked for: wait for the request rather than race it.
        await Eventually(() => agent.Trigger.Reasons.Contains($"self-heal: {Project}/web"), "self-heal asks for a correction");

        _allowCorrection.SetResult();
        await PollStatusAsync(agent, r => r.Find(DriftKind.Service, Project, "web") is { Status: ResourceStatus.InSync });
        Assert.True((await InspectAsync(Container)).State?.Running == true, "the container runs again");
        await Eventually(() => sink.Count("driftResolved", Project, "web") >= 1, "the drift resolved notification arrives");
        await agent.Monitor.RefreshAsync(Token);

        Assert.Equal(1, sink.Count("driftDetected", Project, "web"));
        Assert.Equal(1, sink.Count("driftResolved", Project, "web"));
    }

    [Fact]
    public async Task HandStop_SuspendedStack_ReportedButUntouched()
    {
        using var repo = new SurfaceRepo(Project);
        await using var agent = await SurfaceAgent.StartAsync(Fixture.Engine, logger => Executor(logger: logger), Project, repo, notifications: null, testOutput, Token);
        await DeployAsync(agent);
        agent.State.Suspend(Project);
        await agent.Monitor.RefreshAsync(Token);
        agent.StartWatching(Token);

        await DockerAsync("stop", "-t", "1", Container);

        var report = await PollStatusAsync(agent, r => r.Find(DriftKind.Service, Project, "web") is { Status: ResourceStatus.Suspended, Cause: DriftCause.Host });
        Assert.Equal(ResourceStatus.Suspended, report.Find(DriftKind.Stack, Project, Project)!.Status);
        var again = await agent.Monitor.RefreshAsync(Token);
        Assert.Empty(again.Corrected);
        Assert.Empty(agent.Trigger.Reasons);
        Assert.False((await InspectAsync(Container)).State?.Running == true, "a suspended stack is never touched");
    }

    [Fact]
    public async Task DriftRefresh_RealEngine_SavesReportAndExitsByStatus()
    {
        using var repo = new SurfaceRepo(Project);
        await using var agent = await SurfaceAgent.StartAsync(Fixture.Engine, logger => Executor(logger: logger), Project, repo, notifications: null, testOutput, Token);
        // `drift --refresh --host H` reads what host H owns, so the stack is deployed as that host.
        await DeployAsync(agent, owner: SurfaceRepo.Host);
        var command = new DriftCommand();
        var output = new StringWriter();

        var exit = await command.RunAsync(
            CommandLine.Parse(["--refresh", "--repo", repo.Root, "--host", SurfaceRepo.Host, "--state-dir", agent.StateDirectory, "--json"], command.Spec),
            output, new StringWriter(), Token);

        var report = DriftReportJson.Deserialize(output.ToString());
        Assert.Equal(ResourceStatus.InSync, report.Find(DriftKind.Service, Project, "web")!.Status);
        Assert.Equal(report, new DriftReportStore(agent.StateDirectory).Latest);
        Assert.Equal(DriftExitCode.Of(report), exit);
    }

    private string Container => $"{Project}-web-1";

    private async Task DeployAsync(SurfaceAgent agent, string owner = GitOps.Reconciler.Engine.EngineLabels.DefaultOwner)
    {
        var plan = await agent.PlanOwnStackAsync(Token);
        var result = await Executor(owner: owner, logger: agent.Loggers.CreateLogger<ComposeExecutor>()).ApplyStackAsync(plan!.Plan.Stacks.Single(), null, Token);
        Assert.True(result.Status == Reconciler.Apply.ApplyStatus.Applied, $"deploy failed: {result.Reason}");
    }

    /// <summary>The daemon's corrective reconcile, limited to this test's stack, held until the test has seen the drift.</summary>
    private Func<string, Task> CorrectAsync(SurfaceAgent agent) => async _ =>
    {
        await _allowCorrection.Task;
        var plan = await agent.PlanOwnStackAsync(Token);
        await Executor(logger: agent.Loggers.CreateLogger<ComposeExecutor>()).ApplyStackAsync(plan!.Plan.Stacks.Single(), null, Token);
    };

    private async Task<DriftReport> PollStatusAsync(SurfaceAgent agent, Func<DriftReport, bool> condition)
    {
        var url = new Uri(agent.Address, "/status");
        DriftReport? matched = null;
        await GitOps.Testing.Eventually.TrueAsync(async () =>
        {
            using var response = await _http.GetAsync(url, Token);
            if (response.IsSuccessStatusCode)
            {
                var report = DriftReportJson.Deserialize(await response.Content.ReadAsStringAsync(Token));
                matched = condition(report) ? report : null;
            }
            return matched is not null;
        }, () => "/status shows the expected report; last: " + (agent.Publisher.Store.Latest is { } r ? DriftTable.Render(r) : "none"), Wait, Token);
        return matched!;
    }

    private Task Eventually(Func<bool> condition, string what) => GitOps.Testing.Eventually.TrueAsync(condition, what, Wait, Token);

    private static async Task DockerAsync(params string[] args)
    {
        var result = await Task.Run(() => ProcessRunner.Run("docker", args));
        Assert.True(result.ExitCode == 0, $"docker {string.Join(' ', args)} failed: {result.Error}");
    }
}
