#!/usr/bin/env bash
# Commit-to-converged latency of `gitops-agent run` (not a test).
#
#   bash bench/commit-to-converged.sh [COMMITS]     (default 20; run as root)
#   ORDER=stop-first bash bench/commit-to-converged.sh          (the service's deploy.update_config.order)
#   STOP_GRACE_PERIOD=1s bash bench/commit-to-converged.sh      (sets the service's stop_grace_period)
#
# A config repository (bare, file://) with one stack of one service, demo/web, with an HTTP healthcheck
# (interval 1s) and `deploy.update_config.order: start-first` (ORDER). Three paths, one after the other in
# this one run, each for COMMITS commits that flip the tag between v1 and v2:
#   poll     the daemon polls every 2 s (no jitter); each push waits a random part of the period first (off the
#            clock, seeded), so pushes land at every moment of the poll cycle; the clock starts at `git push`;
#   webhook  the daemon polls every 10 min, and `POST /reconcile` (signed, as a forge's webhook) is sent right
#            after `git push`; the clock starts at `git push`;
#   direct   the raw docker CLI: `docker pull` + `docker create` (same healthcheck, on a network of its own as
#            the stack's service is on its stack's network: the engine starts a container on a user-defined network
#            more slowly than on the default bridge; DIRECT_NETWORK=bridge uses the default bridge) + `docker start`;
#            the old container is removed after the clock stops, so this path never pays for stopping it.
# Per commit, two instants are taken by polling every 20 ms: the new container (any name: start-first gates it
# under a temporary one) runs the new image and is healthy; and (daemon paths) /status says `inSync` at the new
# commit. Also recorded: what /status said while the new container ran but was not healthy yet (its gate).
# demo/web runs busybox httpd as PID 1, which ignores SIGTERM: stopping the old container takes its whole stop
# grace period (10 s by default), which start-first takes off the way of the new container and the report.
# A daemon path's next commit waits until the old container of the one before has retired (stopped and removed), as
# the direct path removes its old container before the next commit: no commit's clock runs beside the teardown of
# the one before. Also printed: how long `git push` itself took (inside the daemon paths' clock).
set -euo pipefail
cd "$(dirname "$0")/.."
commits=${1:-20}
order=${ORDER:-start-first}
stop_grace=${STOP_GRACE_PERIOD:-}

bash scripts/test-env.sh >/dev/null
# The daemon as it ships (packaging/build.sh: Release, self-contained, ReadyToRun). AGENT: measure an agent built
# elsewhere (another revision, another build mode) instead; a .dll runs under `dotnet`.
if [ -z "${AGENT:-}" ]; then
    dotnet publish src/Daemon -c Release -r linux-x64 --self-contained --nologo -v quiet -o artifacts/gitops-agent-linux-x64 >/dev/null
fi
case "${AGENT:=artifacts/gitops-agent-linux-x64/gitops-agent}" in
    *.dll) agent=(dotnet "$AGENT") ;;
    *) agent=("$AGENT") ;;
esac
# LOG: keep the daemon's log (debug level, with timestamps) at this path, for a step profile of the passes.
log_level=${LOG:+debug}

root=$(mktemp -d /var/tmp/gitops-bench.XXXXXX)
id=$(head -c4 /dev/urandom | od -An -tx1 | tr -d ' \n')
stack="bench-$id"
raw="benchraw-$id"
image=127.0.0.1:5000/demo/web
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
agent_pid=
suspender_pid=
cleanup() {
    [ -n "$suspender_pid" ] && kill "$suspender_pid" 2>/dev/null || true
    [ -n "$agent_pid" ] && kill "$agent_pid" 2>/dev/null && wait "$agent_pid" 2>/dev/null || true
    docker ps -aq --filter "label=com.docker.compose.project=$stack" | xargs -r docker rm -f >/dev/null
    docker ps -aq --filter "label=bench.raw=$raw" | xargs -r docker rm -f >/dev/null
    docker network ls -q --filter "label=com.docker.compose.project=$stack" | xargs -r docker network rm >/dev/null
    docker network rm "$raw" >/dev/null 2>&1 || true
    rm -rf "$root"
}
trap cleanup EXIT

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
    deploy:
      update_config:
        order: $order
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
head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n' >"$root/webhook-secret"
chmod 600 "$root/webhook-secret"
agent_config() {
    cat <<CONFIG
host: $stack
repo:
  url: file://$root/config.git
pollInterval: $1
pollJitter: 0%
stateDir: $root/state
http:
  listen: 127.0.0.1:$port
  webhookSecretFile: $root/webhook-secret
CONFIG
    if [ -n "$log_level" ]; then printf 'log:\n  level: %s\n' "$log_level"; fi
}
agent_config 2s >"$root/agent.yaml"

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

