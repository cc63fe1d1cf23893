#!/usr/bin/env bash
# Benchmarks of the drift surface (not a test). Run as root on the test machine; results go to stdout,
# and are recorded by hand in docs/benchmarks.md.
#
# 1. Drift detection latency of a hand `docker stop` (bench/DriftLatency): the event path (Docker events ->
#    watcher -> drift monitor -> report) versus poll only (a refresh every POLL seconds), RUNS samples each,
#    median. Measured on the components directly; /status is polled every 10 ms until it shows the drift.
# 2. Idle resident memory and CPU over IDLE_SECONDS with a 5 s poll and 10 managed stacks: first of the surface
#    components in one process (bench/DriftLatency idle: watcher, drift monitor, HTTP server, a probe + plan +
#    report every 5 s; no git, no Quartz, no Serilog), then of the daemon itself (`gitops-agent run`, published as
#    packaging/build.sh does), with its resident memory by mapping at the end.
#
# Usage: bench/idle-and-drift.sh            (RUNS=10 POLL=5 IDLE_SECONDS=300 by default;
#        PARTS="latency components daemon" selects what to measure, all by default; PUBLISH=0 skips the publish)
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-10}
POLL=${POLL:-5}
IDLE_SECONDS=${IDLE_SECONDS:-300}
PARTS=${PARTS:-latency components daemon}
part() { [[ " $PARTS " == *" $1 "* ]]; }

bash scripts/test-env.sh >/dev/null

if part latency || part components; then
    dotnet build bench/DriftLatency --nologo -v quiet -o artifacts/bench-drift-latency >/dev/null
fi
if part latency; then
    echo "==> drift detection latency: event path vs poll every ${POLL}s, ${RUNS} runs each"
    dotnet artifacts/bench-drift-latency/DriftLatency.dll "$RUNS" "$POLL"
fi
if part components; then
    echo "==> idle surface components: resident memory and CPU over ${IDLE_SECONDS}s, refresh 5s, 10 stacks"
    dotnet artifacts/bench-drift-latency/DriftLatency.dll idle "$IDLE_SECONDS" 10 5
fi
part daemon || exit 0

echo "==> idle daemon: resident memory and CPU over ${IDLE_SECONDS}s, poll 5s, 10 stacks"
# The daemon as it ships (packaging/build.sh): Release, NativeAOT, with the project's runtime settings.
# PUBLISH=0 measures the build published last (runtime settings tried as DOTNET_* variables over the same files).
# BUILD=r2r measures the ReadyToRun build instead (the JIT runtime, assemblies precompiled), into its own directory.
out=artifacts/gitops-agent-linux-x64
publish=(dotnet publish src/Daemon -c Release -r linux-x64 --self-contained --nologo -v quiet -p:TreatWarningsAsErrors=false)
if [ "${BUILD:-}" = r2r ]; then
    out=artifacts/gitops-agent-linux-x64-r2r
    publish+=(-p:PublishAot=false)
fi
if [ "${PUBLISH:-1}" != 0 ]; then
    "${publish[@]}" -o "$out" >/dev/null
fi
agent=("$out/gitops-agent")
if ! "${agent[@]}" --help | grep -qE '^  run '; then
    echo "skipped: this build of gitops-agent has no 'run' verb (the daemon host); nothing measured"
    exit 0
fi

work=$(mktemp -d /tmp/idle-bench.XXXXXX)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
mkdir -p "$work/repo"
printf 'hosts:\n  idle-bench: {}\n' >"$work/repo/inventory.yaml"
for i in $(seq -w 1 10); do
    mkdir -p "$work/repo/stacks/idle-$i"
    printf 'targets: [idle-bench]\n' >"$work/repo/stacks/idle-$i/stack.yaml"
    printf 'services:\n  web:\n    image: 127.0.0.1:5000/demo/web:v1\n' >"$work/repo/stacks/idle-$i/compose.yaml"
