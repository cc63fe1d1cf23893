using GitOps.Integration.Tests.Infrastructure;
using GitOps.Reconciler.Common;
using GitOps.Reconciler.Desired;
using GitOps.Reconciler.Models;
using Xunit.Abstractions;

namespace GitOps.Integration.Tests.Models;

/// <summary>Downloads against the loopback file server: switch, idempotence, resume, verification, free space.</summary>
public sealed class ModelDownloadTests(ITestOutputHelper output) : IDisposable
{
    private readonly ModelHarness _h = new(output);

    public void Dispose() => _h.Dispose();

    [Fact]
    public async Task FirstPass_TwoFiles_DownloadedVerifiedAndLinked()
    {
        var layout = ModelHarness.Bytes(300_000, 1);
        var vocab = ModelHarness.Bytes(1_000, 2);
        var spec = _h.Model("ocr-layout", "3.1.0", ("layout.onnx", layout), ("vocab.json", vocab));

        var (plan, outcomes) = await _h.PassAsync(spec);

        Assert.Equal(ModelAction.Create, Assert.Single(plan.Changes).Step);
        Assert.Equal(2, plan.Changes[0].Downloads.Count);
        Assert.Equal(layout.Length + vocab.Length, plan.Changes[0].DownloadBytes);
        Assert.Equal(ModelStatus.Switched, Assert.Single(outcomes).Status);
        Assert.Equal(layout.Length + vocab.Length, outcomes[0].BytesDownloaded);
        Assert.Equal(_h.Store.VersionDirectory("ocr-layout", spec.Digest), new FileInfo(spec.Path).LinkTarget);
        Assert.Equal(layout, File.ReadAllBytes(Path.Combine(spec.Path, "layout.onnx")));
        Assert.Equal(vocab, File.ReadAllBytes(Path.Combine(spec.Path, "vocab.json")));
        Assert.True(_h.Store.HasBlob(spec.Files[0].Sha256));
        Assert.Empty(Directory.EnumerateFiles(_h.Store.BlobDirectory, "*.partial"));
    }

    [Fact]
    public async Task Apply_WithProgress_ReportsBytesHeldAndSizeUpToTheWholeFile()
    {
        var content = ModelHarness.Bytes(3_000_000, 12);
        var spec = _h.Model("m", "1", ("big.bin", content));
        var reports = new List<ModelProgress>();
        var plan = await _h.PlanAsync(spec);

        await _h.Kind.ApplyAsync(plan, new Recorder(reports), CancellationToken.None);

        Assert.NotEmpty(reports);
        Assert.All(reports, r => Assert.Equal(("m", "big.bin", (long?)content.Length), (r.Model, r.File, r.Total)));
        Assert.Equal(content.Length, reports[^1].Received);
        Assert.Equal(reports.Select(r => r.Received).Order(), reports.Select(r => r.Received));
    }

    private sealed class Recorder(List<ModelProgress> reports) : IProgress<ModelProgress>
    {
        public void Report(ModelProgress value)
        {
            lock (reports)
            {
                reports.Add(value);
            }
        }
    }

    [Fact]
    public async Task FirstPass_Download_TimedByTheAgentsClock()
    {
        var step = TimeSpan.FromSeconds(7);
        _h.Time = new SteppingClock(step);
        _h.NewKind();
        var spec = _h.Model("timed", "1", ("a.bin", ModelHarness.Bytes(10_000, 5)));

        var (_, outcomes) = await _h.PassAsync(spec);

        // Whole steps of that clock (the retry pipeline reads it too), never the machine's own time.
        var took = Assert.Single(outcomes).DownloadDuration;
        Assert.True(took >= step && took.Ticks % step.Ticks == 0, $"took {took}");
    }

    /// <summary>Real time, but every reading of the timestamp moves it on by <paramref name="step"/>.</summary>
    private sealed class SteppingClock(TimeSpan step) : TimeProvider
    {
        private long _ticks;

        public override long GetTimestamp() => Interlocked.Add(ref _ticks, (long)(step.TotalSeconds * TimestampFrequency));
    }

    [Fact]
    public async Task SecondPass_NothingChanged_NoRequestToTheServer()
    {
        var spec = _h.Model("m", "1", ("a.bin", ModelHarness.Bytes(50_000, 3)));
        await _h.PassAsync(spec);
        var requests = _h.Server.Requests;

        var (plan, outcomes) = await _h.PassAsync(spec);

        Assert.Equal(ModelAction.NoOp, Assert.Single(plan.Changes).Step);
        Assert.Empty(outcomes);
        Assert.Equal(requests, _h.Server.Requests);
    }

