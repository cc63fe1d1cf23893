using Microsoft.Extensions.Hosting;

namespace GitOps.Daemon.Http;

/// <summary>
/// The server's own web host must not take over the process lifetime (SIGTERM, Ctrl+C): the daemon host owns it
/// and stops the server as one of its hosted services.
/// </summary>
internal sealed class EmbeddedLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
