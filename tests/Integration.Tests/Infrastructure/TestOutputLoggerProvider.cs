using System.Globalization;
using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace GitOps.Integration.Tests.Infrastructure;

/// <summary>
/// The agent's log in the test's output: a failing test shows what the agent did (xunit prints the output of failed
/// tests). Lines logged after the test ended (a host still stopping) are dropped.
/// </summary>
public sealed class TestOutputLoggerProvider(ITestOutputHelper output) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new TestOutputLogger(output, categoryName);

    public void Dispose()
    {
    }

    /// <summary>A logger factory that writes to <paramref name="output"/> from Debug up.</summary>
    public static ILoggerFactory Factory(ITestOutputHelper output) =>
        LoggerFactory.Create(builder => builder.SetMinimumLevel(LogLevel.Debug).AddProvider(new TestOutputLoggerProvider(output)));

    private sealed class TestOutputLogger(ITestOutputHelper output, string category) : ILogger
    {
        private readonly string _category = category[(category.LastIndexOf('.') + 1)..];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var line = string.Create(CultureInfo.InvariantCulture, $"{DateTimeOffset.UtcNow:HH:mm:ss.fff} {logLevel,-11} {_category}: {formatter(state, exception)}");
            try
            {
                output.WriteLine(exception is null ? line : line + Environment.NewLine + exception);
            }
            catch (InvalidOperationException)
            {
                // The test has ended: there is no output to write to any more.
            }
        }
    }
}