    [Fact]
    public async Task Download_ConnectionDroppedHalfway_ResumedWithRange()
    {
        var content = ModelHarness.Bytes(2_000_000, 4);
        var spec = _h.Model("m", "1", ("big.bin", content));
        _h.Server.DropNextAfter(content.Length / 2);

        var (_, outcomes) = await _h.PassAsync(spec);

        Assert.Equal(ModelStatus.Switched, Assert.Single(outcomes).Status);
        Assert.Equal(content, File.ReadAllBytes(Path.Combine(spec.Path, "big.bin")));
        Assert.True(_h.Server.BytesSent < content.Length * 1.5, $"sent {_h.Server.BytesSent} bytes for a file of {content.Length}");
        Assert.Contains(_h.Server.Ranges, r => r is not null && r.StartsWith("bytes=", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Download_AgentStoppedMidFile_NextAgentResumesFromThePartialFile()
    {
        var content = ModelHarness.Bytes(1_500_000, 5);
        var spec = _h.Model("m", "1", ("big.bin", content));
        // One attempt only, cut at 60%: the download ends failed and leaves its .partial, as a killed agent would.
        _h.Config = _h.Config with { DownloadAttempts = 1 };
        _h.NewKind();
        _h.Server.DropNextAfter(content.Length * 6 / 10);
        var (_, first) = await _h.PassAsync(spec);
        Assert.Equal(ModelStatus.Failed, Assert.Single(first).Status);
        Assert.False(File.Exists(spec.Path));
        Assert.True(new FileInfo(_h.Store.PartialPath(spec.Files[0].Sha256)).Length > 0);

        _h.Config = _h.Config with { DownloadAttempts = 4 };
        _h.NewKind();
        var remaining = content.Length - new FileInfo(_h.Store.PartialPath(spec.Files[0].Sha256)).Length;
        Assert.Equal(remaining, Assert.Single((await _h.PlanAsync(spec)).Changes).DownloadBytes);
        var (_, second) = await _h.PassAsync(spec);

        Assert.Equal(ModelStatus.Switched, Assert.Single(second).Status);
        Assert.Equal(content, File.ReadAllBytes(Path.Combine(spec.Path, "big.bin")));
        Assert.True(_h.Server.BytesSent < content.Length * 1.5, $"sent {_h.Server.BytesSent} bytes for a file of {content.Length}");
        Assert.True(first[0].BytesDownloaded + second[0].BytesDownloaded < content.Length * 1.5);
        var resumedAt = long.Parse(_h.Server.Ranges.Last()!["bytes=".Length..].TrimEnd('-'), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(resumedAt, 1, content.Length * 6 / 10);
    }

    [Fact]
    public async Task Download_HashMismatch_RefusedDeletedNothingSwitched()
    {
        var good = _h.Model("m", "1", ("a.bin", ModelHarness.Bytes(10_000, 6)));
        await _h.PassAsync(good);
        var served = ModelHarness.Bytes(20_000, 7);
        var bad = _h.Model("m", "2", ("a.bin", served)) is var s
            ? s with { Files = ValueList.Of(s.Files[0] with { Sha256 = new string('a', 64) }) }
            : null!;

        var (_, outcomes) = await _h.PassAsync(bad);

        var outcome = Assert.Single(outcomes);
        Assert.Equal(ModelStatus.Failed, outcome.Status);
        Assert.Contains($"want {new string('a', 64)}, have {ModelHarness.Sha(served)}", outcome.Message, StringComparison.Ordinal);
        Assert.Equal(_h.Store.VersionDirectory("m", good.Digest), new FileInfo(good.Path).LinkTarget);
        Assert.False(File.Exists(_h.Store.PartialPath(new string('a', 64))));
        Assert.False(_h.Store.HasBlob(new string('a', 64)));
    }

    [Fact]
    public async Task Download_StoreDiskFull_RefusedBeforeStartNamingPathAndBytesMissing()
    {
        // A 1 MiB tmpfs holds the state directory: a 3 MB file cannot fit, and the check says so before any byte is written.
        using var small = SmallFilesystem.Mount(1);
        using var harness = new ModelHarness(output, small.Path);
        var content = ModelHarness.Bytes(3_000_000, 11);
        var spec = harness.Model("m", "1", ("big.bin", content));

        var (_, outcomes) = await harness.PassAsync(spec);

        var outcome = Assert.Single(outcomes);
        Assert.Equal(ModelStatus.Failed, outcome.Status);
        Assert.Matches($@"not enough free space in {System.Text.RegularExpressions.Regex.Escape(harness.Store.BlobDirectory)}: 3000000 bytes needed, \d+ available, \d+ bytes missing", outcome.Message);
        Assert.False(File.Exists(spec.Path));
        Assert.False(File.Exists(harness.Store.PartialPath(spec.Files[0].Sha256)));
    }

    [Fact]
    public async Task Download_ServerAnswers404_FailedNamingTheSource()
    {
        var spec = _h.Model("m", "1", ("a.bin", ModelHarness.Bytes(100, 8)));
        var missing = spec with { Files = ValueList.Of(spec.Files[0] with { Source = new ModelSource(ModelSourceKind.Http, _h.Server.Url("nothing/here")) }) };

        var (_, outcomes) = await _h.PassAsync(missing);

        Assert.Equal(ModelStatus.Failed, Assert.Single(outcomes).Status);
        Assert.Contains("answered 404", outcomes[0].Message, StringComparison.Ordinal);
        Assert.False(File.Exists(missing.Path));
    }

    [Fact]
    public async Task Download_SameFileInTwoModels_DownloadedOnce()
    {
        var shared = ModelHarness.Bytes(40_000, 9);
        var a = _h.Model("a", "1", ("w.bin", shared));
        var b = _h.Model("b", "1", ("w.bin", shared));

        var (_, outcomes) = await _h.PassAsync(a, b);

        Assert.All(outcomes, o => Assert.Equal(ModelStatus.Switched, o.Status));
        Assert.Equal(1, _h.Server.Gets);
        Assert.Equal(shared, File.ReadAllBytes(Path.Combine(b.Path, "w.bin")));
    }

    [Fact]
    public async Task Download_BearerTokenFile_SentAsAuthorization()
    {
        var tokenFile = Path.Combine(_h.Temp, "token");
        await File.WriteAllTextAsync(tokenFile, "s3cret\n");
        var spec = _h.Model("m", "1", ("a.bin", ModelHarness.Bytes(100, 10))) with { BearerTokenFile = tokenFile };

        await _h.PassAsync(spec);

        Assert.Equal("Bearer s3cret", Assert.Single(_h.Server.Authorizations));
    }
}
