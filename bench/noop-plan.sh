#!/usr/bin/env bash
# Side by side, in one run: a whole-process `gitops-agent plan` of STACKS single-service stacks that are in sync
# (process start, load the repository, read the engine, diff, print) against `docker-compose up -d` of the same
# stacks with nothing to do, once per stack as people script it. Also times `gitops-agent validate` of the example
# repository, the start-up figure that must not get slower. Not a test; prints a markdown table of wall times.
# Needs the test environment (scripts/test-env.sh). STACKS=20 ROUNDS=7 by default.
set -euo pipefail
cd "$(dirname "$0")/.."
STACKS=${STACKS:-20}
ROUNDS=${ROUNDS:-7}
OUT=${OUT:-artifacts/bench-noop}
work=$(mktemp -d /var/tmp/gitops-noop.XXXXXX)
host=noop-$$
trap 'cleanup' EXIT

agent_down() { "${agent[@]}" sync "$work/empty" --host "$host" --state-dir "$work/state" >/dev/null 2>&1 || true; }
compose_down() {
  for i in $(seq 1 "$STACKS"); do
    docker-compose -p "dc-$host-$i" -f "$work/compose/s$i/compose.yaml" down >/dev/null 2>&1 || true
  done
}
cleanup() { agent_down; compose_down; rm -rf "$work"; }

dotnet build src/Daemon --nologo -v quiet -o "$OUT" >/dev/null
agent=(dotnet "$OUT/gitops-agent.dll")

mkdir -p "$work/repo/stacks" "$work/compose" "$work/empty/stacks"
printf 'hosts:\n  %s: {}\n' "$host" > "$work/repo/inventory.yaml"
printf 'hosts:\n  %s: {}\npolicy:\n  allowRemoveAllStacks: true\n' "$host" > "$work/empty/inventory.yaml"
for i in $(seq 1 "$STACKS"); do
  mkdir -p "$work/repo/stacks/$host-$i" "$work/compose/s$i"
  cat > "$work/compose/s$i/compose.yaml" <<YAML
services:
  web:
    image: 127.0.0.1:5000/demo/web:v1
    restart: unless-stopped
    environment:
      STACK: "s$i"
YAML
  cp "$work/compose/s$i/compose.yaml" "$work/repo/stacks/$host-$i/compose.yaml"
  printf 'targets: [%s]\n' "$host" > "$work/repo/stacks/$host-$i/stack.yaml"
done
docker pull -q 127.0.0.1:5000/demo/web:v1 >/dev/null

seconds() { awk -v s="$1" -v e="$(date +%s%N)" 'BEGIN { printf "%.3f\n", (e - s) / 1e9 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", a / b }'; }
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }

# plan exits 0 when there is nothing to do; anything else means the stacks are not in sync (or it failed).
agent_plan() { "${agent[@]}" plan "$work/repo" --host "$host" --state-dir "$work/state" "$@" >"$work/plan.out" 2>&1 || { cat "$work/plan.out" >&2; return 1; }; }
compose_up() {
  for i in $(seq 1 "$STACKS"); do
    docker-compose -p "dc-$host-$i" -f "$work/compose/s$i/compose.yaml" up -d >"$work/compose.log" 2>&1 \
      || { cat "$work/compose.log" >&2; return 1; }
  done
}

validate=$(for r in $(seq 1 "$ROUNDS"); do t=$(date +%s%N); "${agent[@]}" validate examples/repo-layout >/dev/null; seconds "$t"; done | median)

# One tool's stacks at a time (the engine's default address pools hold about 30 bridge networks).
"${agent[@]}" sync "$work/repo" --host "$host" --state-dir "$work/state" >"$work/sync.log" 2>&1 || { cat "$work/sync.log" >&2; exit 1; }
agent_plan >/dev/null  # a first run warms the disk cache, as for docker-compose below
plan=$(for r in $(seq 1 "$ROUNDS"); do t=$(date +%s%N); agent_plan; seconds "$t"; done | median)
plan_json=$(for r in $(seq 1 "$ROUNDS"); do t=$(date +%s%N); agent_plan --json; seconds "$t"; done | median)
agent_down
compose_up
compose=$(for r in $(seq 1 "$ROUNDS"); do t=$(date +%s%N); compose_up; seconds "$t"; done | median)

echo "| $STACKS stacks in sync, 1 service each (median of $ROUNDS) | wall time | ratio (docker-compose / this) |"
echo "| --- | --- | --- |"
echo "| docker-compose up -d, once per stack | ${compose}s | 1.0x |"
echo "| gitops-agent plan | ${plan}s | $(ratio "$compose" "$plan")x |"
echo "| gitops-agent plan --json | ${plan_json}s | $(ratio "$compose" "$plan_json")x |"
echo "| gitops-agent validate examples/repo-layout (start-up) | ${validate}s | |"
