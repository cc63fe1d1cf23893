using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace GitOps.Reconciler.Tests.Reporting.Notifications;

/// <summary>Keeps every log entry's template values, so tests can check what was logged (and that secrets were not).</summary>
internal sealed class ListLogger<T> : ILogger<T>
{
    public ConcurrentQueue<(LogLevel Level, string Message, IReadOnlyList<KeyValuePair<string, object?>> Values)> Entries { get; } = new();

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        var values = state as IReadOnlyList<KeyValuePair<string, object?>> ?? [];
        Entries.Enqueue((logLevel, formatter(state, exception), values));
    }

    public IEnumerable<TValue> Values<TValue>(string name) =>
        Entries.SelectMany(e => e.Values).Where(v => v.Key == name).Select(v => (TValue)v.Value!);
}
