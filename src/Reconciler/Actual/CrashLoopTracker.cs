using GitOps.Reconciler.Common;

namespace GitOps.Reconciler.Actual;

/// <summary>
/// Tells a restart loop from a stop: die events of a container that nobody killed are crashes; a container that
/// crashed <see cref="Threshold"/> times within <see cref="Window"/> is crash looping, whether its restart policy or
/// self-heal starts it again (a loop that crashes every 12 s is as broken as one that never stays up). A die shortly
/// after a kill (<c>docker stop</c>, the agent replacing it) is intentional and not counted. Thread-safe: the event
/// watcher records, the probe reads.
/// </summary>
public sealed class CrashLoopTracker(TimeProvider time)
{
    private static readonly TimeSpan KillGrace = TimeSpan.FromSeconds(60);

    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    public int Threshold { get; init; } = 3;

    public TimeSpan Window { get; init; } = TimeSpan.FromMinutes(10);

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
            return entry.Crashes.Count >= Threshold ? new CrashLoop(entry.Crashes.Count, entry.ExitCode, entry.Logs ?? ValueList<string>.Empty) : null;
        }
    }

    /// <summary>True when the loop of <paramref name="id"/> crashed again since its log lines were read.</summary>
    public bool NeedsLogs(string id)
    {
        lock (_lock)
        {
            return _entries.TryGetValue(id, out var entry) && entry.LogsAtCrashes != entry.Crashes.Count;
        }
    }

    public void SetLogs(string id, ValueList<string> logs)
    {
        lock (_lock)
        {
            var entry = Get(id);
            entry.Logs = logs;
            entry.LogsAtCrashes = entry.Crashes.Count;
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

        public int LogsAtCrashes { get; set; } = -1;
    }
}
