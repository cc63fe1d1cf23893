#!/usr/bin/env bash
# The main job: prepares this host (Docker engine, local registry on 127.0.0.1:5000, demo
# images), then has gitops-agent converge the `demo` host of examples/repo-layout and
# print the plan and the result. Idempotent; run as root on a Debian host with the .NET SDK.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/test-env.sh

echo "==> building gitops-agent"
dotnet build src/Daemon --nologo -v quiet -o artifacts/gitops-agent
agent=(dotnet artifacts/gitops-agent/gitops-agent.dll)
state_dir=${GITOPS_AGENT_STATE_DIR:-/var/tmp/gitops-agent-demo}

echo "==> validating examples/repo-layout"
"${agent[@]}" validate examples/repo-layout

echo "==> plan for host demo"
set +e
"${agent[@]}" plan examples/repo-layout --host demo --state-dir "$state_dir"
code=$?
set -e
[ "$code" -le 2 ] || exit "$code"

echo "==> sync host demo"
"${agent[@]}" sync examples/repo-layout --host demo --state-dir "$state_dir"

echo "==> a second sync changes nothing"
"${agent[@]}" sync examples/repo-layout --host demo --state-dir "$state_dir"

cat <<'NEXT'

The demo host now runs stacks ocr and chatbot from examples/repo-layout:
  docker ps --filter label=com.docker.compose.project=ocr
  wget -q -O- http://127.0.0.1:8080/    # the OCR api answers with its version
Edit a tag (e.g. OCR_TAG: 1.4.3 under hosts.demo.vars in inventory.yaml) and run
  dotnet artifacts/gitops-agent/gitops-agent.dll sync examples/repo-layout --host demo --state-dir /var/tmp/gitops-agent-demo
to see only the changed services replaced.
NEXT