# Measures one path; prints one line per commit: "<push->healthy> <push->inSync> <status during the gate>".
measure() {
    python3 - "$@" <<'PY'
import http.client, json, random, socket, subprocess, sys, time, urllib.parse
mode, commits, stack, image, root, port, raw = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4], sys.argv[5], sys.argv[6], sys.argv[7]
period = float(sys.argv[8]) if len(sys.argv) > 8 else 0.0
network = sys.argv[9] if len(sys.argv) > 9 else "bridge"
phase = random.Random(20261201)

class Engine(http.client.HTTPConnection):
    def __init__(self):
        super().__init__("localhost")
    def connect(self):
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.sock.connect("/var/run/docker.sock")

def containers(label):
    engine = Engine()
    filters = urllib.parse.quote(json.dumps({"label": [label]}))
    engine.request("GET", f"/containers/json?filters={filters}")
    body = json.loads(engine.getresponse().read())
    engine.close()
    return body

def report():
    try:
        c = http.client.HTTPConnection("127.0.0.1", int(port), timeout=2)
        c.request("GET", "/status")
        body = json.loads(c.getresponse().read())
        c.close()
        return body.get("status"), (body.get("revision") or {}).get("commit")
    except Exception:
        return None, None

def git(*args):
    return subprocess.run(["git", "-C", f"{root}/work", "-c", "user.name=bench", "-c", "user.email=bench@localhost", *args],
                          check=True, capture_output=True, text=True).stdout.strip()

def webhook():
    secret = open(f"{root}/webhook-secret").read().strip()
    c = http.client.HTTPConnection("127.0.0.1", int(port), timeout=5)
    c.request("POST", "/reconcile", body=b"{}", headers={"X-Gitlab-Token": secret, "Content-Type": "application/json"})
    status = c.getresponse().status
    c.close()
    if status not in (200, 202):
        sys.exit(f"POST /reconcile answered {status}")

def compose(tag):
    text = open(f"{root}/work/stacks/{stack}/compose.yaml").read()
    for old in ("v1", "v2"):
        text = text.replace(f"{image}:{old}\n", f"{image}:{tag}\n")
    open(f"{root}/work/stacks/{stack}/compose.yaml", "w").write(text)

previous = None
for i in range(1, commits + 1):
    tag = "v2" if i % 2 else "v1"
    want = f"{image}:{tag}"
    if mode == "direct":
        name = f"{raw}-{i}"
        start = time.monotonic()
        subprocess.run(["docker", "pull", "-q", want], check=True, capture_output=True)
        subprocess.run(["docker", "create", "-q", "--name", name, "--label", f"bench.raw={raw}", "--network", network,
                        "--health-cmd", "wget -q -O- http://127.0.0.1:8080/healthz", "--health-interval", "1s",
                        "--health-timeout", "2s", "--health-retries", "2", want], check=True, capture_output=True)
        subprocess.run(["docker", "start", name], check=True, capture_output=True)
        label = f"bench.raw={raw}"
    else:
        # The direct path removes its old container before the next commit, off the clock; here the old container of
        # the commit before retires in the background for its whole stop grace. Its teardown (kill, network disconnect,
        # remove) would land in this commit's create and start on the same engine, so the next commit waits for it.
        label = f"com.docker.compose.project={stack}"
        until = time.monotonic() + 60
        while time.monotonic() < until and any("_retiring_" in c["Names"][0] for c in containers(label)):
            time.sleep(0.1)
        # A push lands at any moment of the poll's period. Without this pause (off the clock) it would land at the
        # same moment of every period (the retire above ends a fixed time after the pass), always just after or always
        # just before a poll; seeded, so a rerun pushes at the same offsets.
        time.sleep(phase.uniform(0, period))
        compose(tag)
        git("commit", "-q", "-am", f"web {tag}")
        commit = git("rev-parse", "HEAD")
        start = time.monotonic()
        pushed_at = time.time()
        git("push", "-q", f"{root}/config.git", "HEAD:main")
        pushed = time.monotonic() - start
        if mode == "webhook":
            webhook()
        label = f"com.docker.compose.project={stack}"
    if mode == "direct":
        pushed, pushed_at = 0.0, 0.0
    healthy = in_sync = None
    during_gate = set()
    deadline = start + 120
    while time.monotonic() < deadline and (healthy is None or (mode != "direct" and in_sync is None)):
        now = time.monotonic()
        # An old container of start-first on its way out (renamed *_retiring_*) may run the same tag two commits back.
        new = [c for c in containers(label) if c["Image"] == want and "_retiring_" not in c["Names"][0]
               and (mode != "direct" or c["Names"][0] == "/" + name)]
        if mode != "direct":
            status, at = report()
            if in_sync is None and status == "inSync" and at == commit:
                in_sync = now - start
            if new and healthy is None and "(healthy)" not in new[0]["Status"]:
                during_gate.add(str(status))
        if healthy is None and new and "(healthy)" in new[0]["Status"]:
            healthy = now - start
        time.sleep(0.02)
    if healthy is None or (mode != "direct" and in_sync is None):
        sys.exit(f"{mode} commit {i}: timed out (healthy {healthy}, inSync {in_sync})")
    if mode == "direct" and previous:
        subprocess.run(["docker", "rm", "-f", previous], check=True, capture_output=True)
    previous = name if mode == "direct" else None
    print(f"{healthy:.3f} {in_sync if in_sync is not None else float('nan'):.3f} {'/'.join(sorted(during_gate)) or '-'} {pushed:.3f} {pushed_at:.3f}", flush=True)
    print(f"{mode} {i} ({tag}): healthy {healthy:.3f} s, inSync {in_sync if in_sync is not None else float('nan'):.3f} s, during the gate: {'/'.join(sorted(during_gate)) or '-'}", file=sys.stderr)
