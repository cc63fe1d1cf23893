#!/usr/bin/env bash
# Benchmarks of scheduled tasks (not a test). Run as root on the test machine; results go to stdout and are
# recorded by hand in docs/benchmarks.md.
#
# 1. Fire accuracy: TASKS tasks on an every-minute schedule ("* * * * *", no randomDelay) run by
#    `gitops-agent run` for MINUTES minutes. For every fire, the latency from its scheduled minute to the engine's
#    `start` event of its container (docker events, label io.gitops-agent.task), p50/p95/max; plus fires that
#    never started. The first minute after the daemon starts is not counted (the first pass schedules the tasks).
# 2. Idle cost: the same daemon with IDLE_TASKS tasks scheduled (never firing: January 1st, 03:00) and with none,
#    one after the other, each idle for IDLE_SECONDS after its first report: the agent's own CPU ticks and RSS
#    from /proc/<pid>.
#
# Usage: bench/tasks-bench.sh   (TASKS=20 MINUTES=10 IDLE_TASKS=500 IDLE_SECONDS=120 by default;
#        PARTS="accuracy idle" selects what to measure)
set -euo pipefail
cd "$(dirname "$0")/.."
TASKS=${TASKS:-20}
MINUTES=${MINUTES:-10}
IDLE_TASKS=${IDLE_TASKS:-500}
IDLE_SECONDS=${IDLE_SECONDS:-120}
PARTS=${PARTS:-accuracy idle}
part() { [[ " $PARTS " == *" $1 "* ]]; }
IMAGE=127.0.0.1:5000/demo/backup:1.0

bash scripts/test-env.sh >/dev/null
dotnet build src/Daemon --nologo -v quiet -o artifacts/gitops-agent >/dev/null
agent=(dotnet artifacts/gitops-agent/gitops-agent.dll)
work=$(mktemp -d /tmp/tasks-bench.XXXXXX)
pid=
cleanup() {
    [ -n "$pid" ] && kill "$pid" 2>/dev/null || true
    docker ps -aq --filter label=io.gitops-agent.owner=tasks-bench | xargs -r docker rm -f >/dev/null
    rm -rf "$work"
}
trap cleanup EXIT

# repo NAME COUNT SCHEDULE: a repository for host tasks-bench with COUNT tasks on SCHEDULE.
repo() {
    local dir="$work/$1"
    mkdir -p "$dir/tasks"
    printf 'hosts:\n  tasks-bench: {}\n' >"$dir/inventory.yaml"
    for i in $(seq -w 1 "$2"); do
        printf 'targets: [tasks-bench]\nschedule: "%s"\ntimeZone: UTC\nimage: %s\ncommand: [sh, -c, "true"]\nconcurrency: allow\n' \
            "$3" "$IMAGE" >"$dir/tasks/t$i.yaml"
    done
    git -C "$dir" init -q -b main
    git -C "$dir" add -A
    git -C "$dir" -c user.name=bench -c user.email=bench@localhost commit -qm "$2 tasks" --allow-empty
}

# start NAME: runs the daemon on repository NAME with its own state dir; waits for its first report.
start() {
    port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
    GITOPS_AGENT_HOST=tasks-bench GITOPS_AGENT_REPO_URL="file://$work/$1" GITOPS_AGENT_POLL_INTERVAL=5s \
    GITOPS_AGENT_STATE_DIR="$work/state-$1" GITOPS_AGENT_HTTP_LISTEN="127.0.0.1:$port" GITOPS_AGENT_LOG_LEVEL=warning \
        "${agent[@]}" run >"$work/agent-$1.log" 2>&1 &
    pid=$!
    for _ in $(seq 1 300); do
        if curl -fs "http://127.0.0.1:$port/status" >/dev/null 2>&1; then return; fi
        kill -0 "$pid" 2>/dev/null || { echo "the daemon exited:"; cat "$work/agent-$1.log"; exit 1; }
        sleep 1
    done
    echo "no report after 300 s"; exit 1
}

stop() { kill "$pid"; wait "$pid" 2>/dev/null || true; pid=; }

