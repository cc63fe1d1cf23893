using System.Text.Json;
using Docker.DotNet.Models;
using GitOps.Daemon.Hosting;
using GitOps.Integration.Tests.Infrastructure;
using GitOps.Reconciler.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace GitOps.Integration.Tests.Daemon;

/// <summary>
/// A config repository served by a real git transport, an agent state directory, and the daemon's pipeline over
/// them. The host and its only stack are both named after the test's project, so the agent sees nothing else.
/// </summary>
public abstract class DaemonTest(EngineFixture fixture, ITestOutputHelper output) : EngineTest(fixture, output), IDisposable
{
    private readonly List<AgentPipeline> _pipelines = [];

    protected UpstreamRepo Upstream { get; } = new();

    protected TempDirectory AgentState { get; } = new("agent-state");

    /// <summary>The URL the agent clones; file:// unless a test serves the bare repository otherwise.</summary>
    protected string RepoUrl { get; set; } = "";

    /// <summary>Extra agent.yaml lines at the top level (verify).</summary>
    protected string ExtraConfig { get; set; } = "";

    /// <summary>Extra agent.yaml lines under repo (auth).</summary>
    protected string ExtraRepoConfig { get; set; } = "";

    protected static string Web(string tag) => EngineFixture.Image("web:" + tag);

    protected AgentConfig Config()
    {
        // A free port of its own: the daemon refuses to start on a port another test (or agent) holds.
        var text = $"host: {Project}\nrepo:\n  url: {(RepoUrl.Length > 0 ? RepoUrl : Upstream.FileUrl)}\n{ExtraRepoConfig}"
            + $"pollInterval: 1s\nstateDir: {AgentState.Path}\nhttp:\n  listen: 127.0.0.1:{Infrastructure.Network.FreePort()}\n{ExtraConfig}";
        var result = new AgentConfigLoader(new Dictionary<string, string?>(), () => "unused").Parse(text, AgentState.Combine("agent.yaml"), AgentState.Path);
        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        return result.Config!;
    }

    protected AgentPipeline Pipeline()
    {
        var pipeline = AgentPipeline.Create(Config(), Loggers, TimeProvider.System);
        _pipelines.Add(pipeline);
        return pipeline;
    }

    /// <summary>The daemon's host for <paramref name="config"/>, logging to the test's output.</summary>
    protected IHost BuildHost(AgentConfig config, Action<IServiceCollection>? configure = null) => AgentHost.Build(config, services =>
    {
        services.AddSingleton(Loggers);
        configure?.Invoke(services);
    });

    /// <summary>The repo content for this test's host: service web at <paramref name="webTag"/>, service other at v1.</summary>
    protected Dictionary<string, string> RepoFiles(string webTag, string webExtra = "") => new()
    {
        ["inventory.yaml"] = $"hosts:\n  {Project}: {{}}\n",
        [$"stacks/{Project}/stack.yaml"] = $"targets: [{Project}]\n",
        [$"stacks/{Project}/compose.yaml"] =
            $"services:\n  web:\n    image: {Web(webTag)}\n{webExtra}  other:\n    image: {Web("v1")}\n",
    };

    protected string CommitWeb(string webTag, string webExtra = "", IReadOnlyList<string>? signing = null) =>
        Upstream.Commit(RepoFiles(webTag, webExtra), "web " + webTag, signing);

    /// <summary>This test's containers by name.</summary>
    protected async Task<Dictionary<string, ContainerListResponse>> ContainersAsync()
    {
        var list = await Fixture.Engine.Containers.ListAsync([$"com.docker.compose.project={Project}"], Token);
        return list.ToDictionary(c => c.Names[0].TrimStart('/'), StringComparer.Ordinal);
    }

    protected async Task<string> ImageOfAsync(string service)
    {
        var containers = await ContainersAsync();
        Assert.True(containers.TryGetValue($"{Project}-{service}-1", out var container), $"no container for {service}: {string.Join(", ", containers.Keys)}");
        return container!.Image;
    }

    /// <summary>The status of the daemon's /status report; null when there is none or it was made before <paramref name="since"/>.</summary>
    protected async Task<string?> ReportStatusAsync(HttpClient http, DateTimeOffset? since = null)
    {
        ArgumentNullException.ThrowIfNull(http);
        var response = await http.GetAsync(new Uri("/status", UriKind.Relative), Token);
        if (!response.IsSuccessStatusCode)
        {
            return null;
        }
        using var report = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Token));
        return since is null || report.RootElement.GetProperty("generatedAt").GetDateTimeOffset() > since
            ? report.RootElement.GetProperty("status").GetString()
            : null;
    }

    /// <summary>Polls <paramref name="condition"/> until it holds or the test's timeout ends.</summary>
    protected Task EventuallyAsync(Func<Task<bool>> condition, string what) => Eventually.TrueAsync(condition, what, Timeout.InfiniteTimeSpan, Token);

    public void Dispose()
    {
        foreach (var pipeline in _pipelines)
        {
            pipeline.Dispose();
        }
        Upstream.Dispose();
        AgentState.Dispose();
        GC.SuppressFinalize(this);
    }
}
