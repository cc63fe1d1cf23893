using System.Text.Json;
using System.Text.Json.Serialization;
using GitOps.Reconciler.Common;
using GitOps.Reconciler.Compose;
using GitOps.Reconciler.Desired;

namespace GitOps.Reconciler.Tasks;

/// <summary>
/// A task's spec as the job store keeps it in the job's data, with explicit names so a renamed C# member cannot
/// change what an older agent stored. The job runs from this copy, so a restart runs what was scheduled, not what
/// git says now (the next pass converges that).
/// </summary>
internal sealed record StoredTask(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("schedule")] string Schedule,
    [property: JsonPropertyName("quartz")] List<string> QuartzCrons,
    [property: JsonPropertyName("image")] string Image,
    [property: JsonPropertyName("command")] List<string>? Command,
    [property: JsonPropertyName("environment")] SortedDictionary<string, string> Environment,
    [property: JsonPropertyName("volumes")] List<StoredMount> Mounts,
    [property: JsonPropertyName("timeoutMs")] long TimeoutMs,
    [property: JsonPropertyName("suspended")] bool Suspended,
    [property: JsonPropertyName("execStack")] string? ExecStack,
    [property: JsonPropertyName("execService")] string? ExecService,
    [property: JsonPropertyName("user")] string? User,
    [property: JsonPropertyName("workingDir")] string? WorkingDir,
    [property: JsonPropertyName("network")] string? Network,
    [property: JsonPropertyName("pullAlways")] bool PullAlways,
    [property: JsonPropertyName("timeZone")] string? TimeZone,
    [property: JsonPropertyName("randomDelayMs")] long RandomDelayMs,
    [property: JsonPropertyName("concurrency")] TaskConcurrency Concurrency,
    [property: JsonPropertyName("missed")] TaskMissedPolicy Missed,
    [property: JsonPropertyName("startingDeadlineMs")] long? StartingDeadlineMs,
    [property: JsonPropertyName("retries")] int Retries,
    [property: JsonPropertyName("retryDelayMs")] long RetryDelayMs)
{
    public static string Write(TaskSpec spec) => JsonSerializer.Serialize(From(spec), TaskJsonContext.Default.StoredTask);

    public static TaskSpec Read(string json) =>
        (JsonSerializer.Deserialize(json, TaskJsonContext.Default.StoredTask) ?? throw new JsonException("empty task spec")).ToSpec();

    internal static StoredTask From(TaskSpec s) => new(
        s.Name, s.Schedule, [.. s.QuartzCrons], s.Image, s.Command is null ? null : [.. s.Command],
        new SortedDictionary<string, string>(s.Environment.ToDictionary(kv => kv.Key, kv => kv.Value), StringComparer.Ordinal),
        [.. s.Mounts.Select(m => new StoredMount(m.Type, m.Source, m.Target, m.ReadOnly))],
        (long)s.Timeout.TotalMilliseconds, s.Suspended, s.Exec?.Stack, s.Exec?.Service, s.User, s.WorkingDir, s.Network, s.PullAlways,
        s.TimeZone, (long)s.RandomDelay.TotalMilliseconds, s.Concurrency, s.Missed, (long?)s.StartingDeadline?.TotalMilliseconds,
        s.Retries, (long)s.RetryDelay.TotalMilliseconds);

    private TaskSpec ToSpec() => new(
        Name, Schedule, ValueList.From(QuartzCrons), Image, Command is null ? null : ValueList.From(Command),
        ValueMap.From(Environment), ValueList.From(Mounts.Select(m => new MountSpec(m.Type, m.Source, m.Target, m.ReadOnly))),
        TimeSpan.FromMilliseconds(TimeoutMs), Suspended)
    {
        Exec = ExecStack is null || ExecService is null ? null : new TaskExecTarget(ExecStack, ExecService),
        User = User,
        WorkingDir = WorkingDir,
        Network = Network,
        PullAlways = PullAlways,
        TimeZone = TimeZone,
        RandomDelay = TimeSpan.FromMilliseconds(RandomDelayMs),
        Concurrency = Concurrency,
        Missed = Missed,
        StartingDeadline = StartingDeadlineMs is { } d ? TimeSpan.FromMilliseconds(d) : null,
        Retries = Retries,
        RetryDelay = TimeSpan.FromMilliseconds(RetryDelayMs),
    };
}

internal sealed record StoredMount(
    [property: JsonPropertyName("type")] MountType Type,
    [property: JsonPropertyName("source")] string Source,
    [property: JsonPropertyName("target")] string Target,
    [property: JsonPropertyName("readOnly")] bool ReadOnly);
