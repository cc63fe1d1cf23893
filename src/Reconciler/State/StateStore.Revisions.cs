using GitOps.Reconciler.Common;
using GitOps.Reconciler.Planning;

namespace GitOps.Reconciler.State;

public sealed partial class StateStore
{
    public HostRevisions? GetHostRevisions(string host)
    {
        lock (_gate)
        {
            using var command = Command("SELECT applied, applied_at, attempted, attempted_at FROM host_revision WHERE host = $host", ("$host", host));
            using var reader = command.ExecuteReader();
            return reader.Read()
                ? new HostRevisions(host, reader.IsDBNull(0) ? null : reader.GetString(0), Time(reader, 1), reader.IsDBNull(2) ? null : reader.GetString(2), Time(reader, 3))
                : null;
        }
    }

    public void RecordAttempt(string host, string revision) => Write(
        """
        INSERT INTO host_revision (host, attempted, attempted_at) VALUES ($host, $revision, $now)
        ON CONFLICT (host) DO UPDATE SET attempted = excluded.attempted, attempted_at = excluded.attempted_at
        """, ("$host", host), ("$revision", revision), ("$now", Now()));

    public void RecordApplied(string host, string revision) => Write(
        """
        INSERT INTO host_revision (host, applied, applied_at, attempted, attempted_at) VALUES ($host, $revision, $now, $revision, $now)
        ON CONFLICT (host) DO UPDATE SET applied = excluded.applied, applied_at = excluded.applied_at
        """, ("$host", host), ("$revision", revision), ("$now", Now()));

    public void SetStackRevision(string stack, string revision, string outcome) => Write(
        """
        INSERT INTO stack_revision (stack, revision, outcome, at) VALUES ($stack, $revision, $outcome, $now)
        ON CONFLICT (stack) DO UPDATE SET revision = excluded.revision, outcome = excluded.outcome, at = excluded.at
        """, ("$stack", stack), ("$revision", revision), ("$outcome", outcome), ("$now", Now()));

    public IReadOnlyList<StackRevision> GetStackRevisions()
    {
        lock (_gate)
        {
            using var command = Command("SELECT stack, revision, outcome, at FROM stack_revision ORDER BY stack");
            using var reader = command.ExecuteReader();
            var result = new List<StackRevision>();
            while (reader.Read())
            {
                result.Add(new StackRevision(reader.GetString(0), reader.GetString(1), reader.GetString(2), Time(reader, 3)!.Value));
            }
            return result;
        }
    }

    public void RemoveStack(string stack) => Write(
        "DELETE FROM stack_revision WHERE stack = $stack; DELETE FROM rolled_back WHERE stack = $stack; DELETE FROM good_spec WHERE stack = $stack;", ("$stack", stack));

    public void MarkRolledBack(string stack, string service, string configHash) => Write(
        """
        INSERT INTO rolled_back (stack, service, config_hash, at) VALUES ($stack, $service, $hash, $now)
        ON CONFLICT (stack, service) DO UPDATE SET config_hash = excluded.config_hash, at = excluded.at
        """, ("$stack", stack), ("$service", service), ("$hash", configHash), ("$now", Now()));

    public void ClearRolledBack(string stack, string service) => Write(
        "DELETE FROM rolled_back WHERE stack = $stack AND service = $service", ("$stack", stack), ("$service", service));

    public void MarkGood(string stack, string service, string configHash) => Write(
        """
        INSERT INTO good_spec (stack, service, config_hash, at) VALUES ($stack, $service, $hash, $now)
        ON CONFLICT (stack, service) DO UPDATE SET config_hash = excluded.config_hash, at = excluded.at
        """, ("$stack", stack), ("$service", service), ("$hash", configHash), ("$now", Now()));

    public void Suspend(string stack) => Write(
        "INSERT INTO suspended (stack, at) VALUES ($stack, $now) ON CONFLICT (stack) DO NOTHING", ("$stack", stack), ("$now", Now()));

    public void Resume(string stack) => Write("DELETE FROM suspended WHERE stack = $stack", ("$stack", stack));

    public PlanningContext GetPlanningContext()
    {
        lock (_gate)
        {
            var rolledBack = new List<KeyValuePair<string, string>>();
            using (var command = Command("SELECT stack, service, config_hash FROM rolled_back"))
            using (var reader = command.ExecuteReader())
            {
                while (reader.Read())
                {
                    rolledBack.Add(new($"{reader.GetString(0)}/{reader.GetString(1)}", reader.GetString(2)));
                }
            }
            var good = new List<KeyValuePair<string, string>>();
            using (var command = Command("SELECT stack, service, config_hash FROM good_spec"))
            using (var reader = command.ExecuteReader())
            {
                while (reader.Read())
                {
                    good.Add(new($"{reader.GetString(0)}/{reader.GetString(1)}", reader.GetString(2)));
                }
            }
            var suspended = new List<string>();
            using (var command = Command("SELECT stack FROM suspended ORDER BY stack"))
            using (var reader = command.ExecuteReader())
            {
                while (reader.Read())
                {
                    suspended.Add(reader.GetString(0));
                }
            }
            return new PlanningContext(new ValueMap<string>(rolledBack), new ValueList<string>(suspended)) { LastGood = new ValueMap<string>(good) };
        }
    }

    private void Write(string sql, params (string Name, object? Value)[] parameters)
    {
        lock (_gate)
        {
            Writing(() =>
            {
                using var command = Command(sql, parameters);
                return command.ExecuteNonQuery();
            });
        }
    }
}
