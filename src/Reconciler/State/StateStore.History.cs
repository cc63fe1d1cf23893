using System.Text.Json;

namespace GitOps.Reconciler.State;

public sealed partial class StateStore
{
    public long AddReconcile(ReconcileRecord record, int retention)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(retention, 1);
        lock (_gate)
        {
            return Writing(() => Insert(record, retention));
        }
    }

    private long Insert(ReconcileRecord record, int retention)
    {
        using var transaction = _connection.BeginTransaction();
        long id;
        using (var insert = Command(
            """
            INSERT INTO reconcile (started_at, revision, duration_ms, outcome, message, resources)
            VALUES ($started, $revision, $duration, $outcome, $message, $resources) RETURNING id
            """,
            ("$started", record.StartedAt.ToUnixTimeMilliseconds()), ("$revision", record.Revision),
            ("$duration", (long)record.Duration.TotalMilliseconds), ("$outcome", record.Outcome),
            ("$message", record.Message), ("$resources", JsonSerializer.Serialize(record.Resources, HistoryJsonContext.Default.IReadOnlyListResourceOutcome))))
        {
            insert.Transaction = transaction;
            id = (long)insert.ExecuteScalar()!;
        }
        using (var prune = Command("DELETE FROM reconcile WHERE id <= $id - $retention", ("$id", id), ("$retention", retention)))
        {
            prune.Transaction = transaction;
            prune.ExecuteNonQuery();
        }
        transaction.Commit();
        return id;
    }

    public IReadOnlyList<ReconcileRecord> GetHistory(int limit)
    {
        lock (_gate)
        {
            using var command = Command(
                "SELECT id, started_at, revision, duration_ms, outcome, message, resources FROM reconcile ORDER BY id DESC LIMIT $limit",
                ("$limit", limit));
            using var reader = command.ExecuteReader();
            var result = new List<ReconcileRecord>();
            while (reader.Read())
            {
                result.Add(new ReconcileRecord(
                    DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(1)),
                    reader.IsDBNull(2) ? null : reader.GetString(2),
                    TimeSpan.FromMilliseconds(reader.GetInt64(3)),
                    reader.GetString(4),
                    reader.IsDBNull(5) ? null : reader.GetString(5),
                    JsonSerializer.Deserialize(reader.GetString(6), HistoryJsonContext.Default.ListResourceOutcome) ?? [])
                { Id = reader.GetInt64(0) });
            }
            return result;
        }
    }
}
