namespace GitOps.Reconciler.State;

/// <summary>
/// The state file's schema as ordered migrations; <c>PRAGMA user_version</c> records how many are applied.
/// A new version appends a migration, never edits an old one.
/// </summary>
internal static class StateSchema
{
    public static readonly IReadOnlyList<string> Migrations =
    [
        """
        CREATE TABLE host_revision (
            host TEXT PRIMARY KEY,
            applied TEXT, applied_at INTEGER,
            attempted TEXT, attempted_at INTEGER);
        CREATE TABLE stack_revision (
            stack TEXT PRIMARY KEY,
            revision TEXT NOT NULL, outcome TEXT NOT NULL, at INTEGER NOT NULL);
        CREATE TABLE rolled_back (
            stack TEXT NOT NULL, service TEXT NOT NULL,
            config_hash TEXT NOT NULL, at INTEGER NOT NULL,
            PRIMARY KEY (stack, service));
        CREATE TABLE suspended (
            stack TEXT PRIMARY KEY, at INTEGER NOT NULL);
        CREATE TABLE reconcile (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            started_at INTEGER NOT NULL, revision TEXT, duration_ms INTEGER NOT NULL,
            outcome TEXT NOT NULL, message TEXT, resources TEXT NOT NULL);
        """,
        """
        CREATE TABLE task_run (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            task TEXT NOT NULL, scheduled_at INTEGER NOT NULL, started_at INTEGER NOT NULL, ended_at INTEGER NOT NULL,
            outcome TEXT NOT NULL, exit_code INTEGER, output TEXT NOT NULL, message TEXT, revision TEXT,
            trigger TEXT NOT NULL, attempts INTEGER NOT NULL);
        CREATE INDEX task_run_by_task ON task_run (task, id);
        """,
        // The spec each service last ran after passing its gate: a rollback hold never holds it.
        """
        CREATE TABLE good_spec (
            stack TEXT NOT NULL, service TEXT NOT NULL,
            config_hash TEXT NOT NULL, at INTEGER NOT NULL,
            PRIMARY KEY (stack, service));
        """,
        // Tasks paused on this host by a person (suspend task/NAME), with who and why.
        """
        CREATE TABLE task_suspended (
            task TEXT PRIMARY KEY, at INTEGER NOT NULL, by TEXT NOT NULL, reason TEXT);
        """,
    ];

    public static int Version => Migrations.Count;
}
