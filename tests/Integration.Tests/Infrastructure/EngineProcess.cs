using GitOps.Reconciler.Engine;

namespace GitOps.Integration.Tests.Infrastructure;

/// <summary>
/// Stops and starts the shared Docker engine itself, for the tests of what the agent does while it is away and
/// after it comes back. Only safe because integration tests never run in parallel.
/// </summary>
public static class EngineProcess
{
    private const string PidFile = "/var/run/docker.pid";
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(60);

    /// <summary>SIGTERM to dockerd (it stops its containers as on a host shutdown), then waits until it is gone.</summary>
    public static async Task StopAsync(CancellationToken cancellationToken)
    {
        var pid = File.ReadAllText(PidFile).Trim();
        ProcessRunner.Run("kill", ["-TERM", pid]);
        using var engine = new DockerEngine(DockerEngine.DefaultEndpoint);
        var deadline = DateTime.UtcNow + StopTimeout;
        // dockerd removes its pid file as the last step of a clean shutdown.
        while (File.Exists(PidFile) || await engine.PingAsync(cancellationToken))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"dockerd {pid} did not stop within {StopTimeout.TotalSeconds:0}s");
            }
            await Task.Delay(100, cancellationToken);
        }
    }

    /// <summary>Starts the engine again the way the test environment does.</summary>
    public static Task StartAsync() => EngineFixture.RunSetupAsync();
}