PY
}

run_agent() {
    agent_config "$1" >"$root/agent.yaml"
    "${agent[@]}" run --config "$root/agent.yaml" >>"$root/agent.log" 2>&1 &
    agent_pid=$!
    # Up when /status answers in sync at the pushed commit.
    local want deadline=$((SECONDS + 120))
    want=$(git -C "$root/work" rev-parse HEAD)
    until curl -fsS "http://127.0.0.1:$port/status" 2>/dev/null | python3 -c "import json,sys; r=json.load(sys.stdin); sys.exit(0 if r['status']=='inSync' and r['revision']['commit']=='$want' else 1)" 2>/dev/null; do
        [ $SECONDS -lt $deadline ] || { echo "the agent did not come up in sync" >&2; tail -n 30 "$root/agent.log" >&2; exit 1; }
        sleep 0.2
    done
}
stop_agent() { kill "$agent_pid"; wait "$agent_pid" 2>/dev/null || true; agent_pid=; }

run_agent 2s
measure poll "$commits" "$stack" "$image" "$root" "$port" "$raw" 2 >"$root/poll.txt"
stop_agent
run_agent 10m
measure webhook "$commits" "$stack" "$image" "$root" "$port" "$raw" >"$root/webhook.txt"
stop_agent
kill "$suspender_pid"; wait "$suspender_pid" 2>/dev/null || true; suspender_pid=
grep -E "ended (ApplyFailed|ProbeFailed|FetchFailed)" "$root/agent.log" >&2 || true
if [ -n "${LOG:-}" ]; then
    cp "$root/agent.log" "$LOG"
    # The step profile of each commit's pass, from the daemon's own timestamps (debug log) and the push's instant.
    python3 - "$LOG" "$root" <<'PY'
import datetime, re, statistics, sys
log, root = sys.argv[1], sys.argv[2]
line = re.compile(r"^(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3}) \w{3} (\S+): (.*)$")
events = []
for text in open(log, errors="replace"):
    m = line.match(text)
    if m:
        at = datetime.datetime.strptime(m[1], "%Y-%m-%d %H:%M:%S.%f").timestamp()
        events.append((at, m[2].rsplit(".", 1)[-1], m[3]))
steps = ("push -> pass starts", "pass starts -> new revision fetched", "fetched -> container created",
         "created -> started", "started -> healthy (engine event)", "healthy -> gate passed (swap)", "gate passed -> pass ends")
def first(after, test):
    return next((at for at, source, message in events if at >= after and test(source, message)), None)