done
git -C "$work/repo" init -q -b main
git -C "$work/repo" add -A
git -C "$work/repo" -c user.name=bench -c user.email=bench@localhost commit -qm "10 idle stacks"

cleanup() {
    [ -n "${pid:-}" ] && kill "$pid" 2>/dev/null || true
    for i in $(seq -w 1 10); do
        docker ps -aq --filter "label=com.docker.compose.project=idle-$i" | xargs -r docker rm -f >/dev/null
        docker network rm "idle-${i}_default" >/dev/null 2>&1 || true
    done
    rm -rf "$work"
}
trap cleanup EXIT

GITOPS_AGENT_HOST=idle-bench GITOPS_AGENT_REPO_URL="file://$work/repo" GITOPS_AGENT_POLL_INTERVAL=5s \
GITOPS_AGENT_STATE_DIR="$work/state" GITOPS_AGENT_HTTP_LISTEN="127.0.0.1:$port" GITOPS_AGENT_LOG_LEVEL=warning \
    "${agent[@]}" run >"$work/agent.log" 2>&1 &
pid=$!

# Bounded wait for the first report with the 10 stacks in sync.
for _ in $(seq 1 300); do
    if curl -fs "http://127.0.0.1:$port/status" 2>/dev/null | grep -q '^  "status": "inSync"'; then break; fi
    kill -0 "$pid" 2>/dev/null || { echo "the daemon exited:"; cat "$work/agent.log"; exit 1; }
    sleep 1
done

ticks=$(getconf CLK_TCK)
cpu() { awk '{print $14 + $15}' "/proc/$pid/stat"; }
rss() { awk '/^VmRSS/ {print $2}' "/proc/$pid/status"; }
start_cpu=$(cpu); start=$(date +%s.%N); max_rss=0; sum_rss=0; n=0
while :; do
    now=$(date +%s.%N)
    awk -v a="$now" -v b="$start" -v d="$IDLE_SECONDS" 'BEGIN { exit !(a - b < d) }' || break
    r=$(rss); sum_rss=$((sum_rss + r)); n=$((n + 1)); [ "$r" -gt "$max_rss" ] && max_rss=$r
    sleep 5
done
end_cpu=$(cpu); end=$(date +%s.%N)
awk -v c=$((end_cpu - start_cpu)) -v t="$ticks" -v a="$start" -v b="$end" -v m="$max_rss" -v s="$sum_rss" -v n="$n" \
    'BEGIN { printf "idle %.0fs: cpu %.2f%% of one core, rss avg %.1f MiB, max %.1f MiB\n", b - a, 100 * c / t / (b - a), s / n / 1024, m / 1024 }'

# Where the resident memory is at the end: resident KiB per mapping (a file, the runtime's double-mapped code and
# loader heaps, or anonymous memory: the GC heap, native heaps, stacks), largest first.
echo "resident memory by mapping (MiB):"
awk '/^[0-9a-f]+-[0-9a-f]+ / { name = (NF >= 6) ? $6 : "[anonymous " $2 "]"; sub(/.*\//, "", name); if (name ~ /doublemapper/) name = "[code and loader heaps (double-mapped)]" }
     /^Rss:/ { rss[name] += $2 }
     END { for (n in rss) printf "%8.1f  %s\n", rss[n] / 1024, n }' "/proc/$pid/smaps" | sort -rn | head -15
dlls=$(awk '$6 ~ /\.dll$/ {print $6}' "/proc/$pid/maps" | sort -u)
echo "assemblies mapped: $(grep -c . <<<"$dlls")"
# The heavy ones that only some hosts need (tasks, S3 model sources, a fleet store): mapped or not.
echo "of which optional: $(grep -oE '(Quartz|AWSSDK[.A-Za-z]*|Npgsql|BouncyCastle[.A-Za-z]*)\.dll$' <<<"$dlls" | tr '\n' ' ' || true)"
