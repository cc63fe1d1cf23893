using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace GitOps.Daemon.Hosting;

/// <summary>
/// Crash-only: an exception that ends the reconcile loop (one the loop does not turn into a failed pass, such as
/// running out of memory) stops the whole process with <see cref="ExitCode"/>, so the service manager restarts it,
/// instead of leaving a process that answers <c>/healthz</c> but never reconciles again.
/// </summary>
public sealed partial class AgentFailure(IHostApplicationLifetime lifetime, ILogger<AgentFailure> logger)
{
    /// <summary>EX_SOFTWARE from sysexits.h: an internal error.</summary>
    public const int ExitCode = 70;

    private Exception? _error;

    /// <summary>The exception that stopped the agent; null while it runs or after a clean stop.</summary>
    public Exception? Error => Volatile.Read(ref _error);

    public void Stop(Exception error)
    {
        ArgumentNullException.ThrowIfNull(error);
        if (Interlocked.CompareExchange(ref _error, error, null) is null)
        {
            LogFatal(error);
            lifetime.StopApplication();
        }
    }

    /// <summary>Runs the host until it stops; 0 after a requested stop, <see cref="ExitCode"/> after a fatal error.</summary>
    public static async Task<int> RunAsync(IHost host, TextWriter error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(error);
        // RunAsync disposes the host's services: take what is needed afterwards first.
        var failure = host.Services.GetService(typeof(AgentFailure)) as AgentFailure;
        await host.RunAsync(cancellationToken);
        if (failure?.Error is { } fatal)
        {
            await error.WriteLineAsync($"gitops-agent: the reconcile loop died ({fatal.GetType().Name}: {fatal.Message}); exiting with {ExitCode} so the service manager restarts the agent");
            return ExitCode;
        }
        return 0;
    }

    [LoggerMessage(Level = LogLevel.Critical, Message = "The reconcile loop died; stopping the agent so that it is restarted")]
    private partial void LogFatal(Exception exception);
}
