using GitOps.Reconciler.State;
using Microsoft.Extensions.Logging.Abstractions;

namespace GitOps.Reconciler.Tests.State;

public sealed class StateStoreConcurrencyTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "state-test-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task History_WhileAnotherConnectionWrites_NeverLocked()
    {
        using var writer = StateStore.Open(_dir, TimeProvider.System, NullLogger<StateStore>.Instance);
        writer.RecordApplied("h", "seed");
        writer.AddReconcile(new ReconcileRecord(DateTimeOffset.UtcNow, "abc", TimeSpan.Zero, "Unchanged", null, []), 50);
        using var stop = new CancellationTokenSource();
        var writes = Task.Run(() =>
        {
            var n = 0;
            while (!stop.IsCancellationRequested)
            {
                writer.AddReconcile(new ReconcileRecord(DateTimeOffset.UtcNow, "abc", TimeSpan.FromSeconds(1), "Unchanged", null, [new ResourceOutcome("Container", "s", "web", "NoOp", "Unchanged")]), 50);
                writer.RecordApplied("h", "abc" + n++);
            }
        });
        try
        {
            for (var i = 0; i < 300; i++)
            {
                using var reader = StateStore.Open(_dir, TimeProvider.System, NullLogger<StateStore>.Instance);
                Assert.NotEmpty(reader.GetHistory(20));
            }
        }
        finally
        {
            await stop.CancelAsync();
            await writes;
        }
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
