namespace GitOps.Reconciler.Fleet;

/// <summary>
/// The fleet store's tables, as numbered migrations applied in order and never edited once released (a change is a
/// new migration). docs/fleet.md shows the same SQL for review.
/// </summary>
public static class FleetSchema
{
    public const string Name = "gitops_fleet";

    /// <summary>The key of the advisory lock that serialises migrations across every agent starting at once.</summary>
    public const long MigrationLockKey = 0x6769746f70730001;

    /// <summary>The first key of the advisory lock (with the wave's hash) under which a wave's leases are counted and taken.</summary>
    public const int RolloutLockClass = 0x67697402;

    public static readonly IReadOnlyList<FleetMigration> Migrations =
    [
        new(1, "hosts, history and the host roles, with row-level security", """
            CREATE TABLE gitops_fleet.hosts (
                host                  text PRIMARY KEY,
                status                text NOT NULL,
                commit                text,
                ref                   text,
                agent_version         text NOT NULL,
                poll_interval_seconds double precision NOT NULL,
                drifted               integer NOT NULL,
                failed                integer NOT NULL,
                report                jsonb NOT NULL,
                generated_at          timestamptz NOT NULL,
                reported_at           timestamptz NOT NULL DEFAULT now(),
                status_since          timestamptz NOT NULL DEFAULT now()
            );
            CREATE TABLE gitops_fleet.host_history (
                id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                host        text NOT NULL,
                at          timestamptz NOT NULL DEFAULT now(),
                from_status text,
                status      text NOT NULL,
                commit      text
            );
            CREATE INDEX host_history_host_at ON gitops_fleet.host_history (host, at);
            CREATE TABLE gitops_fleet.host_roles (
                host text PRIMARY KEY,
                role name NOT NULL UNIQUE
            );
            CREATE FUNCTION gitops_fleet.own_host() RETURNS text
                LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
                AS 'SELECT host FROM gitops_fleet.host_roles WHERE role = session_user';
            ALTER TABLE gitops_fleet.hosts ENABLE ROW LEVEL SECURITY;
            ALTER TABLE gitops_fleet.host_history ENABLE ROW LEVEL SECURITY;
            CREATE POLICY read_all ON gitops_fleet.hosts FOR SELECT USING (true);
            CREATE POLICY insert_own ON gitops_fleet.hosts FOR INSERT WITH CHECK (host = gitops_fleet.own_host());
            CREATE POLICY update_own ON gitops_fleet.hosts FOR UPDATE USING (host = gitops_fleet.own_host()) WITH CHECK (host = gitops_fleet.own_host());
            CREATE POLICY read_all ON gitops_fleet.host_history FOR SELECT USING (true);
            CREATE POLICY insert_own ON gitops_fleet.host_history FOR INSERT WITH CHECK (host = gitops_fleet.own_host());
            """),
        new(2, "staged rollouts: when a host first ran its commit in sync, and the waves' leases", """
            ALTER TABLE gitops_fleet.hosts ADD COLUMN in_sync_since timestamptz;
            CREATE TABLE gitops_fleet.rollout_leases (
                host       text PRIMARY KEY,
                wave       text NOT NULL,
                commit     text NOT NULL,
                taken_at   timestamptz NOT NULL DEFAULT now(),
                expires_at timestamptz NOT NULL
            );
            CREATE INDEX rollout_leases_wave ON gitops_fleet.rollout_leases (wave, expires_at);
            ALTER TABLE gitops_fleet.rollout_leases ENABLE ROW LEVEL SECURITY;
            CREATE POLICY read_all ON gitops_fleet.rollout_leases FOR SELECT USING (true);
            CREATE POLICY insert_own ON gitops_fleet.rollout_leases FOR INSERT WITH CHECK (host = gitops_fleet.own_host());
            CREATE POLICY update_own ON gitops_fleet.rollout_leases FOR UPDATE USING (host = gitops_fleet.own_host()) WITH CHECK (host = gitops_fleet.own_host());
            CREATE POLICY delete_own ON gitops_fleet.rollout_leases FOR DELETE USING (host = gitops_fleet.own_host());
            DO $$ DECLARE r name; BEGIN
                FOR r IN SELECT role FROM gitops_fleet.host_roles LOOP
                    EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON gitops_fleet.rollout_leases TO %I', r);
                END LOOP;
            END $$;
            """),
        new(3, "fleet tasks: Quartz's clustered job store (prefix qrtz_) and the runs of fleet tasks", FleetTaskTables.Sql),
    ];

    /// <summary>The newest schema version this build knows.</summary>
    public static int Latest => Migrations[^1].Version;
}
