using System.Text.Json;
using GitOps.Daemon.Cli;
using GitOps.Daemon.Commands;
using GitOps.Daemon.Http;
using GitOps.Reconciler.Tasks;

namespace GitOps.Reconciler.Tests.Cli;

/// <summary>
/// The task verbs' and task endpoints' JSON, now written by generated contracts, is byte for byte what reflection over
/// the same records wrote before (camelCase names, enums as their member names, nulls written).
/// </summary>
public sealed class TaskJsonTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);

    private static readonly JsonSerializerOptions AspNetDefaults = new(JsonSerializerDefaults.Web);

    private static TaskRunRecord Run(TaskOutcome outcome, int? exit, string? message) =>
        new TaskRunRecord("backup", At, At.AddSeconds(1), At.AddSeconds(4.25), outcome, exit, "out \"quoted\" <tag>\n", message, "rev-1", TaskFire.Scheduled, 2)
        {
            Id = 7,
        };

    [Fact]
    public void TaskHistoryJson_Runs_SameAsReflectionWrote()
    {
        IReadOnlyList<TaskRunRecord> runs = [Run(TaskOutcome.TimedOut, null, "timed out"), Run(TaskOutcome.Succeeded, 0, null) with { RequestId = "r-1" }];

        var json = CliJson.Serialize(runs, CliJsonContext.Default.IReadOnlyListTaskRunRecord);

        Assert.Equal(JsonSerializer.Serialize(runs, ReflectionJson.Options), json);
        Assert.Contains("\"outcome\": \"timedOut\"", json, StringComparison.Ordinal);
        Assert.Contains("\"requestId\": null", json, StringComparison.Ordinal);
        Assert.Contains("\"duration\": \"00:00:03.2500000\"", json, StringComparison.Ordinal);
    }

    [Fact]
    public void TasksJson_Listings_SameAsReflectionWrote()
    {
        IReadOnlyList<TaskListing> listings =
        [
            new("backup", "0 3 * * *", "Europe/Zurich", ["0 0 3 * * ?"], false, null, At, new TaskListingRun(7, TaskOutcome.Failed, At, 3.25, 2)),
            new("idle", "@daily", null, ["0 0 0 * * ?"], true, "git", null, null),
        ];

        var json = CliJson.Serialize(listings, CliJsonContext.Default.IReadOnlyListTaskListing);

        Assert.Equal(JsonSerializer.Serialize(listings, ReflectionJson.Options), json);
        Assert.Contains("\"lastRun\": {\n      \"id\": 7,\n      \"outcome\": \"failed\",", json, StringComparison.Ordinal);
    }

    [Fact]
    public void TaskRunStateJson_PendingAndFinished_SameAsAspNetDefaultsWrote()
    {
        var pending = new TaskRunState("r-1", "backup", TaskRunState.Pending, At, null, null, null, null, null, null);
        var finished = new TaskRunState("r-1", "backup", TaskRunState.Finished, At, 7, "Succeeded", 0, At, At.AddSeconds(3), "it's done");

        foreach (var state in new[] { pending, finished })
        {
            Assert.Equal(JsonSerializer.Serialize(state, AspNetDefaults), JsonSerializer.Serialize(state, TaskHttpJsonContext.Default.TaskRunState));
        }
        Assert.Contains("\"runId\":null", JsonSerializer.Serialize(pending, TaskHttpJsonContext.Default.TaskRunState), StringComparison.Ordinal);
    }

    [Fact]
    public void TaskRunAcceptedJson_AsDocumented()
    {
        var json = JsonSerializer.Serialize(TaskRunAccepted.Of("backup", "r-1"), TaskHttpJsonContext.Default.TaskRunAccepted);

        Assert.Equal("{\"status\":\"accepted\",\"task\":\"backup\",\"run\":\"r-1\",\"follow\":\"/tasks/backup/runs/r-1\"}", json);
    }
}
