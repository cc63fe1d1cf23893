using System.Diagnostics;
using Docker.DotNet;
using Docker.DotNet.Models;
using GitOps.Reconciler.Engine;

namespace GitOps.Integration.Tests;

/// <summary>
/// The real engine and registry. Runs <c>scripts/test-env.sh</c> once when the engine, the registry or the demo
/// images are missing; every test then works in its own project (<see cref="NewProject"/>), removed by label.
/// </summary>
public sealed class EngineFixture : IAsyncLifetime
{
    public const string Registry = "127.0.0.1:5000";
    private static readonly TimeSpan SetupTimeout = TimeSpan.FromMinutes(10);

    public DockerEngine Engine { get; private set; } = null!;

    /// <summary>For what the agent itself never does (remove an image, create an unmanaged container).</summary>
    public DockerClient Raw { get; private set; } = null!;

    public string StateDirectory { get; } = Path.Combine(Path.GetTempPath(), "gitops-agent-it-" + Guid.NewGuid().ToString("N")[..8]);

    /// <summary>
    /// The registry repository namespace of the test images: <c>demo</c>, or <c>GITOPS_TEST_IMAGE_NAMESPACE</c> (which
    /// scripts/test-env.sh honours too) to run against images no engine has a copy of yet.
    /// </summary>
    public static string ImageNamespace { get; } =
        Environment.GetEnvironmentVariable("GITOPS_TEST_IMAGE_NAMESPACE") is { Length: > 0 } space ? space : "demo";

    public static string Image(string name) => $"{Registry}/{ImageNamespace}/{name}";

    public static string NewProject() => "it-" + Guid.NewGuid().ToString("N")[..8];

    public async Task InitializeAsync()
    {
        if (!await ReadyAsync())
        {
            await RunSetupAsync();
        }
        Engine = new DockerEngine(DockerEngine.DefaultEndpoint);
        Raw = new DockerClientBuilder().WithEndpoint(DockerEngine.DefaultEndpoint).WithApiVersion(DockerEngine.ApiVersion).Build();
        Directory.CreateDirectory(StateDirectory);
    }

    public Task DisposeAsync()
    {
        Engine.Dispose();
        Raw.Dispose();
        if (Directory.Exists(StateDirectory))
        {
            Directory.Delete(StateDirectory, recursive: true);
        }
        return Task.CompletedTask;
    }

    /// <summary>Removes every container, network and volume of <paramref name="project"/>, managed or not.</summary>
    public async Task RemoveProjectAsync(string project)
    {
        string[] labels = [$"com.docker.compose.project={project}"];
        foreach (var container in await Engine.Containers.ListAsync(labels, CancellationToken.None))
        {
            await Engine.Containers.RemoveAsync(container.ID, force: true, CancellationToken.None);
        }
        foreach (var network in await Engine.Networks.ListAsync(labels, CancellationToken.None))
        {
            await Engine.Networks.RemoveAsync(network.ID, CancellationToken.None);
        }
        foreach (var volume in await Engine.Volumes.ListAsync(labels, CancellationToken.None))
        {
            await Engine.Volumes.RemoveAsync(volume.Name, CancellationToken.None);
        }
        // The owner lease of an agent whose host name is the project (daemon tests).
        foreach (var volume in await Engine.Volumes.ListAsync([$"{Reconciler.Lease.LeaseRecord.OwnerLabel}={project}"], CancellationToken.None))
        {
            await Engine.Volumes.RemoveAsync(volume.Name, CancellationToken.None);
        }
    }

    /// <summary>
    /// Pulls <paramref name="reference"/> unless the engine has it: for a test that creates a container itself, where
    /// the agent's pull does not run. A test never relies on an image another test pulled.
    /// </summary>
    public async Task EnsureImageAsync(string reference, CancellationToken cancellationToken)
    {
        if (await Engine.Images.InspectAsync(reference, cancellationToken) is not null)
        {
            return;
        }
        await Engine.Images.PullAsync(reference, new Progress<JSONMessage>(), cancellationToken);
    }

    public async Task RemoveLocalImageAsync(string reference)
    {
        try
        {
            await Raw.Images.DeleteImageAsync(reference, new ImageDeleteParameters { Force = true }, CancellationToken.None);
        }
        catch (DockerApiException)
        {
            // Not present, or in use by another test's container: then it stays.
        }
    }

    private static async Task<bool> ReadyAsync()
    {
        using (var engine = new DockerEngine(DockerEngine.DefaultEndpoint))
        {
            if (!await engine.PingAsync(CancellationToken.None))
            {
                return false;
            }
        }
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        try
        {
            var tags = await http.GetStringAsync($"http://{Registry}/v2/{ImageNamespace}/backup/tags/list");
            return tags.Contains("\"1.0\"", StringComparison.Ordinal);
        }
        catch (HttpRequestException)
        {
            return false;
        }
        catch (TaskCanceledException)
        {
            return false;
        }
    }

    /// <summary>Runs the environment script: starts whatever of the engine, registry and images is missing.</summary>
    public static async Task RunSetupAsync()
    {
        var script = Path.Combine(RepositoryRoot(), "scripts", "test-env.sh");
        using var process = Process.Start(new ProcessStartInfo("bash", [script])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        }) ?? throw new InvalidOperationException("could not start " + script);
        using var timeout = new CancellationTokenSource(SetupTimeout);
        var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var errors = process.StandardError.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{script} failed ({process.ExitCode}):\n{await output}\n{await errors}");
        }
    }

    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "GitOps.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("repository root (GitOps.sln) not found above " + AppContext.BaseDirectory);
    }
}
