using Xunit.Abstractions;
using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using GitOps.Daemon.Cli;
using GitOps.Daemon.Commands;
using GitOps.Integration.Tests.Infrastructure;
using GitOps.Reconciler.Webhooks;

namespace GitOps.Integration.Tests.Daemon;

/// <summary>
/// <c>gitops-agent run</c> as a child process with tasks: the CLI verbs against it (<c>tasks</c> reads the store,
/// <c>task run --wait</c> asks the daemon over HTTP), the report, metrics and notifications of a failed task, and the
/// job store and history surviving SIGKILL. Schedules never fire during a test (January 1st, 03:00 UTC); runs are asked for.
/// </summary>
public sealed class DaemonTaskSurfaceTests(EngineFixture fixture, ITestOutputHelper output) : DaemonTest(fixture, output)
{
    private const string Secret = "task-surface-secret";
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(30) };

    private int _port;

    private string ConfigFile => AgentState.Combine("agent.yaml");

    private void WriteRepoAndConfig(Uri? notify = null, string? fleetConnectionFile = null)
    {
        var files = RepoFiles("v1");
        var image = EngineFixture.Image("backup:1.0");
        files["tasks/tick.yaml"] = $"targets: [{Project}]\nschedule: '0 3 1 1 *'\ntimeZone: UTC\nimage: {image}\ncommand: [sh, -c, 'echo tick-ran']\n";
        if (fleetConnectionFile is not null)
        {
            files["tasks/report.yaml"] = $"targets: [{Project}]\nrunOn: {{oneOf: fleet}}\nschedule: '0 3 1 1 *'\nimage: {image}\ncommand: [sh, -c, 'echo report']\n";
        }
        files["tasks/broken.yaml"] = $"targets: [{Project}]\nschedule: '0 3 1 1 *'\ntimeZone: UTC\nimage: {image}\ncommand: [sh, -c, 'echo about-to-fail; exit 7']\n";
        Upstream.Commit(files, "tasks");
        var secretFile = AgentState.Combine("webhook-secret");
        File.WriteAllText(secretFile, Secret);
        _port = Network.FreePort();
        File.WriteAllText(ConfigFile, $"host: {Project}\nrepo:\n  url: {Upstream.FileUrl}\npollInterval: 1s\nstateDir: {AgentState.Path}\n"
            + $"http:\n  listen: 127.0.0.1:{_port}\n  webhookSecretFile: {secretFile}\nlog:\n  level: debug\n"
            + (notify is null ? "" : $"notify:\n  webhookUrl: {notify}\n")
            + (fleetConnectionFile is null ? "" : $"fleet:\n  postgres:\n    connectionStringFile: {fleetConnectionFile}\n"));
    }

    private Process StartAgent(string name)
    {
        var dll = typeof(RunCommand).Assembly.Location;
        return ProcessRunner.Start("dotnet", [dll, "run", "--config", ConfigFile], AgentState.Combine($"agent-{name}.log"));
    }

    private static async Task KillAsync(Process agent)
    {
        agent.Kill(entireProcessTree: true);
        await agent.WaitForExitAsync(CancellationToken.None);
    }

    private async Task<(int Exit, string Output, string Error)> CliAsync(params string[] args)
    {
        var (output, error) = (new StringWriter(), new StringWriter());
        var exit = await new CommandDispatcher(CommandCatalog.All()).RunAsync(args, output, error, Token);
        return (exit, output.ToString(), error.ToString());
    }

    private async Task<JsonElement> TasksJsonAsync()
    {
        var (exit, output, error) = await CliAsync("tasks", "--config", ConfigFile, "--json");
        Assert.True(exit == 0, error);
        return JsonDocument.Parse(output).RootElement.Clone();
    }

    // The report exists once the first pass ended: the state store and the job store are both set up by then.
    private async Task<bool> BothScheduledAsync() => await StatusTaskAsync("tick") is not null && (await TasksJsonAsync()).GetArrayLength() == 2;

    private async Task<JsonElement?> StatusTaskAsync(string task)
    {
        try
        {
            var status = JsonDocument.Parse(await Http.GetStringAsync(new Uri($"http://127.0.0.1:{_port}/status"), Token)).RootElement;
            return status.GetProperty("tasks") is { ValueKind: JsonValueKind.Array } tasks
                ? tasks.EnumerateArray().FirstOrDefault(t => t.GetProperty("name").GetString() == task).Clone()
                : null;
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }

    [Fact]
    public async Task TaskRunWait_ThroughTheRunningDaemon_ExitsWithTheRunsExitCodeAndReportMetricsAndNotificationShowTheFailure()
    {
        using var sink = new NotificationSink();
        WriteRepoAndConfig(sink.Url);
        var agent = StartAgent("surface");
        try
        {
            await EventuallyAsync(BothScheduledAsync, "the first pass scheduled both tasks");
            await EventuallyAsync(async () => await StatusTaskAsync("tick") is not null, "the report has a tasks section");

            var ok = await CliAsync("task", "run", "tick", "--config", ConfigFile, "--wait");
            Assert.True(ok.Exit == 0, ok.Output + ok.Error);
            Assert.Contains("Succeeded (exit code 0)", ok.Output, StringComparison.Ordinal);

            var failed = await CliAsync("task", "run", "broken", "--config", ConfigFile, "--wait");
            Assert.Equal(7, failed.Exit);

            await EventuallyAsync(async () => (await StatusTaskAsync("broken"))?.GetProperty("status").GetString() == "failed", "the report shows the failed task");
            var broken = (await StatusTaskAsync("broken"))!.Value;
            Assert.Equal(7, broken.GetProperty("lastRun").GetProperty("exitCode").GetInt32());
            Assert.Equal("inSync", (await StatusTaskAsync("tick"))!.Value.GetProperty("status").GetString());
            var drift = await CliAsync("drift", "--state-dir", AgentState.Path);
            Assert.Equal(2, drift.Exit);
            Assert.Contains("broken", drift.Output, StringComparison.Ordinal);

            var metrics = await Http.GetStringAsync(new Uri($"http://127.0.0.1:{_port}/metrics"), Token);
            Assert.Contains("gitops_agent_task_runs_total{task=\"broken\",outcome=\"failed\"} 1", metrics, StringComparison.Ordinal);
            Assert.Contains("gitops_agent_task_runs_total{task=\"tick\",outcome=\"succeeded\"} 1", metrics, StringComparison.Ordinal);
            Assert.Contains("gitops_agent_task_last_success_timestamp_seconds{task=\"tick\"}", metrics, StringComparison.Ordinal);
            Assert.Contains("gitops_agent_task_next_fire_timestamp_seconds{task=\"broken\"}", metrics, StringComparison.Ordinal);
            Assert.Contains("gitops_agent_task_run_duration_seconds_count{task=\"broken\"} 1", metrics, StringComparison.Ordinal);

            await EventuallyAsync(() => Task.FromResult(sink.Received.Any(n =>
                n.GetProperty("event").GetString() == "failed" && n.GetProperty("kind").GetString() == "task" && n.GetProperty("name").GetString() == "broken")),
                "a notification said the task failed");

            var logs = await CliAsync("task", "logs", "broken", "--config", ConfigFile);
            Assert.Equal("about-to-fail\n", logs.Output);
            var unknown = await CliAsync("task", "run", "nope", "--config", ConfigFile);
            Assert.Equal(1, unknown.Exit);
            Assert.Contains("404", unknown.Error, StringComparison.Ordinal);
        }
        finally
        {
            await KillAsync(agent);
        }
    }

    [Fact]
    public async Task Run_KilledWithSigkill_SchedulesNextFiresAndHistorySurviveAndRestartRunsNothing()
    {
        WriteRepoAndConfig();
        var first = StartAgent("first");
        JsonElement before;
        try
        {
            await EventuallyAsync(BothScheduledAsync, "the first pass scheduled both tasks");
            Assert.Equal(0, (await CliAsync("task", "run", "tick", "--config", ConfigFile, "--wait")).Exit);
            before = await TasksJsonAsync();
        }
        finally
        {
            // SIGKILL: no shutdown, no flush beyond what SQLite committed.
            await KillAsync(first);
        }

        // Read with the daemon dead: the store and history are as they were.
        var dead = await TasksJsonAsync();
        Assert.Equal(Summary(before), Summary(dead));
        var history = await CliAsync("task", "history", "tick", "--config", ConfigFile);
        Assert.Single(history.Output.TrimEnd('\n').Split('\n'));
        Assert.Contains("\tSucceeded\t0\t", history.Output, StringComparison.Ordinal);

        var second = StartAgent("second");
        try
        {
            await EventuallyAsync(async () => await StatusTaskAsync("tick") is { } t && t.GetProperty("lastRun").ValueKind == JsonValueKind.Object,
                "the restarted daemon reported the task with its last run");
            var after = await TasksJsonAsync();
            Assert.Equal(Summary(before), Summary(after));
            // A restart is never a reason to run a task: still the one run asked for, and none of broken.
            Assert.Single((await CliAsync("task", "history", "tick", "--config", ConfigFile)).Output.TrimEnd('\n').Split('\n'));
            Assert.Equal("", (await CliAsync("task", "history", "broken", "--config", ConfigFile)).Output);
        }
        finally
        {
            await KillAsync(second);
        }
    }

    [Fact]
    public async Task RunEndpoint_Unsigned401_SuspendedLocally409AndReportedSuspended_ResumedRunsAgain()
    {
        WriteRepoAndConfig();
        var agent = StartAgent("suspend");
        try
        {
            await EventuallyAsync(BothScheduledAsync, "the first pass scheduled both tasks");
            using (var unsigned = await Http.PostAsync(new Uri($"http://127.0.0.1:{_port}/tasks/tick/run"), new StringContent("{}"), Token))
            {
                Assert.Equal(HttpStatusCode.Unauthorized, unsigned.StatusCode);
            }

            var suspended = await CliAsync("suspend", "task/tick", "--state-dir", AgentState.Path, "--reason", "maintenance");
            Assert.True(suspended.Exit == 0, suspended.Error);
            await EventuallyAsync(async () => (await StatusTaskAsync("tick"))?.GetProperty("status").GetString() == "suspended", "the pass paused the task");
            Assert.Contains("maintenance", (await StatusTaskAsync("tick"))!.Value.GetProperty("suspendedBy").GetString(), StringComparison.Ordinal);
            var listed = (await TasksJsonAsync()).EnumerateArray().Single(t => t.GetProperty("name").GetString() == "tick");
            Assert.True(listed.GetProperty("suspended").GetBoolean());
            Assert.Equal(HttpStatusCode.Conflict, await PostSignedAsync("tick"));
            Assert.Equal(2, (await CliAsync("drift", "--state-dir", AgentState.Path)).Exit);

            Assert.Equal(0, (await CliAsync("resume", "task/tick", "--state-dir", AgentState.Path)).Exit);
            await EventuallyAsync(async () => (await StatusTaskAsync("tick"))?.GetProperty("status").GetString() == "inSync", "the pass resumed the task");
            Assert.Equal(0, (await CliAsync("task", "run", "tick", "--config", ConfigFile, "--wait")).Exit);
            // Pausing and resuming reschedule the task; neither ran it: only the run asked for is in history.
            Assert.Single((await CliAsync("task", "history", "tick", "--config", ConfigFile)).Output.TrimEnd('\n').Split('\n'));
        }
        finally
        {
            await KillAsync(agent);
        }
    }

    [Fact]
    public async Task RunEndpoint_FleetTask_RefusedSayingTheClusterPicksItsHost()
    {
        await using var database = await FleetDatabase.CreateAsync(Token);
        WriteRepoAndConfig(fleetConnectionFile: database.WriteConnectionFile(AgentState.Path));
        var agent = StartAgent("fleet");
        try
        {
            await EventuallyAsync(async () =>
            {
                try
                {
                    return (await Http.GetStringAsync(new Uri($"http://127.0.0.1:{_port}/status"), Token)).Contains("\"report@fleet\"", StringComparison.Ordinal);
                }
                catch (HttpRequestException)
                {
                    return false;
                }
            }, "the first pass planned the fleet task");

            var (status, body) = await PostSignedWithBodyAsync("report");

            Assert.Equal(HttpStatusCode.Conflict, status);
            Assert.StartsWith("task 'report' is a fleet task (runOn: {oneOf: fleet})",
                JsonDocument.Parse(body).RootElement.GetProperty("error").GetString(), StringComparison.Ordinal);
            var cli = await CliAsync("task", "run", "report", "--config", ConfigFile);
            Assert.Equal(1, cli.Exit);
            Assert.Contains("fleet task", cli.Error, StringComparison.Ordinal);
        }
        finally
        {
            await KillAsync(agent);
        }
    }

    private async Task<HttpStatusCode> PostSignedAsync(string task) => (await PostSignedWithBodyAsync(task)).Status;

    private async Task<(HttpStatusCode Status, string Body)> PostSignedWithBodyAsync(string task)
    {
        var body = Encoding.UTF8.GetBytes("{}");
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri($"http://127.0.0.1:{_port}/tasks/{task}/run")) { Content = new ByteArrayContent(body) };
        request.Headers.Add(WebhookSignature.GitHubHeader, WebhookSignature.Sign(body, Secret));
        using var response = await Http.SendAsync(request, Token);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(Token));
    }

    /// <summary>What must survive: each task's schedule, time zone and next fire time.</summary>
    private static string Summary(JsonElement tasks) => string.Join("; ", tasks.EnumerateArray().Select(t =>
        $"{t.GetProperty("name").GetString()} {t.GetProperty("schedule").GetString()} {t.GetProperty("timeZone").GetString()} {t.GetProperty("nextFire")}"));
}
