using System.Net;
using System.Text;
using GitOps.Daemon.Hosting;
using GitOps.Daemon.Http;
using GitOps.Integration.Tests.Infrastructure;
using GitOps.Reconciler.Common;
using GitOps.Reconciler.Configuration;
using GitOps.Reconciler.Reconciliation;
using GitOps.Reconciler.Reporting;
using GitOps.Reconciler.Reporting.Drift;
using GitOps.Reconciler.Reporting.Metrics;
using GitOps.Reconciler.Webhooks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace GitOps.Integration.Tests.Surface;

/// <summary>
/// The HTTP endpoints on a small host of their own, registered as the daemon registers them
/// (<see cref="AgentServices.AddAgentHttp"/>), their dependencies stand-ins; the host logs to the test's output.
/// </summary>
public sealed class AgentHttpServerTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string Secret = "it-shared-secret";
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "http-it-" + Guid.NewGuid().ToString("N")[..8]);
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };
    private readonly CountingTrigger _trigger = new();
    private readonly AgentMetrics _metrics = new();
    private DriftReportStore _reports = null!;
    private bool _reconcileOk = true;
    private IHost _server = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_dir);
        await File.WriteAllTextAsync(Path.Combine(_dir, "secret"), Secret + "\n");
        _reports = new DriftReportStore(_dir);
        _server = await StartAsync(Path.Combine(_dir, "secret"));
    }

    public async Task DisposeAsync()
    {
        await StopAsync(_server);
        _http.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    private async Task<IHost> StartAsync(string? secretFile)
    {
        var server = new HostBuilder()
            .ConfigureLogging(logging => logging.ClearProviders().SetMinimumLevel(LogLevel.Debug).AddProvider(new TestOutputLoggerProvider(output)))
            .AddAgentHttp(new AgentHttpOptions(new ListenAddress("127.0.0.1", 0), secretFile, MaxWebhookBodyBytes: 64 * 1024))
            .ConfigureServices(services => services
                .AddSingleton(_reports)
                .AddSingleton(_metrics)
                .AddSingleton(new ReadinessChecks(_ => Task.FromResult(_reconcileOk), _ => Task.FromResult(true)))
                .AddSingleton<IReconcileTrigger>(_trigger))
            .Build();
        await server.StartAsync(CancellationToken.None);
        return server;
    }

    private static async Task StopAsync(IHost server)
    {
        await server.StopAsync(CancellationToken.None);
        server.Dispose();
    }

    private Uri Url(string path, IHost? server = null) => new(AgentHttpListener.Address((server ?? _server).Services)!, path);

    private static DriftReport Report(ReportStatus status) => new(
        DriftReport.CurrentSchemaVersion, "it-host", new DriftRevision("refs/heads/main", "0123456789abcdef", false),
        new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero), status,
        ValueList.Of(new DriftResource(DriftKind.Stack, "demo", "demo", ResourceStatus.InSync, ValueList<DriftDifference>.Empty, null,
            new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero), null, null)),
        null, null);

    [Fact]
    public void Start_PortZero_ListensOnLoopback()
    {
        var address = AgentHttpListener.Address(_server.Services);

        Assert.Equal("127.0.0.1", address!.Host);
        Assert.NotEqual(0, address.Port);
    }

    [Fact]
    public async Task Healthz_Running_200()
    {
        using var response = await _http.GetAsync(Url("/healthz"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Readyz_LastReconcileFailed_503ThenReady200()
    {
        _reconcileOk = false;
        using var failing = await _http.GetAsync(Url("/readyz"));
        _reconcileOk = true;
        using var ready = await _http.GetAsync(Url("/readyz"));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, failing.StatusCode);
        Assert.Contains("failed", await failing.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
    }

    [Fact]
    public async Task Status_BeforeFirstReport_503Json()
    {
        using var response = await _http.GetAsync(Url("/status"));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("\"error\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_SavedReport_ServedAsJson()
    {
        var report = Report(ReportStatus.InSync);
        _reports.Save(report);

        using var response = await _http.GetAsync(Url("/status"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(report, DriftReportJson.Deserialize(await response.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task Metrics_AfterAReconcile_ServedAsPrometheusText()
    {
        _metrics.ObserveReconcile(TimeSpan.FromSeconds(1.5), ReconcileOutcome.Applied);
        _metrics.Report(Report(ReportStatus.InSync));
        _metrics.DockerApiCall();

        using var response = await _http.GetAsync(Url("/metrics"));
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain; version=0.0.4; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        Assert.Contains("\ngitops_agent_reconciles_total{outcome=\"applied\"} 1\n", text, StringComparison.Ordinal);
        Assert.Contains("\ngitops_agent_resources{kind=\"stack\",status=\"in_sync\"} 1\n", text, StringComparison.Ordinal);
        Assert.Contains("\ngitops_agent_docker_api_calls_total 1\n", text, StringComparison.Ordinal);
        Assert.Contains("\n# TYPE gitops_agent_reconcile_duration_seconds histogram\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reconcile_WrongSignature_401AndNoTrigger()
    {
        var body = "{\"ref\":\"refs/heads/main\"}"u8.ToArray();
        using var request = Post(body);
        request.Headers.Add(WebhookSignature.GitHubHeader, WebhookSignature.Sign(body, "not-the-secret"));

        using var response = await _http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(_trigger.Reasons);
    }

    [Fact]
    public async Task Reconcile_NoSignature_401()
    {
        using var response = await _http.SendAsync(Post("{}"u8.ToArray()));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(_trigger.Reasons);
    }

    [Fact]
    public async Task Reconcile_GitHubSignature_202AndTriggeredOnce()
    {
        var body = "{\"ref\":\"refs/heads/main\",\"after\":\"abc\"}"u8.ToArray();
        using var request = Post(body);
        request.Headers.Add(WebhookSignature.GitHubHeader, WebhookSignature.Sign(body, Secret));

        using var response = await _http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(["webhook"], _trigger.Reasons);
    }

    [Fact]
    public async Task Reconcile_GitLabToken_202AndTriggeredOnce()
    {
        using var request = Post("{\"object_kind\":\"push\"}"u8.ToArray());
        request.Headers.Add(WebhookSignature.GitLabHeader, Secret);

        using var response = await _http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(["webhook"], _trigger.Reasons);
    }

    [Fact]
    public async Task Reconcile_BodyOverLimit_413()
    {
        var body = Encoding.UTF8.GetBytes(new string('x', 65 * 1024));
        using var request = Post(body);
        request.Headers.Add(WebhookSignature.GitHubHeader, WebhookSignature.Sign(body, Secret));

        using var response = await _http.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Empty(_trigger.Reasons);
    }

    [Fact]
    public async Task Reconcile_NoSecretConfigured_404()
    {
        var server = await StartAsync(secretFile: null);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, Url("/reconcile", server)) { Content = new ByteArrayContent("{}"u8.ToArray()) };
            request.Headers.Add(WebhookSignature.GitLabHeader, Secret);

            using var response = await _http.SendAsync(request);

            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Empty(_trigger.Reasons);
        }
        finally
        {
            await StopAsync(server);
        }
    }

    private HttpRequestMessage Post(byte[] body) => new(HttpMethod.Post, Url("/reconcile")) { Content = new ByteArrayContent(body) };
}
