#!/usr/bin/env bash
# Benchmark of the fleet store (not a test). Run as root on the test machine, with the test PostgreSQL up
# (scripts/test-env.sh --test-tools); results go to stdout and are recorded by hand in docs/benchmarks.md.
#
# 1. Write load: HOSTS simulated agents (bench/FleetLoad, the store's real upsert) each report once per 30 s poll
#    interval at a phase of its own, for ROUNDS intervals, compressed COMPRESSIONS times (1 = real time, 30 = every
#    host reports every second). Per run: write latency p50/p95/p99/max (pool wait included) and the database's CPU
#    from /proc (the postmaster with its reaped children, plus its live children), in cores and per write.
# 2. fleet status for HOSTS hosts: in process (the store query alone; query + inventory + ranking), and the whole
#    `gitops-agent fleet status` process, next to `gitops-agent version` (the process start alone), STATUS_RUNS each.
#
# The load runs in a database of its own (gitops_fleet_bench), dropped at the end; it never touches the tests'.
# Bounded: HOSTS x ROUNDS writes per compression, 256 in flight at most, 15 minutes at most.
#
# Usage: bench/fleet-bench.sh   (HOSTS=1000 ROUNDS=4 COMPRESSIONS=1,10,30 POOL=16 STATUS_RUNS=10 by default)
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

# The whole process, as an operator runs it: start, read the store and the repo, rank, print.
echo "Host=127.0.0.1;Port=$PORT;Username=postgres;Database=$DB" > "$work/fleet-db"
agent=(dotnet artifacts/gitops-agent/gitops-agent.dll)
"${agent[@]}" fleet status --connection-file "$work/fleet-db" --repo "$work/repo" > "$work/status.txt" || true
echo "fleet status lists $(($(wc -l < "$work/status.txt") - 2)) hosts; first lines:"
head -4 "$work/status.txt"
measure() {
    local label=$1
    shift
    local times=()
    for ((run = 0; run < STATUS_RUNS; run++)); do
        local start end
        start=$(date +%s%N)
        "$@" > /dev/null || true
        end=$(date +%s%N)
        times+=($(((end - start) / 1000000)))
    done
    printf '%s\n' "${times[@]}" | sort -n | awk -v label="$label" '{ t[NR] = $1 } END {
        printf "  %-40s p50 %5d ms  max %5d ms  (%d runs)\n", label, t[int((NR + 1) / 2)], t[NR], NR }'
}
echo "whole processes:"
measure "gitops-agent version (start alone)" "${agent[@]}" version
measure "gitops-agent fleet status ($HOSTS hosts)" "${agent[@]}" fleet status --connection-file "$work/fleet-db" --repo "$work/repo"
measure "gitops-agent fleet status --json" "${agent[@]}" fleet status --json --connection-file "$work/fleet-db" --repo "$work/repo"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