if part accuracy; then
    echo "==> fire accuracy: $TASKS tasks every minute for $MINUTES minutes"
    docker pull -q "$IMAGE" >/dev/null
    repo accuracy "$TASKS" "* * * * *"
    start accuracy
    # Count from the first full minute after the tasks are scheduled. The engine keeps only a short event
    # backlog, so the start events are streamed while the daemon runs rather than asked for afterwards.
    from=$(( ($(date +%s) / 60 + 1) * 60 ))
    until=$(( from + MINUTES * 60 ))
    # A stream the engine closes is opened again from where it stopped; starts seen twice count once (by id).
    (
        since=$(date +%s)
        while [ "$(date +%s)" -lt $((until + 20)) ]; do
            docker events --since "$since" --until "$((until + 20))" --filter label=io.gitops-agent.owner=tasks-bench \
                --filter event=start --format '{{.ID}} {{.TimeNano}}' || true
            since=$(( $(date +%s) - 2 ))
        done
    ) >"$work/starts.raw" 2>/dev/null &
    events=$!
    sleep $(( until - $(date +%s) + 20 ))
    stop
    kill "$events" 2>/dev/null || true   # it may have ended already (the engine can close the stream)
    # Each start belongs to the minute it was scheduled for: the latest minute boundary not after it.
    sort -u -k1,1 "$work/starts.raw" | awk -v from="$from" -v until="$until" \
        '{ t = $2 / 1e9; m = int(t / 60) * 60; if (m >= from && m < until) printf "%.3f\n", t - m }' | sort -n >"$work/latencies"
    n=$(wc -l <"$work/latencies")
    at() { sed -n "$(awk -v n="$n" -v q="$1" 'BEGIN { i = int(q * (n - 1)) + 1; print (i < 1 ? 1 : i) }')p" "$work/latencies"; }
    echo "fires expected $((TASKS * MINUTES)), containers started $n; scheduled -> started: p50 $(at 0.5) s, p95 $(at 0.95) s, max $(tail -1 "$work/latencies") s"
    # The scheduler's share: from the scheduled time to the runner starting the run (history), before create/start.
    sqlite3 "$work/state-accuracy/state.db" "SELECT (started_at - scheduled_at) / 1000.0 FROM task_run
        WHERE scheduled_at >= $((from * 1000)) AND scheduled_at < $((until * 1000)) ORDER BY 1" >"$work/latencies"
    n=$(wc -l <"$work/latencies")
    echo "runs recorded $n; scheduled -> run started (scheduler only): p50 $(at 0.5) s, p95 $(at 0.95) s, max $(tail -1 "$work/latencies") s"
fi

measure() {
    local ticks start_cpu start end end_cpu max_rss=0 sum_rss=0 n=0 r
    ticks=$(getconf CLK_TCK)
    start_cpu=$(awk '{print $14 + $15}' "/proc/$pid/stat"); start=$(date +%s.%N)
    while awk -v a="$(date +%s.%N)" -v b="$start" -v d="$IDLE_SECONDS" 'BEGIN { exit !(a - b < d) }'; do
        r=$(awk '/^VmRSS/ {print $2}' "/proc/$pid/status"); sum_rss=$((sum_rss + r)); n=$((n + 1)); [ "$r" -gt "$max_rss" ] && max_rss=$r
        sleep 5
    done
    end_cpu=$(awk '{print $14 + $15}' "/proc/$pid/stat"); end=$(date +%s.%N)
    awk -v c=$((end_cpu - start_cpu)) -v t="$ticks" -v a="$start" -v b="$end" -v m="$max_rss" -v s="$sum_rss" -v n="$n" -v what="$1" \
        'BEGIN { printf "%s, idle %.0fs: cpu %.2f%% of one core, rss avg %.1f MiB, max %.1f MiB\n", what, b - a, 100 * c / t / (b - a), s / n / 1024, m / 1024 }'
}

if part idle; then
    echo "==> idle cost: $IDLE_TASKS scheduled tasks against none, ${IDLE_SECONDS}s each"
    repo idle "$IDLE_TASKS" "0 3 1 1 *"
    start idle
    # Let the first pass schedule all of them before measuring.
    for _ in $(seq 1 300); do
        [ "$(curl -fs "http://127.0.0.1:$port/status" | grep -o '"name": "t[0-9]*"' | sort -u | wc -l)" -ge "$IDLE_TASKS" ] && break
        sleep 1
    done
    measure "$IDLE_TASKS tasks"
    stop
    repo none 0 "-"
    start none
    measure "no tasks"
    stop
fi
