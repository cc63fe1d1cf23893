using System.Net;
using System.Net.Http.Headers;
using GitOps.Daemon.Hosting;
using GitOps.Daemon.Http;
using GitOps.Integration.Tests.Infrastructure;
using GitOps.Reconciler.Common;
using GitOps.Reconciler.Configuration;
using GitOps.Reconciler.Reconciliation;
using GitOps.Reconciler.Reporting.Drift;
using GitOps.Reconciler.Reporting.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace GitOps.Integration.Tests.Surface;

/// <summary>
/// The read token and the Host header check on the HTTP host the daemon builds (<see cref="AgentServices.AddAgentHttp"/>),
/// listening on loopback with a read token configured, as a host exposed beyond loopback must be.
/// </summary>
public sealed class AgentHttpGuardTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string Token = "it-read-token-5f1c";
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "http-guard-" + Guid.NewGuid().ToString("N")[..8]);
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };
    private DriftReportStore _reports = null!;
    private IHost _server = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_dir);
        await File.WriteAllTextAsync(Path.Combine(_dir, "read-token"), Token + "\n");
        _reports = new DriftReportStore(_dir);
        _reports.Save(new DriftReport(DriftReport.CurrentSchemaVersion, "guard-host", null, DateTimeOffset.UnixEpoch, ReportStatus.InSync,
            ValueList<DriftResource>.Empty, null, null));
        _server = Build(new AgentHttpOptions(new ListenAddress("127.0.0.1", 0))
        {
            ReadTokenFile = Path.Combine(_dir, "read-token"),
            AllowedHosts = ["agent.guard.test"],
        });
        await _server.StartAsync(CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        await _server.StopAsync(CancellationToken.None);
        _server.Dispose();
        _http.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    private IHost Build(AgentHttpOptions options) => new HostBuilder()
        .ConfigureLogging(logging => logging.ClearProviders().AddProvider(new TestOutputLoggerProvider(output)))
        .AddAgentHttp(options)
        .ConfigureServices(services => services
            .AddSingleton(_reports)
            .AddSingleton(new AgentMetrics())
            .AddSingleton(new ReadinessChecks(_ => Task.FromResult(true), _ => Task.FromResult(true)))
            .AddSingleton<IReconcileTrigger>(new CountingTrigger()))
        .Build();

    private async Task<HttpResponseMessage> GetAsync(string path, string? token = null, string? host = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(AgentHttpListener.Address(_server.Services)!, path));
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        if (host is not null)
        {
            request.Headers.Host = host;
        }
        return await _http.SendAsync(request);
    }

    [Theory]
    [InlineData("/status")]
    [InlineData("/metrics")]
    public async Task ReadEndpoint_WithoutToken_401WithBearerChallenge(string path)
    {
        using var response = await GetAsync(path);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
        Assert.DoesNotContain("guard-host", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/status")]
    [InlineData("/metrics")]
    public async Task ReadEndpoint_WrongToken_401(string path)
    {
        using var response = await GetAsync(path, token: Token + "x");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Status_WithToken_ServesTheReport()
    {
        using var response = await GetAsync("/status", token: Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("guard-host", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metrics_WithToken_200()
    {
        using var response = await GetAsync("/metrics", token: Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Healthz_WithoutToken_200()
    {
        using var response = await GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("rebound.attacker.example")]
    [InlineData("192.0.2.7")]
    public async Task AnyEndpoint_ForeignHostHeader_421EvenWithToken(string host)
    {
        using var status = await GetAsync("/status", token: Token, host: host);
        using var health = await GetAsync("/healthz", host: host);

        Assert.Equal(HttpStatusCode.MisdirectedRequest, status.StatusCode);
        Assert.Equal(HttpStatusCode.MisdirectedRequest, health.StatusCode);
        Assert.DoesNotContain("guard-host", await status.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("localhost")]
    [InlineData("agent.guard.test")]
    public async Task Status_LoopbackNameOrAllowedHost_Served(string host)
    {
        using var response = await GetAsync("/status", token: Token, host: host);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Start_ReadTokenFileMissing_FailsNamingIt()
    {
        using var server = Build(new AgentHttpOptions(new ListenAddress("127.0.0.1", 0)) { ReadTokenFile = Path.Combine(_dir, "absent") });

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => server.StartAsync(CancellationToken.None));

        Assert.Contains("read token file", failure.Message, StringComparison.Ordinal);
    }
}
