using GitOps.Daemon.Hosting;
using GitOps.Reconciler.Reconciliation;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Xunit.Abstractions;

namespace GitOps.Integration.Tests.Daemon;

/// <summary>The <c>run</c> host in-process: Quartz loop, trigger and pipeline together, with a 1 s poll.</summary>
[Collection(AgentHostCollection.Name)]
public sealed class DaemonHostTests(EngineFixture fixture, ITestOutputHelper output) : DaemonTest(fixture, output)
{
    [Fact]
    public async Task RunHost_TagChangeCommitted_ConvergesOnlyThatService()
    {
        CommitWeb("v1");
        using var host = BuildHost(Config());
        await host.StartAsync(Token);
        try
        {
            await EventuallyAsync(async () => (await ContainersAsync()).Count == 2, "both services run");
            var other = (await ContainersAsync())[$"{Project}-other-1"].ID;

            CommitWeb("v2");
            await EventuallyAsync(async () => (await ContainersAsync()).TryGetValue($"{Project}-web-1", out var web) && web.Image == Web("v2"), "web runs v2");

            var containers = await ContainersAsync();
            Assert.Equal(2, containers.Count);
            Assert.Equal(other, containers[$"{Project}-other-1"].ID);
        }
        finally
        {
            await host.StopAsync(CancellationToken.None);
        }
    }

    [Fact]
    public async Task RunHost_TriggerRequested_ReconcilesBeforeNextPoll()
    {
        CommitWeb("v1");
        var config = Config() with { PollInterval = TimeSpan.FromHours(1) };
        using var host = BuildHost(config);
        await host.StartAsync(Token);
        try
        {
            await EventuallyAsync(async () => (await ContainersAsync()).Count == 2, "the first pass deployed");
            CommitWeb("v2");

            var trigger = host.Services.GetRequiredService<IReconcileTrigger>();
            trigger.Request("test");

            await EventuallyAsync(async () => (await ContainersAsync()).TryGetValue($"{Project}-web-1", out var web) && web.Image == Web("v2"), "web runs v2");
        }
        finally
        {
            await host.StopAsync(CancellationToken.None);
        }
    }
}
