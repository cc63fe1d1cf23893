#!/usr/bin/env bash
# Benchmark of the fleet store (not a test). Run as root on the test machine, with the test PostgreSQL up
# (scripts/test-env.sh --test-tools); results go to stdout and are recorded by hand in docs/benchmarks.md.
#
# 1. Write load: HOSTS simulated agents (bench/FleetLoad, the store's real upsert) each report once per 30 s poll
#    interval at a phase of its own, for ROUNDS intervals, compressed COMPRESSIONS times (1 = real time, 30 = every
#    host reports every second). Per run: write latency p50/p95/p99/max (pool wait included) and the database's CPU
#    from /proc (the postmaster with its reaped children, plus its live children), in cores and per write.
# 2. fleet status for HOSTS hosts: in process (the store query alone; query + inventory + ranking), and the whole
#    `gitops-agent fleet status` process, next to `gitops-agent version` (the process start alone), STATUS_RUNS each,
#    for each build in AGENTS side by side (default: the dev build; add the packaged one, packaging/build.sh's).
#
# The load runs in a database of its own (gitops_fleet_bench), dropped at the end; it never touches the tests'.
# Bounded: HOSTS x ROUNDS writes per compression, 256 in flight at most, 15 minutes at most.
#
# Usage: bench/fleet-bench.sh   (HOSTS=1000 ROUNDS=4 COMPRESSIONS=1,10,30 POOL=16 STATUS_RUNS=10 by default)
#        AGENTS="artifacts/gitops-agent/gitops-agent.dll DIR/gitops-agent" bench/fleet-bench.sh   (several builds)
set -euo pipefail
cd "$(dirname "$0")/.."
HOSTS=${HOSTS:-1000}
ROUNDS=${ROUNDS:-4}
COMPRESSIONS=${COMPRESSIONS:-1,10,30}
POOL=${POOL:-16}
STATUS_RUNS=${STATUS_RUNS:-10}
PORT=${GITOPS_TEST_PG_PORT:-55432}
DB=gitops_fleet_bench
server="host=127.0.0.1 port=$PORT user=postgres"

psql "$server dbname=postgres" -qc "DROP DATABASE IF EXISTS $DB WITH (FORCE)" -c "CREATE DATABASE $DB"
postmaster=$(head -1 "$(psql "$server dbname=postgres" -Atc 'SHOW data_directory')/postmaster.pid")
work=$(mktemp -d -t fleet-bench.XXXXXX)
cleanup() {
    psql "$server dbname=postgres" -qc "DROP DATABASE IF EXISTS $DB WITH (FORCE)" || true
    rm -rf "$work"
}
trap cleanup EXIT

# The config repository: an inventory of HOSTS hosts in three groups, and three commits (a rollout under way).
git init -q -b main "$work/repo"
for round in 1 2 3; do
    {
        printf 'vars:\n  ROUND: "%s"\ngroups:\n' "$round"
        for group in ocr nlp gpu; do printf '  %s: {}\n' "$group"; done
        printf 'hosts:\n'
        for ((i = 0; i < HOSTS; i++)); do
            groups=(ocr nlp gpu)
            printf '  bench-host-%04d:\n    groups: [%s]\n' "$i" "${groups[i % 3]}"
        done
    } > "$work/repo/inventory.yaml"
    git -C "$work/repo" add inventory.yaml
    git -C "$work/repo" -c user.name=bench -c user.email=bench@example.net commit -qm "round $round"
done
commits=$(git -C "$work/repo" rev-list -3 HEAD | paste -sd, -)

dotnet build bench/FleetLoad --nologo -v quiet -o artifacts/fleet-load >/dev/null
dotnet build src/Daemon --nologo -v quiet -o artifacts/gitops-agent >/dev/null

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg); $(nproc) cores; PostgreSQL $(psql "$server dbname=postgres" -Atc 'SHOW server_version')"
dotnet artifacts/fleet-load/FleetLoad.dll "Host=127.0.0.1;Port=$PORT;Username=postgres;Database=$DB;Maximum Pool Size=$POOL" \
    "$postmaster" "$HOSTS" "$ROUNDS" "$COMPRESSIONS" "$work/repo" "$commits" "$(getconf CLK_TCK)"

# The whole process, as an operator runs it: start, read the store and the repo, rank, print. Each build of AGENTS
# (a gitops-agent executable, or a .dll run with dotnet; default the dev build made above) is measured side by side,
# its runs interleaved with the others' so that the machine's load falls on each alike: wall time, and the CPU time
# (user + system) the process used, which a loaded machine inflates less.
echo "Host=127.0.0.1;Port=$PORT;Username=postgres;Database=$DB" > "$work/fleet-db"
read -r -a agents <<< "${AGENTS:-artifacts/gitops-agent/gitops-agent.dll}"
run_agent() {
    local agent=$1
    shift
    if [[ $agent == *.dll ]]; then dotnet "$agent" "$@"; else "$agent" "$@"; fi
}
run_agent "${agents[0]}" fleet status --connection-file "$work/fleet-db" --repo "$work/repo" > "$work/status.txt" || true
echo "fleet status lists $(($(wc -l < "$work/status.txt") - 2)) hosts; first lines:"
head -4 "$work/status.txt"
measure() {
    local label=$1
    shift
    local agent
    for agent in "${agents[@]}"; do : > "$work/times.$(basename "$(dirname "$agent")")-$(basename "$agent")"; done
    for ((run = 0; run < STATUS_RUNS; run++)); do
        for agent in "${agents[@]}"; do
            /usr/bin/time -a -o "$work/times.$(basename "$(dirname "$agent")")-$(basename "$agent")" -f "%e %U %S" \
                bash -c "$(declare -f run_agent); run_agent \"\$@\" > /dev/null 2>&1 || true" _ "$agent" "$@"
        done
    done
    for agent in "${agents[@]}"; do
        sort -n "$work/times.$(basename "$(dirname "$agent")")-$(basename "$agent")" | awk -v label="$label" -v agent="$agent" '
            { wall[NR] = $1 * 1000; cpu[NR] = ($2 + $3) * 1000 }
            END {
                n = asort_cpu(cpu, NR)
                printf "  %-34s %-44s wall p50 %5d ms  max %5d ms   cpu p50 %5d ms  (%d runs)\n",
                    label, agent, wall[int((NR + 1) / 2)], wall[NR], cpu[int((NR + 1) / 2)], NR }
            function asort_cpu(a, n,    i, j, t) { for (i = 2; i <= n; i++) { t = a[i]; for (j = i - 1; j >= 1 && a[j] > t; j--) a[j + 1] = a[j]; a[j + 1] = t } return n }'
    done
}
echo "whole processes:"
measure "gitops-agent version (start alone)" version
measure "gitops-agent fleet status ($HOSTS hosts)" fleet status --connection-file "$work/fleet-db" --repo "$work/repo"
measure "gitops-agent fleet status --json" fleet status --json --connection-file "$work/fleet-db" --repo "$work/repo"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
