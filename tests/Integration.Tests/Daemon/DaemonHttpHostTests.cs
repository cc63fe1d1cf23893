using System.Net;
using GitOps.Daemon.Hosting;
using GitOps.Daemon.Http;
using GitOps.Reconciler.Reporting.Drift;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Xunit.Abstractions;

namespace GitOps.Integration.Tests.Daemon;

/// <summary>The daemon's host is its web host: one container, the web server started first.</summary>
[Collection(AgentHostCollection.Name)]
public sealed class DaemonHttpHostTests(EngineFixture fixture, ITestOutputHelper output) : DaemonTest(fixture, output)
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(10) };

    [Fact]
    public void Build_HostedServices_WebServerBeforeTheLoopTasksAndDriftWatch()
    {
        using var host = BuildHost(Config());

        var hosted = host.Services.GetServices<IHostedService>().Select(s => s.GetType()).ToList();

        // Hosted services start one after the other in this order: the port is bound before any pass can run.
        Assert.Equal("GenericWebHostService", hosted[0].Name);
        Assert.Contains(typeof(ReconcileLoopService), hosted);
        Assert.Contains(typeof(TaskScheduleService), hosted);
        Assert.Contains(typeof(DriftWatchService), hosted);
    }

    [Fact]
    public async Task Start_Endpoints_ServeTheHostsOwnServices()
    {
        CommitWeb("v1");
        using var host = BuildHost(Config());
        await host.StartAsync(Token);
        try
        {
            var address = AgentHttpListener.Address(host.Services)!;
            var reports = host.Services.GetRequiredService<DriftReportStore>();
            await EventuallyAsync(() => Task.FromResult(reports.Latest is not null), "the first report");

            var status = DriftReportJson.Deserialize(await Http.GetStringAsync(new Uri(address, "/status"), Token));
            using var follow = await Http.GetAsync(new Uri(address, "/tasks/none/runs/none"), Token);

            Assert.Equal(reports.Latest!.Revision, status.Revision);
            // The task endpoints are mapped with the scheduler of this host's container.
            Assert.Equal(HttpStatusCode.NotFound, follow.StatusCode);
            Assert.Contains("no run request", await follow.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
        }
        finally
        {
            await host.StopAsync(CancellationToken.None);
        }
    }
}
