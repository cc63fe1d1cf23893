#!/usr/bin/env bash
# The daemon's no-op pass on STACKS single-service stacks that are in sync: git unchanged (file:// repository), host
# in sync. Deploys the stacks with `gitops-agent sync`, then runs the daemon as `run` builds it (bench/NoOpPass) and
# times PASSES passes through its own loop: the whole pass, its ls-remote, the process's CPU time, bytes allocated and
# engine calls; prints the reconcile-duration histogram from its /metrics. Not a test.
# Needs the test environment (scripts/test-env.sh). STACKS=20 PASSES=200 by default.
set -euo pipefail
cd "$(dirname "$0")/.."
STACKS=${STACKS:-20}
PASSES=${PASSES:-200}
work=$(mktemp -d /var/tmp/gitops-noop-pass.XXXXXX)
host=noop-pass-$$
agent=(dotnet artifacts/bench-noop/gitops-agent.dll)
cleanup() { "${agent[@]}" sync "$work/empty" --host "$host" --state-dir "$work/state" >/dev/null 2>&1 || true; rm -rf "$work"; }
trap cleanup EXIT

dotnet build src/Daemon --nologo -v quiet -o artifacts/bench-noop >/dev/null
dotnet build bench/NoOpPass --nologo -v quiet -o artifacts/bench-noop-pass >/dev/null

mkdir -p "$work/repo/stacks" "$work/empty/stacks"
printf 'hosts:\n  %s: {}\n' "$host" >"$work/repo/inventory.yaml"
printf 'hosts:\n  %s: {}\npolicy:\n  allowRemoveAllStacks: true\n' "$host" >"$work/empty/inventory.yaml"
for i in $(seq 1 "$STACKS"); do
  mkdir -p "$work/repo/stacks/$host-$i"
  printf 'targets: [%s]\n' "$host" >"$work/repo/stacks/$host-$i/stack.yaml"
  printf 'services:\n  web:\n    image: 127.0.0.1:5000/demo/web:v1\n    restart: unless-stopped\n    environment:\n      STACK: "s%s"\n' "$i" \
    >"$work/repo/stacks/$host-$i/compose.yaml"
done
git -C "$work/repo" init -q -b main
git -C "$work/repo" add -A
git -C "$work/repo" -c user.name=bench -c user.email=bench@localhost commit -qm "$STACKS stacks"
"${agent[@]}" sync "$work/repo" --host "$host" --state-dir "$work/state" >"$work/sync.log" 2>&1 || { cat "$work/sync.log" >&2; exit 1; }

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
cat >"$work/agent.yaml" <<YAML
host: $host
repo:
  url: file://$work/repo
stateDir: $work/state
http:
  listen: 127.0.0.1:$port
log:
  level: error
policy:
  profile: privileged
YAML
timeout 1200 dotnet artifacts/bench-noop-pass/NoOpPass.dll "$work/agent.yaml" "$PASSES" 20
