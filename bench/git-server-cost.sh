#!/usr/bin/env bash
# What the agents' polls cost a git server: COUNT ref listings (the agent's ls-remote through libgit2, what every pass
# asks) against `git daemon` (git://) and against `git http-backend` behind lighttpd (smart HTTP), both on loopback, one
# after the other in this one run. The server's CPU is read from /proc: the server process's own time plus that of the
# children it reaped (git daemon forks one per connection, lighttpd runs the CGI per request). Not a test.
# Needs git and lighttpd (apt-get install lighttpd). COUNT=1000 by default; every loop is bounded in count and time.
set -euo pipefail
cd "$(dirname "$0")/.."
COUNT=${COUNT:-1000}
STACKS=${STACKS:-20}
OUT=${OUT:-artifacts/bench-noop-pass}
work=$(mktemp -d /var/tmp/gitops-gitcost.XXXXXX)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT

command -v lighttpd >/dev/null || { echo "lighttpd is not installed (apt-get install lighttpd)" >&2; exit 1; }
dotnet build bench/NoOpPass --nologo -v quiet -o "$OUT" >/dev/null

# A config repository like the benches' (STACKS stacks), a few refs, served bare.
mkdir -p "$work/src/stacks"
printf 'hosts:\n  bench: {}\n' >"$work/src/inventory.yaml"
for i in $(seq 1 "$STACKS"); do
  mkdir -p "$work/src/stacks/s$i"
  printf 'targets: [bench]\n' >"$work/src/stacks/s$i/stack.yaml"
  printf 'services:\n  web:\n    image: 127.0.0.1:5000/demo/web:v1\n' >"$work/src/stacks/s$i/compose.yaml"
done
git -C "$work/src" init -q -b main
git -C "$work/src" add -A
git -C "$work/src" -c user.name=bench -c user.email=bench@localhost commit -qm "$STACKS stacks"
mkdir -p "$work/serve"
git clone -q --bare "$work/src" "$work/serve/fleet.git"

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_port() { for _ in $(seq 1 100); do (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0; sleep 0.1; done; echo "port $1 never opened" >&2; return 1; }
# CPU ticks of a server: its own user+system time and its reaped children's.
ticks() { awk '{print $14 + $15 + $16 + $17}' "/proc/$1/stat"; }
hz=$(getconf CLK_TCK)

measure() { # name pid url
  local name=$1 pid=$2 url=$3 before after wall started
  before=$(ticks "$pid")
  started=$(date +%s%N)
  timeout 600 dotnet "$OUT/NoOpPass.dll" ls-remote "$url" "$COUNT" >"$work/client.out"
  wall=$(awk -v s="$started" -v e="$(date +%s%N)" 'BEGIN { printf "%.1f", (e - s) / 1e9 }')
  sleep 0.5  # the last children reaped
  after=$(ticks "$pid")
  awk -v n="$name" -v c=$((after - before)) -v hz="$hz" -v count="$COUNT" -v wall="$wall" 'BEGIN {
    per = c / hz / count;              # server CPU seconds per listing
    printf "| %s | %d | %.2f s | %.2f ms | %.0f | %.0f |\n", n, count, c / hz, per * 1000, (per > 0 ? 30 / per : 0), (per > 0 ? 30 / per / 2 : 0) }'
  cat "$work/client.out" >&2
}

echo "| transport | ref listings | server CPU (user + system, children included) | per listing | agents at a 30 s poll per core (100%) | at 50% of one core |"
echo "| --- | --- | --- | --- | --- | --- |"

gport=$(free_port)
# git-daemon itself (not the `git` wrapper, which would count its children only when it exits).
"$(git --exec-path)/git-daemon" --export-all --reuseaddr --base-path="$work/serve" --listen=127.0.0.1 --port="$gport" "$work/serve" 2>"$work/daemon.log" &
pids+=($!); gpid=$!
wait_port "$gport"
measure "git:// (git daemon)" "$gpid" "git://127.0.0.1:$gport/fleet.git"

hport=$(free_port)
cat >"$work/lighttpd.conf" <<CONF
server.document-root = "$work/serve"
server.bind = "127.0.0.1"
server.port = $hport
server.modules = ("mod_alias", "mod_cgi", "mod_setenv", "mod_accesslog")
accesslog.filename = "$work/access.log"
alias.url = ("/git/" => "$(git --exec-path)/git-http-backend/")
\$HTTP["url"] =~ "^/git/" {
  cgi.assign = ("" => "")
  setenv.add-environment = ("GIT_PROJECT_ROOT" => "$work/serve", "GIT_HTTP_EXPORT_ALL" => "1")
}
CONF
lighttpd -D -f "$work/lighttpd.conf" 2>"$work/lighttpd.log" &
pids+=($!); hpid=$!
wait_port "$hport"
measure "smart HTTP (git http-backend, lighttpd CGI)" "$hpid" "http://127.0.0.1:$hport/git/fleet.git"
echo
echo "HTTP requests per listing (lighttpd's access log): $(awk -v n="$COUNT" 'END { printf "%.2f", NR / (n + 1) }' "$work/access.log"); by kind:"
awk '{ print $6, $7 }' "$work/access.log" | sed 's/?.*//' | sort | uniq -c
