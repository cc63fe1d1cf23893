using GitOps.Reconciler.Common;

namespace GitOps.Reconciler.Actual;

/// <summary>
/// Tells a restart loop from a stop: die events of a container that nobody killed are crashes; a container that
/// crashed <see cref="Threshold"/> times within <see cref="Window"/> is crash looping, whether its restart policy or
/// self-heal starts it again (a loop that crashes every 12 s is as broken as one that never stays up). A die shortly
/// after a kill (<c>docker stop</c>, the agent replacing it) is intentional and not counted. Die events are only seen
/// while the agent runs; the engine's own restart count is not lost with them: a container whose restart count grew
/// between two inspects (or that the engine is restarting right now) and that was restarted <see cref="Threshold"/>
/// times or more is crash looping too, so a loop that began before the agent (re)started is recognised at its next
/// crash rather than after three more. Thread-safe: the event watcher records, the probe reads.
/// </summary>
public sealed class CrashLoopTracker(TimeProvider time)
{
    private static readonly TimeSpan KillGrace = TimeSpan.FromSeconds(60);

    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    public int Threshold { get; init; } = 3;

    public TimeSpan Window { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>The tracker's clock, for the probe's reading of how long a container has been up.</summary>
    public DateTimeOffset UtcNow => time.GetUtcNow();

    /// <summary>Someone (a person or the agent) killed or stopped the container: its next die is not a crash.</summary>
    public void RecordKill(string id)
    {
        lock (_lock)
        {
            Get(id).KilledAt = time.GetUtcNow();
        }
    }

    /// <summary>The container died with <paramref name="exitCode"/>; counted as a crash unless it was just killed.</summary>
    public void RecordDie(string id, int? exitCode)
    {
        var now = time.GetUtcNow();
        lock (_lock)
        {
            var entry = Get(id);
            if (entry.KilledAt is { } killed && now - killed <= KillGrace)
            {
                entry.KilledAt = null;
                return;
            }
            entry.Crashes.Add(now);
            entry.ExitCode = exitCode;
            entry.Generation++;
        }
    }

    /// <summary>
    /// An inspect of the container: its engine restart count, whether the engine is restarting it now (it exited on its
    /// own and its restart policy brings it back), and its exit code when it is not running.
    /// </summary>
    public void RecordInspect(string id, long restartCount, bool restarting, int? exitCode)
    {
        var now = time.GetUtcNow();
        lock (_lock)
        {
            var entry = Get(id);
            var grew = entry.RestartCount is { } before && restartCount > before;
            if (restartCount < (entry.RestartCount ?? 0))
            {
                // Started again by hand (the engine resets its count): the loop, if any, is over.
                entry.RestartLoopAt = null;
            }
            entry.RestartCount = restartCount;
            if (exitCode is { } code && code != 0)
            {
                entry.ExitCode = code;
            }
            if ((grew || restarting) && restartCount >= Threshold)
            {
                entry.RestartLoopAt = now;
                if (grew)
                {
                    entry.Generation++;
                }
            }
        }
    }

    /// <summary>The loop of <paramref name="id"/>, or null when it is not crash looping now.</summary>
    public CrashLoop? Of(string id)
    {
        var since = time.GetUtcNow() - Window;
        lock (_lock)
        {
            if (!_entries.TryGetValue(id, out var entry))
            {
                return null;
            }
            entry.Crashes.RemoveAll(at => at < since);
            var restartLoop = entry.RestartLoopAt is { } at && at >= since;
            if (entry.Crashes.Count < Threshold && !restartLoop)
            {
                return null;
            }
            var crashes = restartLoop ? Math.Max(entry.Crashes.Count, (int)Math.Min(entry.RestartCount ?? 0, int.MaxValue)) : entry.Crashes.Count;
            return new CrashLoop(crashes, entry.ExitCode, entry.Logs ?? ValueList<string>.Empty);
        }
    }

    /// <summary>True when the loop of <paramref name="id"/> crashed again since its log lines were read.</summary>
    public bool NeedsLogs(string id)
    {
        lock (_lock)
        {
            return _entries.TryGetValue(id, out var entry) && entry.LogsAtGeneration != entry.Generation;
        }
    }

    public void SetLogs(string id, ValueList<string> logs)
    {
        lock (_lock)
        {
            var entry = Get(id);
            entry.Logs = logs;
            entry.LogsAtGeneration = entry.Generation;
        }
    }

    /// <summary>Forgets containers that no longer exist.</summary>
    public void Retain(IReadOnlyCollection<string> ids)
    {
        ArgumentNullException.ThrowIfNull(ids);
        lock (_lock)
        {
            foreach (var gone in _entries.Keys.Where(id => !ids.Contains(id)).ToList())
            {
                _entries.Remove(gone);
            }
        }
    }

    private Entry Get(string id)
    {
        if (!_entries.TryGetValue(id, out var entry))
        {
            entry = new Entry();
            _entries[id] = entry;
        }
        return entry;
    }

    private sealed class Entry
    {
        public List<DateTimeOffset> Crashes { get; } = [];

        public int? ExitCode { get; set; }

        public DateTimeOffset? KilledAt { get; set; }

        public ValueList<string>? Logs { get; set; }

        /// <summary>Counts the crashes seen, by die event or by a grown restart count: new logs are read after each.</summary>
        public int Generation { get; set; }

        public int LogsAtGeneration { get; set; } = -1;

        /// <summary>The engine's restart count at the last inspect.</summary>
        public long? RestartCount { get; set; }

        /// <summary>When an inspect last showed the container in a restart loop.</summary>
        public DateTimeOffset? RestartLoopAt { get; set; }
    }
}
