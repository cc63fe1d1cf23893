#!/usr/bin/env bash
# Checks a NativeAOT build of gitops-agent against the shipped ReadyToRun build on the same engine: what one build
# converged, the other must plan as nothing to do (the config-hash labels, the desired state and the probe agree), in
# both directions. Not part of the test command yet: the shipped build is ReadyToRun (docs/benchmarks.md, "NativeAOT").
# Needs clang for the native publish, the test environment (scripts/test-env.sh), root.
# Usage: packaging/aot-check.sh     (PUBLISH=0 reuses the builds in artifacts/)
set -euo pipefail
cd "$(dirname "$0")/.."
jit=artifacts/gitops-agent-linux-x64
aot=artifacts/gitops-agent-linux-x64-aot
bash scripts/test-env.sh >/dev/null
if [ "${PUBLISH:-1}" != 0 ]; then
    echo "aot-check: publishing the shipped build and a NativeAOT build"
    dotnet publish src/Daemon -c Release -r linux-x64 --self-contained --nologo -v quiet -o "$jit" >/dev/null
    dotnet publish src/Daemon -c Release -r linux-x64 --self-contained --nologo -v quiet -p:PublishAot=true -o "$aot" >/dev/null
fi

work=$(mktemp -d /tmp/aot-check.XXXXXX)
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
converged "$work/sync-jit.json" "the ReadyToRun build's sync"
nothing_to_do "$aot" "what the ReadyToRun build converged, the NativeAOT build plans as nothing to do"
web v2 >"$repo/stacks/$host-web/compose.yaml"
commit "web v2"
run "$aot" sync --json >"$work/sync-aot.json"
converged "$work/sync-aot.json" "the NativeAOT build's sync of web v2"
nothing_to_do "$jit" "what the NativeAOT build converged, the ReadyToRun build plans as nothing to do"
run "$jit" drift --json | python3 -c 'import json,sys; r=json.load(sys.stdin); [r.pop(k, None) for k in ("generatedAt",)]; print(json.dumps(r, sort_keys=True))' >"$work/drift-jit.json"
run "$aot" drift --json | python3 -c 'import json,sys; r=json.load(sys.stdin); [r.pop(k, None) for k in ("generatedAt",)]; print(json.dumps(r, sort_keys=True))' >"$work/drift-aot.json"
if ! cmp -s "$work/drift-jit.json" "$work/drift-aot.json"; then
    echo "aot-check: FAILED: drift --json differs between the builds" >&2
    diff "$work/drift-jit.json" "$work/drift-aot.json" >&2 || true
    exit 1
fi
echo "aot-check: drift --json is the same from both builds"
echo "aot-check: passed"
