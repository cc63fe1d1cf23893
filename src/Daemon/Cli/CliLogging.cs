using Microsoft.Extensions.Logging;
using Serilog;
using Serilog.Events;

namespace GitOps.Daemon.Cli;

/// <summary>Logging for one-shot verbs: warnings and errors to stderr, so stdout stays the verb's own output.</summary>
public static class CliLogging
{
    public static ILoggerFactory Create(bool verbose)
    {
        var serilog = new LoggerConfiguration()
            .MinimumLevel.Is(verbose ? LogEventLevel.Debug : LogEventLevel.Warning)
            .WriteTo.Console(standardErrorFromLevel: LogEventLevel.Verbose, outputTemplate: "{Level:u3} {Message:lj}{NewLine}{Exception}")
            .CreateLogger();
        return LoggerFactory.Create(builder => builder.AddSerilog(serilog, dispose: true));
    }
}
