using System.Net;
using GitOps.Reconciler.Reporting.Drift;
using GitOps.Reconciler.Reporting.Metrics;
using GitOps.Reconciler.Reporting.Notifications;
using GitOps.Reconciler.Tests.Reporting.Notifications;
using Microsoft.Extensions.Logging.Abstractions;

namespace GitOps.Reconciler.Tests.Reporting.Drift;

public sealed class DriftReportPublisherTests : IDisposable
{
    private readonly string _stateDir = Path.Combine(Path.GetTempPath(), "publisher-" + Guid.NewGuid().ToString("N")[..8]);
    private readonly CancellationTokenSource _stop = new(TimeSpan.FromSeconds(30));

    public void Dispose()
    {
        _stop.Cancel();
        _stop.Dispose();
        if (Directory.Exists(_stateDir))
        {
            Directory.Delete(_stateDir, recursive: true);
        }
    }

    [Fact]
    public async Task Publish_DriftThenSameDriftThenResolved_OneNotificationPerTransition()
    {
        var handler = new RecordingHandler(_ => Task.FromResult(HttpStatusCode.OK));
        using var http = new HttpClient(handler);
        var dispatcher = new NotificationDispatcher(
            [new NotificationReceiver("test", new Uri("http://127.0.0.1:9/hook"), NotificationFormat.Json)], http, new NotificationOptions(),
            TimeProvider.System, NullLogger<NotificationDispatcher>.Instance);
        var run = dispatcher.RunAsync(_stop.Token);
        var metrics = new AgentMetrics();
        var publisher = new DriftReportPublisher(
            new DriftReportStore(_stateDir), metrics, new TransitionPublisher(dispatcher, NullLogger<TransitionPublisher>.Instance));
        DriftReport? seenPrevious = null;

        publisher.Publish(_ => SampleTransitions.InSync(), outcome: null);
        publisher.Publish(_ => SampleTransitions.ApiStopped(), outcome: null);
        publisher.Publish(previous =>
        {
            seenPrevious = previous;
            return SampleTransitions.ApiStopped();
        }, outcome: null);
        publisher.Publish(_ => SampleTransitions.InSync(), outcome: null);
        await Eventually.TrueAsync(() => handler.Calls == 2, "two notifications are sent");

        Assert.Equal(SampleTransitions.ApiStopped(), seenPrevious);
        Assert.Collection(handler.Bodies,
            b => Assert.Contains("\"driftDetected\"", b, StringComparison.Ordinal),
            b => Assert.Contains("\"driftResolved\"", b, StringComparison.Ordinal));
        Assert.Equal(SampleTransitions.InSync(), new DriftReportStore(_stateDir).Latest);
        Assert.Contains("gitops_agent_resources{kind=\"service\",status=\"in_sync\"}", await metrics.RenderAsync(CancellationToken.None), StringComparison.Ordinal);
        await _stop.CancelAsync();
        await run;
    }
}
