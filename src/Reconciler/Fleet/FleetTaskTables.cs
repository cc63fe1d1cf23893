namespace GitOps.Reconciler.Fleet;

/// <summary>
/// Migration 3: the tables Quartz.NET 4.7's clustered ADO.NET job store reads and writes (table prefix
/// <see cref="TablePrefix"/>; every scheduler's rows carry its <c>sched_name</c>), and <c>task_runs</c>, one row per fire
/// of a fleet task with the host that fired it. Quartz can create its own tables, but then every agent would need
/// CREATE rights and a fleet starting at once would race; here the migration creates them under the advisory lock and
/// a host's role only reads and writes rows. Quartz validates the tables when a scheduler starts.
/// </summary>
public static class FleetTaskTables
{
    public const string TablePrefix = FleetSchema.Name + ".qrtz_";

    /// <summary>Every Quartz table, for the host roles' grants.</summary>
    public static readonly IReadOnlyList<string> QuartzTables =
    [
        "job_details", "triggers", "simple_triggers", "cron_triggers", "simprop_triggers", "blob_triggers", "calendars",
        "paused_trigger_grps", "paused_job_grps", "fired_triggers", "scheduler_state", "locks", "execution_history",
        "misfire_history", "job_status",
    ];

    public const string Sql = """
        CREATE TABLE gitops_fleet.qrtz_job_details (
            sched_name text NOT NULL, job_name text NOT NULL, job_group text NOT NULL, description text,
            job_class_name text NOT NULL, is_durable bool NOT NULL, is_nonconcurrent bool NOT NULL,
            is_update_data bool NOT NULL, requests_recovery bool NOT NULL, job_data bytea,
            PRIMARY KEY (sched_name, job_name, job_group)
        );
        CREATE TABLE gitops_fleet.qrtz_triggers (
            sched_name text NOT NULL, trigger_name text NOT NULL, trigger_group text NOT NULL,
            job_name text NOT NULL, job_group text NOT NULL, description text,
            next_fire_time bigint, prev_fire_time bigint, priority integer, trigger_state text NOT NULL,
            trigger_type text NOT NULL, start_time bigint NOT NULL, end_time bigint, calendar_name text,
            misfire_instr smallint, misfire_orig_fire_time bigint, execution_group varchar(200),
            preferred_node varchar(200), preferred_node_auto bool NOT NULL DEFAULT false,
            retry_policy varchar(250), retry_attempt integer, continues_trigger_name text, continues_trigger_group text,
            continuation_condition integer, overlap_policy integer, pause_reason varchar(250), paused_by varchar(200),
            paused_at bigint, misfire_threshold bigint, fixed_delay bool, job_data bytea,
            PRIMARY KEY (sched_name, trigger_name, trigger_group),
            FOREIGN KEY (sched_name, job_name, job_group) REFERENCES gitops_fleet.qrtz_job_details (sched_name, job_name, job_group)
        );
        CREATE TABLE gitops_fleet.qrtz_simple_triggers (
            sched_name text NOT NULL, trigger_name text NOT NULL, trigger_group text NOT NULL,
            repeat_count bigint NOT NULL, repeat_interval bigint NOT NULL, times_triggered bigint NOT NULL,
            PRIMARY KEY (sched_name, trigger_name, trigger_group),
            FOREIGN KEY (sched_name, trigger_name, trigger_group) REFERENCES gitops_fleet.qrtz_triggers (sched_name, trigger_name, trigger_group) ON DELETE CASCADE
        );
        CREATE TABLE gitops_fleet.qrtz_cron_triggers (
            sched_name text NOT NULL, trigger_name text NOT NULL, trigger_group text NOT NULL,
            cron_expression text NOT NULL, time_zone_id text,
            PRIMARY KEY (sched_name, trigger_name, trigger_group),
            FOREIGN KEY (sched_name, trigger_name, trigger_group) REFERENCES gitops_fleet.qrtz_triggers (sched_name, trigger_name, trigger_group) ON DELETE CASCADE
        );
        CREATE TABLE gitops_fleet.qrtz_simprop_triggers (
            sched_name text NOT NULL, trigger_name text NOT NULL, trigger_group text NOT NULL,
            str_prop_1 text, str_prop_2 text, str_prop_3 text, int_prop_1 integer, int_prop_2 integer,
            long_prop_1 bigint, long_prop_2 bigint, dec_prop_1 numeric, dec_prop_2 numeric,
            bool_prop_1 bool, bool_prop_2 bool, time_zone_id text,
            PRIMARY KEY (sched_name, trigger_name, trigger_group),
            FOREIGN KEY (sched_name, trigger_name, trigger_group) REFERENCES gitops_fleet.qrtz_triggers (sched_name, trigger_name, trigger_group) ON DELETE CASCADE
        );
        CREATE TABLE gitops_fleet.qrtz_blob_triggers (
            sched_name text NOT NULL, trigger_name text NOT NULL, trigger_group text NOT NULL, blob_data bytea,
            PRIMARY KEY (sched_name, trigger_name, trigger_group),
            FOREIGN KEY (sched_name, trigger_name, trigger_group) REFERENCES gitops_fleet.qrtz_triggers (sched_name, trigger_name, trigger_group) ON DELETE CASCADE
        );
        CREATE TABLE gitops_fleet.qrtz_calendars (
            sched_name text NOT NULL, calendar_name text NOT NULL, calendar bytea NOT NULL,
            PRIMARY KEY (sched_name, calendar_name)
        );
        CREATE TABLE gitops_fleet.qrtz_paused_trigger_grps (
            sched_name text NOT NULL, trigger_group text NOT NULL,
            pause_reason varchar(250), paused_by varchar(200), paused_at bigint,
            PRIMARY KEY (sched_name, trigger_group)
        );
        CREATE TABLE gitops_fleet.qrtz_paused_job_grps (
            sched_name text NOT NULL, job_group text NOT NULL,
            pause_reason varchar(250), paused_by varchar(200), paused_at bigint,
            PRIMARY KEY (sched_name, job_group)
        );
        CREATE TABLE gitops_fleet.qrtz_fired_triggers (
            sched_name text NOT NULL, entry_id text NOT NULL, trigger_name text NOT NULL, trigger_group text NOT NULL,
            instance_name text NOT NULL, fired_time bigint NOT NULL, sched_time bigint NOT NULL, priority integer NOT NULL,
            state text NOT NULL, job_name text, job_group text, is_nonconcurrent bool NOT NULL, requests_recovery bool,
            execution_group varchar(200), progress integer, progress_message varchar(250), interrupt_requested_time bigint,
            PRIMARY KEY (sched_name, entry_id)
        );
        CREATE TABLE gitops_fleet.qrtz_scheduler_state (
            sched_name text NOT NULL, instance_name text NOT NULL, last_checkin_time bigint NOT NULL,
            checkin_interval bigint NOT NULL, quartz_version varchar(20),
            PRIMARY KEY (sched_name, instance_name)
        );
        CREATE TABLE gitops_fleet.qrtz_locks (
            sched_name text NOT NULL, lock_name text NOT NULL,
            PRIMARY KEY (sched_name, lock_name)
        );
        CREATE TABLE gitops_fleet.qrtz_execution_history (
            sched_name text NOT NULL, entry_id text NOT NULL, instance_name text NOT NULL,
            job_name text NOT NULL, job_group text NOT NULL, trigger_name text NOT NULL, trigger_group text NOT NULL,
            fired_time bigint NOT NULL, run_time bigint NOT NULL, succeeded bool NOT NULL, error_message text,
            retry_attempt integer NOT NULL DEFAULT 0, retry_scheduled bool NOT NULL DEFAULT false, execution_log text,
            result integer, summary text, metrics text, manual bool, fire_instance_id text, job_input text,
            job_input_too_large bool,
            PRIMARY KEY (sched_name, entry_id)
        );
        CREATE TABLE gitops_fleet.qrtz_misfire_history (
            sched_name text NOT NULL, entry_id text NOT NULL, instance_name text NOT NULL,
            trigger_name text NOT NULL, trigger_group text NOT NULL, job_name text, job_group text,
            misfire_time bigint NOT NULL, sched_time bigint, reason integer,
            PRIMARY KEY (sched_name, entry_id)
        );
        CREATE TABLE gitops_fleet.qrtz_job_status (
            sched_name text NOT NULL, job_group text NOT NULL, job_name text NOT NULL,
            first_fired_time bigint NOT NULL, last_fired_time bigint NOT NULL, last_result integer NOT NULL,
            last_run_time bigint NOT NULL, last_instance_name text NOT NULL, last_entry_id text, last_summary text,
            last_success_time bigint, last_failure_time bigint, last_failure_message text,
            consecutive_failures integer NOT NULL DEFAULT 0, run_count bigint NOT NULL DEFAULT 0,
            failure_count bigint NOT NULL DEFAULT 0,
            PRIMARY KEY (sched_name, job_group, job_name)
        );
        CREATE INDEX qrtz_t_j ON gitops_fleet.qrtz_triggers (sched_name, job_name, job_group);
        CREATE INDEX qrtz_t_nft_st ON gitops_fleet.qrtz_triggers (sched_name, trigger_state, next_fire_time, priority DESC, misfire_instr);
        CREATE INDEX qrtz_ft_inst_job_req_rcvry ON gitops_fleet.qrtz_fired_triggers (sched_name, instance_name, requests_recovery);
        CREATE INDEX qrtz_ft_j_g ON gitops_fleet.qrtz_fired_triggers (sched_name, job_name, job_group);
        CREATE INDEX qrtz_ft_t_g ON gitops_fleet.qrtz_fired_triggers (sched_name, trigger_name, trigger_group);
        CREATE INDEX qrtz_eh_job_time ON gitops_fleet.qrtz_execution_history (sched_name, job_group, job_name, fired_time);
        CREATE INDEX qrtz_mh_misfire_time ON gitops_fleet.qrtz_misfire_history (sched_name, misfire_time);
        CREATE TABLE gitops_fleet.task_runs (
            id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            run_on       text NOT NULL,
            task         text NOT NULL,
            scheduled_at timestamptz NOT NULL,
            host         text NOT NULL,
            started_at   timestamptz NOT NULL DEFAULT now()
        );
        CREATE INDEX task_runs_task ON gitops_fleet.task_runs (run_on, task, id);
        ALTER TABLE gitops_fleet.task_runs ENABLE ROW LEVEL SECURITY;
        CREATE POLICY read_all ON gitops_fleet.task_runs FOR SELECT USING (true);
        CREATE POLICY insert_own ON gitops_fleet.task_runs FOR INSERT WITH CHECK (host = gitops_fleet.own_host());
        DO $$ DECLARE r name; t text; BEGIN
            FOR r IN SELECT role FROM gitops_fleet.host_roles LOOP
                FOR t IN SELECT tablename FROM pg_tables WHERE schemaname = 'gitops_fleet' AND tablename LIKE 'qrtz\_%' LOOP
                    EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON gitops_fleet.%I TO %I', t, r);
                END LOOP;
                EXECUTE format('GRANT SELECT, INSERT ON gitops_fleet.task_runs TO %I', r);
            END LOOP;
        END $$;
        """;
}
