using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.Logging;

namespace GitOps.Integration.Tests.Infrastructure;

/// <summary>Keeps every log line (with exceptions) so a test can search what the agent logged.</summary>
public sealed class CapturingLoggerProvider : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _lines = new();

    /// <summary>Everything logged so far, one entry per line.</summary>
    public string Text => string.Join('\n', _lines);

    public ILogger CreateLogger(string categoryName) => new Logger(_lines, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(ConcurrentQueue<string> lines, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var line = string.Create(CultureInfo.InvariantCulture, $"{logLevel} {category}: {formatter(state, exception)}");
            lines.Enqueue(exception is null ? line : line + Environment.NewLine + exception);
        }
    }
}
