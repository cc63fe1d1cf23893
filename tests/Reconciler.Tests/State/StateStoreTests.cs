using GitOps.Reconciler.State;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace GitOps.Reconciler.Tests.State;

public sealed class StateStoreTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "state-test-" + Guid.NewGuid().ToString("N"));
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));

    private StateStore Open() => StateStore.Open(_dir, _time, NullLogger<StateStore>.Instance);

    [Fact]
    public void Open_NoFile_CreatedEmpty()
    {
        using var store = Open();

        Assert.Equal(StateStoreOpenKind.Created, store.Opening.Kind);
        Assert.Null(store.GetHostRevisions("h1"));
        Assert.Empty(store.GetHistory(10));
    }

    [Fact]
    public void HostRevisions_AttemptThenApplied_RoundTripAcrossReopen()
    {
        using (var store = Open())
        {
            store.RecordApplied("h1", "aaa");
            _time.Advance(TimeSpan.FromMinutes(1));
            store.RecordAttempt("h1", "bbb");
        }

        using var reopened = Open();
        var revisions = reopened.GetHostRevisions("h1")!;

        Assert.Equal(StateStoreOpenKind.Opened, reopened.Opening.Kind);
        Assert.Equal("aaa", revisions.Applied);
        Assert.Equal("bbb", revisions.Attempted);
        Assert.Equal(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero), revisions.AppliedAt);
        Assert.Equal(new DateTimeOffset(2026, 3, 1, 12, 1, 0, TimeSpan.Zero), revisions.AttemptedAt);
    }

    [Fact]
    public void StackRevisions_SetUpdateRemove()
    {
        using var store = Open();
        store.SetStackRevision("ocr", "aaa", "Succeeded");
        store.SetStackRevision("nlp", "aaa", "Succeeded");
        store.SetStackRevision("ocr", "bbb", "HealthCheckFailed");
        store.RemoveStack("nlp");

        var stack = Assert.Single(store.GetStackRevisions());
        Assert.Equal(new StackRevision("ocr", "bbb", "HealthCheckFailed", _time.GetUtcNow()), stack);
    }

    [Fact]
    public void PlanningContext_LastGoodSpecs_LatestPerServiceUntilStackRemoved()
    {
        using var store = Open();
        store.MarkGood("ocr", "api", "hash-1");
        store.MarkGood("ocr", "api", "hash-2");
        store.MarkGood("nlp", "api", "hash-3");
        store.RemoveStack("nlp");

        var context = store.GetPlanningContext();

        Assert.Equal("hash-2", context.LastGood["ocr/api"]);
        Assert.Single(context.LastGood);
    }

    [Fact]
    public void PlanningContext_RolledBackAndSuspended()
    {
        using var store = Open();
        store.MarkRolledBack("ocr", "api", "hash-1");
        store.MarkRolledBack("ocr", "api", "hash-2");
        store.MarkRolledBack("ocr", "worker", "hash-3");
        store.ClearRolledBack("ocr", "worker");
        store.Suspend("nlp");
        store.Suspend("nlp");
        store.Suspend("chat");
        store.Resume("chat");

        var context = store.GetPlanningContext();

        Assert.Equal("hash-2", Assert.Single(context.RolledBack).Value);
        Assert.Equal("ocr/api", context.RolledBack.Keys.Single());
        Assert.Equal(["nlp"], context.LocallySuspended);
    }

    [Fact]
    public void History_RoundTripWithResources()
    {
        using var store = Open();
        var record = new ReconcileRecord(_time.GetUtcNow(), "abc", TimeSpan.FromMilliseconds(1234), "ApplyFailed", "pull failed",
            [new ResourceOutcome("Container", "ocr", "api", "Replace", "Failed", "image not found"), new ResourceOutcome("Network", "ocr", "default", "NoOp", "Succeeded")]);

        var id = store.AddReconcile(record, retention: 10);
        var stored = Assert.Single(store.GetHistory(10));

        Assert.Equal(id, stored.Id);
        Assert.Equal(record.StartedAt, stored.StartedAt);
        Assert.Equal(record.Duration, stored.Duration);
        Assert.Equal(record.Outcome, stored.Outcome);
        Assert.Equal(record.Message, stored.Message);
        Assert.Equal(record.Resources, stored.Resources);
    }

    [Fact]
    public void History_BeyondRetention_OldestDropped()
    {
        using var store = Open();
        for (var i = 0; i < 8; i++)
        {
            store.AddReconcile(new ReconcileRecord(_time.GetUtcNow(), "r" + i, TimeSpan.Zero, "Succeeded", null, []), retention: 5);
            _time.Advance(TimeSpan.FromSeconds(30));
        }

        var history = store.GetHistory(100);

        Assert.Equal(["r7", "r6", "r5", "r4", "r3"], history.Select(h => h.Revision));
    }

    [Fact]
    public void Open_WhileAnotherHandleIsOpen_BothSeeTheSameState()
    {
        using var daemon = Open();
        daemon.RecordApplied("h1", "aaa");

        using var sync = Open();
        sync.RecordAttempt("h1", "bbb");

        Assert.Equal(StateStoreOpenKind.Opened, sync.Opening.Kind);
        Assert.Equal("bbb", daemon.GetHostRevisions("h1")!.Attempted);
    }

    [Fact]
    public void Open_CorruptFile_MovedAsideAndRebuilt()
    {
        Directory.CreateDirectory(_dir);
        File.WriteAllText(Path.Combine(_dir, StateStore.FileName), "this is not a database, just some text that is long enough to fill a header page");

        using var store = Open();
        store.RecordApplied("h1", "aaa");

        Assert.Equal(StateStoreOpenKind.Rebuilt, store.Opening.Kind);
        Assert.Equal(Path.Combine(_dir, "state.db.corrupt-20260301T120000000Z"), store.Opening.MovedAside);
        Assert.True(File.Exists(store.Opening.MovedAside));
        Assert.Equal("aaa", store.GetHostRevisions("h1")!.Applied);
    }

    [Fact]
    public void Open_NewerSchema_MovedAsideAndRebuilt()
    {
        using (var store = Open())
        {
            store.RecordApplied("h1", "aaa");
        }
        using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(_dir, StateStore.FileName)};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA user_version = 99;";
            command.ExecuteNonQuery();
        }

        using var reopened = Open();

        Assert.Equal(StateStoreOpenKind.Rebuilt, reopened.Opening.Kind);
        Assert.Contains("newer", reopened.Opening.Reason, StringComparison.Ordinal);
        Assert.Null(reopened.GetHostRevisions("h1"));
    }

    public void Dispose()
    {
        if (Directory.Exists(_dir))
        {
            Directory.Delete(_dir, recursive: true);
        }
    }
}
