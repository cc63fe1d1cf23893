using GitOps.Reconciler.Common;
using GitOps.Reconciler.Desired;
using GitOps.Reconciler.Models;
using Xunit.Abstractions;

namespace GitOps.Integration.Tests.Models;

/// <summary>Planning writes nothing and hashes only files whose stamps changed; a pass remembers what it verified.</summary>
public sealed class ModelPlanReadOnlyTests(ITestOutputHelper output) : IDisposable
{
    private readonly ModelHarness _h = new(output);

    public void Dispose() => _h.Dispose();

    private ModelSpec V(string version, int seed, params string[] consumers) =>
        _h.Model("ocr", version, ("layout.onnx", ModelHarness.Bytes(20_000, seed)), ("vocab.json", ModelHarness.Bytes(500, 100))) with
        {
            Consumers = ValueList.From(consumers),
        };

    /// <summary>Every file under the state directory with its content and modification time.</summary>
    private SortedDictionary<string, string> StateFiles() => new(
        Directory.EnumerateFiles(_h.StateDirectory, "*", SearchOption.AllDirectories).ToDictionary(
            f => f, f => Convert.ToHexString(File.ReadAllBytes(f)) + "@" + File.GetLastWriteTimeUtc(f).Ticks),
        StringComparer.Ordinal);

    [Fact]
    public async Task Plan_VerifyAllWithAHoldGitNoLongerNames_WritesNothing()
    {
        var v1 = V("1.0", 1, "ocr/worker");
        await _h.PassAsync(v1);
        var v2 = V("1.1", 2, "ocr/worker");
        _h.Consumers.Gate = _ => "unhealthy: exit 1";
        await _h.PassAsync(v2);
        var before = StateFiles();

        var plan = await _h.Kind.PlanAsync(ModelHarness.Desired(V("1.2", 3, "ocr/worker")), _h.Temp, verifyAll: true, CancellationToken.None);
        await _h.Kind.PlanAsync(ModelHarness.Desired(v1), _h.Temp, verifyAll: true, CancellationToken.None);

        Assert.Equal(ModelAction.Update, Assert.Single(plan.Changes).Step);
        Assert.Equal(before, StateFiles());
    }

    [Fact]
    public async Task Plan_AfterASwitch_UnchangedFilesNotHashedAgain()
    {
        var v1 = V("1.0", 1);
        await _h.PassAsync(v1);
        _h.Hashed.Clear();

        Assert.Equal(ModelAction.NoOp, Assert.Single((await _h.PlanAsync(v1)).Changes).Step);
        Assert.Equal(ModelAction.NoOp, Assert.Single((await _h.PlanAsync(v1)).Changes).Step);

        Assert.Empty(_h.Hashed);
    }

    [Fact]
    public async Task Plan_FileWrittenInPlaceWithSizeAndMtimeSetBack_StillDetected()
    {
        var v1 = V("1.0", 1);
        await _h.PassAsync(v1);
        var file = Path.Combine(v1.Path, "layout.onnx");
        var mtime = File.GetLastWriteTimeUtc(file);
        await using (var stream = new FileStream(file, FileMode.Open, FileAccess.Write))
        {
            stream.Write(ModelHarness.Bytes(20_000, 99));
        }
        File.SetLastWriteTimeUtc(file, mtime);
        _h.Hashed.Clear();

        var change = Assert.Single((await _h.PlanAsync(v1)).Changes);

        Assert.Equal(ModelAction.Heal, change.Step);
        Assert.Equal(["layout.onnx"], _h.Hashed);
    }

    [Fact]
    public async Task Plan_FileReplacedByAnotherWithSameSizeAndMtime_StillDetected()
    {
        var v1 = V("1.0", 1);
        await _h.PassAsync(v1);
        var file = Path.Combine(v1.Path, "layout.onnx");
        var other = Path.Combine(_h.Temp, "other.onnx");
        await File.WriteAllBytesAsync(other, ModelHarness.Bytes(20_000, 98));
        File.SetLastWriteTimeUtc(other, File.GetLastWriteTimeUtc(file));
        File.Move(other, file, overwrite: true);

        Assert.Equal(ModelAction.Heal, Assert.Single((await _h.PlanAsync(v1)).Changes).Step);
    }

    [Fact]
    public async Task Pass_FullVerificationDue_HashedOnceThenRemembered()
    {
        var v1 = V("1.0", 1);
        await _h.PassAsync(v1);
        _h.Hashed.Clear();

        var verifying = await _h.Kind.PlanAsync(ModelHarness.Desired(v1), _h.Temp, verifyAll: true, CancellationToken.None);
        Assert.Equal(["layout.onnx", "vocab.json"], _h.Hashed.Order(StringComparer.Ordinal));
        Assert.True(Assert.Single(verifying.Changes).Verification!.Complete);
        _h.Kind.Remember(verifying);
        _h.Hashed.Clear();
        var record = new ModelRecordStore(_h.Store).Load("ocr");

        await _h.PlanAsync(v1);

        Assert.Empty(_h.Hashed);
        Assert.Equal(verifying.Changes[0].Verification!.At, record.VerifiedAt);
    }

    [Fact]
    public async Task Pass_HoldOfAVersionGitNoLongerNames_EndsWhenThePassRemembers()
    {
        var v1 = V("1.0", 1, "ocr/worker");
        await _h.PassAsync(v1);
        var v2 = V("1.1", 2, "ocr/worker");
        _h.Consumers.Gate = _ => "unhealthy: exit 1";
        await _h.PassAsync(v2);
        _h.Consumers.Gate = null;

        // Git goes back to the version the host runs, then to the held one again: it is tried again.
        await _h.PassAsync(v1);
        var (plan, outcomes) = await _h.PassAsync(v2);

        Assert.Equal(ModelAction.Update, Assert.Single(plan.Changes).Step);
        Assert.Equal(ModelStatus.Switched, Assert.Single(outcomes).Status);
    }
}
