#!/usr/bin/env bash
# Side-by-side: first deploy and no-op converge of the same 20 single-service stacks by
# `gitops-agent sync` (one run for all stacks) and by docker-compose v1 (`up -d` per stack).
# PARALLEL="2 4 8 16" adds one agent first deploy per bound on parallel stacks.
# SHAPE=chain: stacks of 4 services, each depending on the one before (d -> c -> b -> a), STACKS=5 by default.
# Needs the test environment (scripts/test-env.sh). Prints a markdown table of wall times.
set -euo pipefail
cd "$(dirname "$0")/.."
SHAPE=${SHAPE:-single}
if [ "$SHAPE" = chain ]; then STACKS=${STACKS:-5}; else STACKS=${STACKS:-20}; fi
ROUNDS=${ROUNDS:-5}
work=$(mktemp -d /var/tmp/gitops-bench.XXXXXX)
host=bench-$$
trap 'cleanup' EXIT

agent_down() { dotnet artifacts/bench/gitops-agent.dll sync "$work/empty" --host "$host" --state-dir "$work/state" >/dev/null 2>&1 || true; }
compose_down() {
  for i in $(seq 1 "$STACKS"); do
    docker-compose -p "dc-$host-$i" -f "$work/compose/s$i/compose.yaml" down >/dev/null 2>&1 || true
  done
}
cleanup() { agent_down; compose_down; rm -rf "$work"; }

dotnet build src/Daemon --nologo -v quiet -o artifacts/bench >/dev/null
agent=(dotnet artifacts/bench/gitops-agent.dll)

# One config repo with $STACKS stacks for the agent, and the same compose files for docker-compose.
mkdir -p "$work/repo/stacks" "$work/compose" "$work/empty/stacks"
printf 'hosts:\n  %s: {}\n' "$host" > "$work/repo/inventory.yaml"
printf 'hosts:\n  %s: {}\npolicy:\n  allowRemoveAllStacks: true\n' "$host" > "$work/empty/inventory.yaml"
for i in $(seq 1 "$STACKS"); do
  mkdir -p "$work/repo/stacks/b$i" "$work/compose/s$i"
  if [ "$SHAPE" = chain ]; then
    {
      echo "services:"
      prev=""
      for svc in a b c d; do
        printf '  %s:\n    image: 127.0.0.1:5000/demo/web:v1\n    restart: unless-stopped\n    environment:\n      STACK: "s%s"\n' "$svc" "$i"
        [ -n "$prev" ] && printf '    depends_on: [%s]\n' "$prev"
        prev=$svc
      done
    } > "$work/compose/s$i/compose.yaml"
  else
    cat > "$work/compose/s$i/compose.yaml" <<YAML
services:
  web:
    image: 127.0.0.1:5000/demo/web:v1
    restart: unless-stopped
    environment:
      STACK: "s$i"
YAML
  fi
  cp "$work/compose/s$i/compose.yaml" "$work/repo/stacks/b$i/compose.yaml"
  printf 'targets: [%s]\n' "$host" > "$work/repo/stacks/b$i/stack.yaml"
done
docker pull -q 127.0.0.1:5000/demo/web:v1 >/dev/null

seconds() { awk -v s="$1" -v e="$(date +%s%N)" 'BEGIN { printf "%.3f\n", (e - s) / 1e9 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", a / b }'; }
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }

agent_sync() { "${agent[@]}" sync "$work/repo" --host "$host" --state-dir "$work/state" >"$work/agent.log" 2>&1 || { cat "$work/agent.log" >&2; return 1; }; }
compose_up() {
  for i in $(seq 1 "$STACKS"); do
    docker-compose -p "dc-$host-$i" -f "$work/compose/s$i/compose.yaml" up -d >"$work/compose.log" 2>&1 \
      || { cat "$work/compose.log" >&2; return 1; }
  done
}

# One tool at a time (each stack has its own network, and the engine's default address pools hold about
# 30 bridge networks), both in this one run.
# PARALLEL="2 4 8 16": one agent first deploy per bound on parallel stacks (parallelStacks), then the default's.
declare -A agent_first_at=()
for p in ${PARALLEL:-}; do
  t=$(date +%s%N); GITOPS_AGENT_PARALLEL_STACKS=$p agent_sync; agent_first_at[$p]=$(seconds "$t"); agent_down
done
t=$(date +%s%N); agent_sync; agent_first=$(seconds "$t")
agent_noop=$(for r in $(seq 1 "$ROUNDS"); do t=$(date +%s%N); agent_sync; seconds "$t"; done | median)
agent_down
t=$(date +%s%N); compose_up; compose_first=$(seconds "$t")
compose_noop=$(for r in $(seq 1 "$ROUNDS"); do t=$(date +%s%N); compose_up; seconds "$t"; done | median)

shape=$([ "$SHAPE" = chain ] && echo "4 services each, depends_on chain" || echo "1 service each")
echo "| $STACKS stacks, $shape | gitops-agent sync | docker-compose up -d per stack | ratio (compose / agent) |"
echo "| --- | --- | --- | --- |"
echo "| first deploy | ${agent_first}s | ${compose_first}s | $(ratio "$compose_first" "$agent_first")x |"
for p in ${PARALLEL:-}; do
  echo "| first deploy, parallelStacks: $p | ${agent_first_at[$p]}s | ${compose_first}s | $(ratio "$compose_first" "${agent_first_at[$p]}")x |"
done
echo "| no-op converge (median of $ROUNDS) | ${agent_noop}s | ${compose_noop}s | $(ratio "$compose_noop" "$agent_noop")x |"
