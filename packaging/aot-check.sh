#!/usr/bin/env bash
# Checks the native build of gitops-agent (NativeAOT, what packaging/build.sh ships) against the JIT build of the same
# code (what the tests run) on the same engine: what one build converged, the other must plan as nothing to do (the
# config-hash labels, the desired state and the probe agree), in both directions, and drift --json must be the same.
# Needs the test environment (scripts/test-env.sh), root; clang when it publishes the native build itself.
# Usage: packaging/aot-check.sh [NATIVE_DIR]   (a directory with the native gitops-agent, e.g. an unpacked bundle;
#        without it, the native build is published into artifacts/)
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/test-env.sh >/dev/null
aot="${1:-}"
if [ -z "$aot" ]; then
    aot=artifacts/gitops-agent-linux-x64
    echo "aot-check: publishing the native build"
    dotnet publish src/Daemon -c Release -r linux-x64 --self-contained --nologo -v quiet -o "$aot" >/dev/null
fi
[ -x "$aot/gitops-agent" ] || { echo "aot-check: no gitops-agent in $aot" >&2; exit 1; }
work=$(mktemp -d /tmp/aot-check.XXXXXX)
jit="$work/jit"
host="aotcheck-$(head -c3 /dev/urandom | od -An -tx1 | tr -d ' \n')"
cleanup() {
    for stack in "$host-web" "$host-pair"; do
        docker ps -aq --filter "label=com.docker.compose.project=$stack" | xargs -r docker rm -f >/dev/null
        docker network ls -q --filter "label=com.docker.compose.project=$stack" | xargs -r docker network rm >/dev/null
        docker volume ls -q --filter "label=com.docker.compose.project=$stack" | xargs -r docker volume rm >/dev/null
    done
    rm -rf "$work"
}
trap cleanup EXIT
echo "aot-check: building the JIT build"
dotnet build src/Daemon --nologo -v quiet -o "$jit" >/dev/null

# Two stacks that set many service fields, so the config hash covers more than an image.
repo="$work/repo"
mkdir -p "$repo/stacks/$host-web" "$repo/stacks/$host-pair"
printf 'hosts:\n  %s: {}\n' "$host" >"$repo/inventory.yaml"
printf 'targets: [%s]\n' "$host" | tee "$repo/stacks/$host-web/stack.yaml" >"$repo/stacks/$host-pair/stack.yaml"
web() {
    cat <<YAML
services:
  web:
    image: 127.0.0.1:5000/demo/web:$1
    environment:
      GREETING: "hello, \"world\" <&>"
      EMPTY: ""
    labels:
      tier: front
    healthcheck:
      test: ["CMD", "wget", "-q", "-O-", "http://127.0.0.1:8080/healthz"]
      interval: 1s
      timeout: 2s
      retries: 3
    deploy:
      update_config:
        order: start-first
    stop_grace_period: 2s
YAML
}
web v1 >"$repo/stacks/$host-web/compose.yaml"
cat >"$repo/stacks/$host-pair/compose.yaml" <<YAML
services:
  db:
    image: 127.0.0.1:5000/demo/web:v1
    volumes:
      - data:/data
    restart: unless-stopped
  api:
    image: 127.0.0.1:5000/demo/web:v2
    depends_on:
      db:
        condition: service_started
    command: ["httpd", "-f", "-p", "8081"]
    tmpfs: [/scratch]
    ulimits:
      nofile: {soft: 1024, hard: 2048}
volumes:
  data: {}
YAML
git -C "$repo" init -q -b main
commit() { git -C "$repo" add -A && git -C "$repo" -c user.name=check -c user.email=check@localhost commit -qm "$1"; }
commit "two stacks"
cat >"$work/agent.yaml" <<YAML
host: $host
repo:
  url: file://$repo
stateDir: $work/state
policy:
  profile: privileged
YAML

run() { "$1/gitops-agent" "${@:2}" --config "$work/agent.yaml"; }
nothing_to_do() {
    local build=$1 status=0
    run "$build" plan --json >"$work/plan.json" 2>"$work/plan.err" || status=$?
    if [ "$status" -ne 0 ]; then
        echo "aot-check: FAILED: $2 (plan exit $status)" >&2
        cat "$work/plan.json" "$work/plan.err" >&2
        exit 1
    fi
    echo "aot-check: $2"
}

converged() {
    python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); sys.exit(0 if r.get("status") == "Converged" else 1)' "$1" \
        || { echo "aot-check: FAILED: $2 did not converge:" >&2; cat "$1" >&2; exit 1; }
}
run "$jit" sync --json >"$work/sync-jit.json"
converged "$work/sync-jit.json" "the JIT build's sync"
nothing_to_do "$aot" "what the JIT build converged, the native build plans as nothing to do"
web v2 >"$repo/stacks/$host-web/compose.yaml"
commit "web v2"
run "$aot" sync --json >"$work/sync-aot.json"
converged "$work/sync-aot.json" "the native build's sync of web v2"
nothing_to_do "$jit" "what the native build converged, the JIT build plans as nothing to do"
run "$jit" drift --json | python3 -c 'import json,sys; r=json.load(sys.stdin); [r.pop(k, None) for k in ("generatedAt",)]; print(json.dumps(r, sort_keys=True))' >"$work/drift-jit.json"
run "$aot" drift --json | python3 -c 'import json,sys; r=json.load(sys.stdin); [r.pop(k, None) for k in ("generatedAt",)]; print(json.dumps(r, sort_keys=True))' >"$work/drift-aot.json"
if ! cmp -s "$work/drift-jit.json" "$work/drift-aot.json"; then
    echo "aot-check: FAILED: drift --json differs between the builds" >&2
    diff "$work/drift-jit.json" "$work/drift-aot.json" >&2 || true
    exit 1
fi
echo "aot-check: drift --json is the same from both builds"
echo "aot-check: passed"
