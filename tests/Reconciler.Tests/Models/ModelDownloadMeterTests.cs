using GitOps.Reconciler.Models;
using GitOps.Reconciler.Tests.Reporting.Notifications;
using Microsoft.Extensions.Time.Testing;

namespace GitOps.Reconciler.Tests.Models;

/// <summary>A download followed for people: its progress passed on with the model and the rate, a log line every 10 s.</summary>
public class ModelDownloadMeterTests
{
    [Fact]
    public void Report_LongDownload_ProgressWithModelAndRate_LoggedEveryTenSeconds()
    {
        var time = new FakeTimeProvider();
        var logger = new ListLogger<ModelKind>();
        var passed = new List<ModelProgress>();
        var meter = new ModelDownloadMeter("ocr", new Inline(passed.Add), time, logger);

        for (var second = 0; second <= 25; second++)
        {
            meter.Report(new ModelProgress("", "layout.onnx", second * (10L << 20), 300L << 20));
            time.Advance(TimeSpan.FromSeconds(1));
        }

        Assert.Equal(26, passed.Count);
        Assert.All(passed, p => Assert.Equal("ocr", p.Model));
        Assert.Equal(10L << 20, passed[^1].BytesPerSecond);
        Assert.Equal(["Model ocr: layout.onnx: 100.0 MB of 300.0 MB downloaded, 10.0 MB/s", "Model ocr: layout.onnx: 200.0 MB of 300.0 MB downloaded, 10.0 MB/s"],
            logger.Entries.Select(e => e.Message));
    }

    private sealed class Inline(Action<ModelProgress> report) : IProgress<ModelProgress>
    {
        public void Report(ModelProgress value) => report(value);
    }
}
