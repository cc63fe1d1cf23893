#!/usr/bin/env bash
# Commit-to-converged latency of `gitops-agent run` (not a test).
#
#   bash bench/commit-to-converged.sh [COMMITS]     (default 20; run as root)
#   STOP_GRACE_PERIOD=1s bash bench/commit-to-converged.sh   (sets the service's stop_grace_period)
#
# A config repository (bare, file://) with one stack of one service, demo/web, with an HTTP
# healthcheck (interval 1s). The daemon polls it every 2 s (no jitter). Each of COMMITS commits
# flips the tag between v1 and v2; per commit the time from `git push` until the container runs
# the new image and is healthy is measured. Then, side by side, the same change done directly
# with the docker CLI: pull + create + start of the new image until healthy, timed the same way
# (the old container is removed after the clock stops). Both images are in the local registry
# on 127.0.0.1:5000 and, after the first round, also in the engine's image store, as they
# are for the agent. The demo image runs busybox httpd as PID 1, which ignores SIGTERM, so
# stopping the old container takes the whole stop grace period (10 s by default) — a replace
# never starts the new container before the old one is stopped and removed.
set -euo pipefail
cd "$(dirname "$0")/.."
commits=${1:-20}
stop_grace=${STOP_GRACE_PERIOD:-}

bash scripts/test-env.sh >/dev/null
dotnet build src/Daemon --nologo -v quiet -o artifacts/gitops-agent >/dev/null
agent=(dotnet artifacts/gitops-agent/gitops-agent.dll)

root=$(mktemp -d /var/tmp/gitops-bench.XXXXXX)
id=$(head -c4 /dev/urandom | od -An -tx1 | tr -d ' \n')
stack="bench-$id"
raw="benchraw-$id"
image=127.0.0.1:5000/demo/web
agent_pid=
suspender_pid=
cleanup() {
    [ -n "$suspender_pid" ] && kill "$suspender_pid" 2>/dev/null || true
    [ -n "$agent_pid" ] && kill "$agent_pid" 2>/dev/null && wait "$agent_pid" 2>/dev/null || true
    docker ps -aq --filter "label=com.docker.compose.project=$stack" | xargs -r docker rm -f >/dev/null
    docker ps -aq --filter "label=bench.raw=$raw" | xargs -r docker rm -f >/dev/null
    docker network ls -q --filter "label=com.docker.compose.project=$stack" | xargs -r docker network rm >/dev/null
    rm -rf "$root"
}
trap cleanup EXIT

now() { date +%s.%N; }
elapsed() { python3 -c "import sys; print(f'{float(sys.argv[2]) - float(sys.argv[1]):.3f}')" "$1" "$2"; }
# Waits until container $1 runs image $2 and is healthy; 120 s at most.
wait_healthy() {
    local deadline=$((SECONDS + 120))
    while [ $SECONDS -lt $deadline ]; do
        if [ "$(docker inspect -f '{{.Config.Image}} {{.State.Health.Status}}' "$1" 2>/dev/null)" = "$2 healthy" ]; then
            return 0
        fi
        sleep 0.05
    done
    echo "timed out waiting for $1 to run $2 healthy" >&2
    tail -n 30 "$root/agent.log" >&2 || true
    return 1
}
compose() {
    cat <<YAML
services:
  web:
    image: $image:$1
    healthcheck:
      test: ["CMD", "wget", "-q", "-O-", "http://127.0.0.1:8080/healthz"]
      interval: 1s
      timeout: 2s
      retries: 2
YAML
    if [ -n "$stop_grace" ]; then echo "    stop_grace_period: $stop_grace"; fi
}

git init -q --bare --initial-branch main "$root/config.git"
git init -q --initial-branch main "$root/work"
mkdir -p "$root/work/stacks/$stack"
printf 'hosts:\n  %s: {}\n' "$stack" >"$root/work/inventory.yaml"
printf 'targets: [%s]\n' "$stack" >"$root/work/stacks/$stack/stack.yaml"
compose v1 >"$root/work/stacks/$stack/compose.yaml"
g() { git -C "$root/work" -c user.name=bench -c user.email=bench@localhost "$@"; }
g add -A && g commit -q -m "web v1" && g push -q "$root/config.git" HEAD:main
cat >"$root/agent.yaml" <<CONFIG
host: $stack
repo:
  url: file://$root/config.git
