using GitOps.Daemon.Http;
using GitOps.Reconciler.Configuration;
using Microsoft.Extensions.Logging;
using Serilog;
using Serilog.Events;
using Serilog.Formatting.Compact;

namespace GitOps.Daemon.Hosting;

/// <summary>The daemon's Serilog logger: human console lines, or compact JSON (one event per line) for log shippers.</summary>
public static class AgentLogging
{
    private const string ConsoleTemplate = "{Timestamp:yyyy-MM-dd HH:mm:ss.fff} {Level:u3} {SourceContext}: {Message:lj}{NewLine}{Exception}";

    public static Serilog.ILogger Create(LogConfig log)
    {
        ArgumentNullException.ThrowIfNull(log);
        var configuration = new LoggerConfiguration()
            .MinimumLevel.Is(LevelOf(log.Level))
            .MinimumLevel.Override("Quartz", LogEventLevel.Warning)
            .MinimumLevel.Override("Microsoft", LogEventLevel.Warning)
            .Enrich.FromLogContext()
            // A port in use is said once, in one line, by the run command; the web server's and the host's own
            // reports of it would add two stack traces.
            .Filter.ByExcluding(e => e.Exception is ListenFailedException || (e.Exception is IOException io && ListenerOwner.IsBindFailure(io)));
        configuration = log.Format == LogFormat.Json
            ? configuration.WriteTo.Console(new CompactJsonFormatter())
            : configuration.WriteTo.Console(outputTemplate: ConsoleTemplate, formatProvider: System.Globalization.CultureInfo.InvariantCulture);
        return configuration.CreateLogger();
    }

    private static LogEventLevel LevelOf(LogLevel level) => level switch
    {
        LogLevel.Trace => LogEventLevel.Verbose,
        LogLevel.Debug => LogEventLevel.Debug,
        LogLevel.Information => LogEventLevel.Information,
        LogLevel.Warning => LogEventLevel.Warning,
        LogLevel.Error => LogEventLevel.Error,
        _ => LogEventLevel.Fatal,
    };
}
