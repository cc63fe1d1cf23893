#!/usr/bin/env bash
# The main job: prepares this host (Docker engine, local registry on 127.0.0.1:5000, demo
# images), then has gitops-agent converge the `demo` host of examples/repo-layout and
# print the plan and the result. Idempotent; run as root on a Debian host with the .NET SDK.
#
#   bash scripts/demo.sh            one-shot plan + sync, then prints how to run the daemon
#   bash scripts/demo.sh --daemon   puts examples/repo-layout in a local git repository and
#                                   runs `gitops-agent run` against it in the foreground (Ctrl-C stops)
set -euo pipefail
cd "$(dirname "$0")/.."

mode=oneshot
case "${1:-}" in
    "") ;;
    --daemon) mode=daemon ;;
    *) echo "usage: bash scripts/demo.sh [--daemon]" >&2; exit 64 ;;
esac

bash scripts/test-env.sh

# The model files of examples/repo-layout/models/ocr-layout-demo.yaml, served on loopback.
if ! wget -q -O /dev/null http://127.0.0.1:8089/ocr-layout/3.1.0/vocab.json 2>/dev/null; then
    echo "==> serving examples/model-server on 127.0.0.1:8089"
    setsid busybox httpd -p 127.0.0.1:8089 -h "$PWD/examples/model-server" </dev/null >/dev/null 2>&1 &
fi

echo "==> building gitops-agent"
dotnet build src/Daemon --nologo -v quiet -o artifacts/gitops-agent
agent=(dotnet artifacts/gitops-agent/gitops-agent.dll)
state_dir=${GITOPS_AGENT_STATE_DIR:-/var/tmp/gitops-agent-demo}

bare="$state_dir/config.git"
work="$state_dir/work"
mkdir -p "$state_dir"

# The demo host's age key, which decrypts stacks/chatbot/secrets.env of the example. It is the DEMO-ONLY key
# committed as examples/demo-only-age.key (public, never for real secrets), installed where this agent.yaml says
# the key is, readable by the agent's account only, as the agent requires.
install -m 0400 -o "$(id -u)" -g "$(id -g)" examples/demo-only-age.key "$state_dir/age.key"

# The webhook secret authenticates POST /reconcile and POST /tasks/NAME/run (what 'task run' uses).
if [ ! -s "$state_dir/webhook-secret" ]; then
    (umask 077; od -An -N16 -tx1 /dev/urandom | tr -d ' \n' > "$state_dir/webhook-secret")
fi
config_before_secrets="host: demo
repo:
  url: file://$bare
  ref: { branch: main }
pollInterval: 5s
stateDir: $state_dir
http:
  webhookSecretFile: $state_dir/webhook-secret
$(grep -v '^#' examples/host-policy.yaml)"
config="$config_before_secrets
secrets:
  ageKeyFile: $state_dir/age.key"
# An agent.yaml the user edited is theirs: it is kept, never overwritten (one the demo wrote before it had a
# key is brought up to date).
if [ ! -e "$state_dir/agent.yaml" ] || [ "$(cat "$state_dir/agent.yaml")" = "$config_before_secrets" ]; then
    printf '%s\n' "$config" > "$state_dir/agent.yaml"
elif [ "$(cat "$state_dir/agent.yaml")" != "$config" ]; then
    echo "==> keeping your edited $state_dir/agent.yaml (remove it to start from the demo's)"
fi

if [ "$mode" = daemon ]; then
    if [ ! -d "$bare" ]; then
        echo "==> creating the config repository $bare from examples/repo-layout"
        git init -q --bare --initial-branch main "$bare"
        rm -rf "$work"
        git init -q --initial-branch main "$work"
        cp -a examples/repo-layout/. "$work/"
        git -C "$work" add -A
        git -C "$work" -c user.name=demo -c user.email=demo@localhost commit -q -m "Fleet config from examples/repo-layout"
        git -C "$work" remote add origin "$bare"
        git -C "$work" push -q origin HEAD:main
    fi
    cat <<NEXT

==> running the daemon against $bare (Ctrl-C stops it)
In another terminal, deploy by commit:
  cd $work
  sed -i '/^  demo:/,\$ s/OCR_TAG: 1.4.2/OCR_TAG: 1.4.3/' inventory.yaml
  git -c user.name=you -c user.email=you@localhost commit -qam "ocr 1.4.3 on demo" && git push -q origin HEAD:main
and watch the host converge within seconds:
  watch docker ps --filter label=com.docker.compose.project=ocr
  wget -q -O- http://127.0.0.1:8080/    # answers with the new version
and look at the host's scheduled tasks, run one now and read what it printed:
  dotnet artifacts/gitops-agent/gitops-agent.dll tasks --config $state_dir/agent.yaml
  dotnet artifacts/gitops-agent/gitops-agent.dll task run ocr-housekeeping --wait --config $state_dir/agent.yaml
  dotnet artifacts/gitops-agent/gitops-agent.dll task logs ocr-housekeeping --config $state_dir/agent.yaml

NEXT
    exec "${agent[@]}" run --config "$state_dir/agent.yaml"
fi

echo "==> validating examples/repo-layout, and for host demo against its host policy, decrypting with its key"
"${agent[@]}" validate examples/repo-layout
"${agent[@]}" validate examples/repo-layout --host demo --policy examples/host-policy.yaml --config "$state_dir/agent.yaml"

echo "==> plan for host demo"
set +e
"${agent[@]}" plan examples/repo-layout --host demo --config "$state_dir/agent.yaml"
code=$?
set -e
[ "$code" -le 2 ] || exit "$code"

echo "==> sync host demo"
"${agent[@]}" sync examples/repo-layout --host demo --config "$state_dir/agent.yaml"

echo "==> a second sync changes nothing"
"${agent[@]}" sync examples/repo-layout --host demo --config "$state_dir/agent.yaml"

cat <<'NEXT'

The demo host now runs stacks ocr and chatbot from examples/repo-layout:
  docker ps --filter label=com.docker.compose.project=ocr
  wget -q -O- http://127.0.0.1:8080/    # the OCR api answers with its version
Edit a tag (e.g. OCR_TAG: 1.4.3 under hosts.demo.vars in inventory.yaml) and run
  dotnet artifacts/gitops-agent/gitops-agent.dll sync examples/repo-layout --host demo --config /var/tmp/gitops-agent-demo/agent.yaml
to see only the changed services replaced.

To run the daemon instead (it polls a local git repository made from examples/repo-layout
and converges on every commit):
  bash scripts/demo.sh --daemon
NEXT