pollInterval: 2s
pollJitter: 0%
stateDir: $root/state
CONFIG

# The engine may be shared with other agents (other test runs): this agent would tear their stacks
# down as "no longer targeted". Keep every other managed stack marked as locally suspended, refreshed
# several times a second, so it leaves them alone.
"${agent[@]}" plan --config "$root/agent.yaml" >/dev/null 2>&1 || true
suspend_foreign() {
    while :; do
        docker ps -a --filter label=io.gitops-agent.managed=true --format '{{.Label "com.docker.compose.project"}}' | sort -u |
            python3 -c "
import sqlite3, sys, datetime
db = sqlite3.connect(sys.argv[1], timeout=5)
for stack in filter(None, (line.strip() for line in sys.stdin)):
    if stack != sys.argv[2]:
        db.execute('INSERT OR IGNORE INTO suspended (stack, at) VALUES (?, ?)', (stack, datetime.datetime.now(datetime.timezone.utc).isoformat()))
db.commit()" "$root/state/state.db" "$stack" || true
        sleep 0.2
    done
}
suspend_foreign &
suspender_pid=$!

"${agent[@]}" run --config "$root/agent.yaml" >"$root/agent.log" 2>&1 &
agent_pid=$!
wait_healthy "$stack-web-1" "$image:v1"

daemon=()
for i in $(seq 1 "$commits"); do
    if [ $((i % 2)) -eq 1 ]; then tag=v2; else tag=v1; fi
    compose "$tag" >"$root/work/stacks/$stack/compose.yaml"
    g commit -q -am "web $tag"
    start=$(now)
    g push -q "$root/config.git" HEAD:main
    wait_healthy "$stack-web-1" "$image:$tag"
    daemon+=("$(elapsed "$start" "$(now)")")
    echo "commit $i ($tag): ${daemon[-1]} s" >&2
done
kill "$agent_pid"; wait "$agent_pid" 2>/dev/null || true; agent_pid=
kill "$suspender_pid"; wait "$suspender_pid" 2>/dev/null || true; suspender_pid=
grep -E "ended (ApplyFailed|ProbeFailed|FetchFailed)" "$root/agent.log" >&2 || true

direct=()
previous=
for i in $(seq 1 "$commits"); do
    if [ $((i % 2)) -eq 1 ]; then tag=v2; else tag=v1; fi
    name="$raw-$i"
    start=$(now)
    docker pull -q "$image:$tag" >/dev/null
    docker create -q --name "$name" --label "bench.raw=$raw" \
        --health-cmd "wget -q -O- http://127.0.0.1:8080/healthz" --health-interval 1s --health-timeout 2s --health-retries 2 \
        "$image:$tag" >/dev/null
    docker start "$name" >/dev/null
    wait_healthy "$name" "$image:$tag"
    direct+=("$(elapsed "$start" "$(now)")")
    echo "direct $i ($tag): ${direct[-1]} s" >&2
    [ -n "$previous" ] && docker rm -f "$previous" >/dev/null
    previous=$name
done

python3 - "${#daemon[@]}" "${daemon[@]}" "${direct[@]}" <<'PY'
import sys, statistics
n = int(sys.argv[1]); values = [float(v) for v in sys.argv[2:]]
daemon, direct = values[:n], values[n:]
def p95(xs):
    xs = sorted(xs); return xs[max(0, -(-95 * len(xs) // 100) - 1)]
print(f"| measurement | n | median (s) | p95 (s) | min (s) | max (s) |")
print(f"| --- | --- | --- | --- | --- | --- |")
for name, xs in (("gitops-agent run, 2 s poll: git push -> new container healthy", daemon),
                 ("docker CLI directly: pull + create + start -> healthy", direct)):
    print(f"| {name} | {len(xs)} | {statistics.median(xs):.2f} | {p95(xs):.2f} | {min(xs):.2f} | {max(xs):.2f} |")
PY