def profile(pushed_at):
    fetched = first(pushed_at, lambda s, m: s == "GitSource" and m.startswith("Fetched "))
    if fetched is None:
        return None
    started = max((at for at, s, m in events if at <= fetched and s == "ReconcileLoop" and m.startswith("Reconcile starting")), default=None)
    new = lambda kind: (lambda s, m: s == "DockerEventWatcher" and m.startswith(f"Container event {kind} ") and "_retiring_" not in m)
    created = first(fetched, new("Create"))
    running = first(fetched, new("Start"))
    healthy = first(fetched, new("HealthStatus"))
    swapped = first(fetched, lambda s, m: s == "DockerEventWatcher" and m.startswith("Container event Rename ") and "_retiring_" in m)
    ended = first(fetched, lambda s, m: s == "ReconcileLoop" and m.startswith("Reconcile ended Converged"))
    marks = (pushed_at, started, fetched, created, running, healthy, swapped, ended)
    if any(mark is None for mark in marks):
        return None
    return [b - a for a, b in zip(marks, marks[1:])]
print()
print("step profile (medians, seconds; from the daemon's debug log):")
print("| path | n | " + " | ".join(steps) + " |")
print("| --- | --- |" + " --- |" * len(steps))
for path in ("poll", "webhook"):
    rows = [profile(float(r.split()[4])) for r in open(f"{root}/{path}.txt") if r.strip()]
    rows = [r for r in rows if r]
    if rows:
        print(f"| {path} | {len(rows)} | " + " | ".join(f"{statistics.median(c):.2f}" for c in zip(*rows)) + " |")
PY
fi
direct_network=$raw
if [ "${DIRECT_NETWORK:-}" = bridge ]; then direct_network=bridge; else docker network create --label "bench.raw=$raw" "$raw" >/dev/null; fi
measure direct "$commits" "$stack" "$image" "$root" "$port" "$raw" 0 "$direct_network" >"$root/direct.txt"

python3 - "$root" "$order" "${stop_grace:-10s (default)}" "$([ "$direct_network" = bridge ] && echo "the default bridge" || echo "a network of its own")" <<'PY'
import math, statistics, sys
root, order, grace, network = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4]
def read(name):
    rows = [line.split() for line in open(f"{root}/{name}.txt") if line.strip()]
    return [float(r[0]) for r in rows], [float(r[1]) for r in rows], [r[2] for r in rows], [float(r[3]) for r in rows]
def p95(xs):
    xs = sorted(xs); return xs[max(0, -(-95 * len(xs) // 100) - 1)]
def row(name, xs):
    return f"| {name} | {len(xs)} | {statistics.median(xs):.2f} | {p95(xs):.2f} | {min(xs):.2f} | {max(xs):.2f} |"
poll, direct = read("poll"), read("direct")
hook = read("webhook")
print(f"order: {order}, stop_grace_period: {grace}, the direct path's container on {network}")
print()
print("| measurement | n | median (s) | p95 (s) | min (s) | max (s) |")
print("| --- | --- | --- | --- | --- | --- |")
for path, (healthy, in_sync, _, _) in (("2 s poll", poll), ("POST /reconcile on push", hook)):
    print(row(f"gitops-agent run, {path}: git push -> new container healthy", healthy))
    print(row(f"gitops-agent run, {path}: git push -> report inSync", in_sync))
    print(row(f"gitops-agent run, {path}: new container healthy -> report inSync", [s - h for h, s in zip(healthy, in_sync)]))
print(row("docker CLI directly: pull + create + start -> healthy", direct[0]))
print(row("git push itself (both daemon paths), which the direct path does not pay", poll[3] + hook[3]))
print(row("gitops-agent run, POST /reconcile on push: POST sent -> new container healthy", [h - p for h, p in zip(hook[0], hook[3])]))
print()
print(f"webhook p50 / direct p50: {statistics.median(hook[0]) / statistics.median(direct[0]):.2f}x"
      f" (from the POST, without the push: {statistics.median([h - p for h, p in zip(hook[0], hook[3])]) / statistics.median(direct[0]):.2f}x)")
for path, (_, _, gate, _) in (("poll", poll), ("webhook", hook)):
    seen = {}
    for g in gate:
        for s in g.split("/"):
            seen[s] = seen.get(s, 0) + 1
    print(f"/status while the new container was up but not healthy yet ({path}): " + ", ".join(f"{k} in {v} of {len(gate)} commits" for k, v in sorted(seen.items())))
PY
