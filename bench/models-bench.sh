#!/usr/bin/env bash
# Model downloads and switches of `gitops-agent sync` (not a test). Loopback only.
#
#   bash bench/models-bench.sh [SIZE_MB]     (default 1024; run as root)
#
# A loopback HTTP file server (below, with Range and a one-time drop after N bytes) serves a file of
# SIZE_MB random bytes. Measured, one run each:
#  1. the download of that file by the agent (a model in a config repository, `sync --config`) against
#     `curl -o` of the same file: wall time of each, the agent's hashing included (it hashes while it
#     writes); the agent's time is from its first progress line to its last, so process start, git and
#     the copy into the version directory are left out (the whole sync is shown beside it);
#  2. a switch to a new version (1 MB, already served) with one consumer restarted: wall time of the sync,
#     and of a sync with nothing to do for comparison;
#  3. a download of a new version of SIZE_MB/4 MB cut at 50% by the server: the bytes the server sent in
#     all, against the file's size and against the 1.5x a restart from zero would cost.
set -euo pipefail
cd "$(dirname "$0")/.."
size_mb=${1:-1024}

bash scripts/test-env.sh >/dev/null
dotnet build src/Daemon --nologo -v quiet -o artifacts/gitops-agent >/dev/null
agent=(dotnet artifacts/gitops-agent/gitops-agent.dll)

root=$(mktemp -d /var/tmp/gitops-models-bench.XXXXXX)
id=$(head -c4 /dev/urandom | od -An -tx1 | tr -d ' \n')
host="mbench-$id"
server_pid=
cleanup() {
    [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null || true
    docker ps -aq --filter "label=com.docker.compose.project=$host" | xargs -r docker rm -f >/dev/null
    docker network ls -q --filter "label=com.docker.compose.project=$host" | xargs -r docker network rm >/dev/null
    rm -rf "$root"
}
trap cleanup EXIT

now() { date +%s.%N; }
elapsed() { python3 -c "import sys; print(f'{float(sys.argv[2]) - float(sys.argv[1]):.2f}')" "$1" "$2"; }
ratio() { python3 -c "import sys; print(f'{float(sys.argv[1]) / float(sys.argv[2]):.2f}')" "$1" "$2"; }

# The file server: GET with Range (206), HEAD, a drop of the next GET after N bytes when $root/www/.drop holds N,
# and a log line per GET: "<path> <range or -> <bytes sent>".
cat >"$root/server.py" <<'PY'
import http.server, os, socketserver, sys
root, log = sys.argv[1], sys.argv[2]
class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    def log_message(self, *args):
        pass
    def _file(self):
        path = os.path.join(root, self.path.lstrip("/"))
        return path if os.path.isfile(path) else None
    def do_HEAD(self):
        path = self._file()
        self.send_response(200 if path else 404)
        self.send_header("Content-Length", str(os.path.getsize(path)) if path else "0")
        self.send_header("Connection", "close")
        self.end_headers()
    def do_GET(self):
        path = self._file()
        if not path:
            self.send_response(404); self.send_header("Content-Length", "0"); self.send_header("Connection", "close"); self.end_headers(); return
        size = os.path.getsize(path)
        rng = self.headers.get("Range")
        start = int(rng.split("=")[1].split("-")[0]) if rng else 0
        self.send_response(206 if start else 200)
        if start:
            self.send_header("Content-Range", f"bytes {start}-{size - 1}/{size}")
        self.send_header("Content-Length", str(size - start))
        self.send_header("Connection", "close")
        self.end_headers()
        count = size - start
        drop = os.path.join(root, ".drop")
        if os.path.exists(drop):
            count = min(count, int(open(drop).read()))
            os.remove(drop)
        sent = 0
        with open(path, "rb") as f:
            try:
                while sent < count:
                    n = os.sendfile(self.connection.fileno(), f.fileno(), start + sent, count - sent)
                    if n == 0:
                        break
                    sent += n
            except OSError:
                pass
        with open(log, "a") as l:
            l.write(f"{self.path} {rng or '-'} {sent}\n")
        self.close_connection = True
class Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True
    allow_reuse_address = True
server = Server(("127.0.0.1", 0), Handler)
print(server.server_address[1], flush=True)
server.serve_forever()
PY
mkdir -p "$root/www" "$root/models" "$root/state"
python3 "$root/server.py" "$root/www" "$root/server.log" >"$root/port" &
server_pid=$!
for _ in $(seq 50); do [ -s "$root/port" ] && break; sleep 0.1; done
port=$(cat "$root/port")
url="http://127.0.0.1:$port"

head -c "$((size_mb << 20))" /dev/urandom >"$root/www/big.bin"
head -c "$((1 << 20))" /dev/urandom >"$root/www/small.bin"
head -c "$(((size_mb / 4) << 20))" /dev/urandom >"$root/www/quarter.bin"
sha() { sha256sum "$1" | cut -d' ' -f1; }
big_sha=$(sha "$root/www/big.bin"); small_sha=$(sha "$root/www/small.bin"); quarter_sha=$(sha "$root/www/quarter.bin")

# The config repository: one host, a stack with one service reading the model, the model itself.
git init -q --bare "$root/repo.git"
git clone -q "$root/repo.git" "$root/work" 2>/dev/null
commit() { # $1 file name served, $2 its sha256, $3 version
    mkdir -p "$root/work/stacks/$host" "$root/work/models"
    printf 'hosts:\n  %s: {}\n' "$host" >"$root/work/inventory.yaml"
    printf 'targets: [%s]\n' "$host" >"$root/work/stacks/$host/stack.yaml"
    cat >"$root/work/stacks/$host/compose.yaml" <<YAML
services:
  reader:
    image: 127.0.0.1:5000/demo/web:v1
    volumes:
      - $root/models/m:/model:ro
YAML
    cat >"$root/work/models/m.yaml" <<YAML
targets: [$host]
version: "$3"
insecure: true
files:
  - name: $1
    source: $url/$1
    sha256: $2
path: $root/models/m
consumers: [$host/reader]
YAML
    git -C "$root/work" add -A && git -C "$root/work" -c user.name=bench -c user.email=bench@localhost commit -qm "model $3" && git -C "$root/work" push -q origin HEAD:main 2>/dev/null
}
cat >"$root/agent.yaml" <<YAML
host: $host
repo:
  url: file://$root/repo.git
stateDir: $root/state
models:
  allowedRoots: $root/models
YAML
# Runs a sync, prefixing each output line with the time it arrived; prints the sync's wall time.
sync() {
    local started ended
    started=$(now)
    "${agent[@]}" sync --config "$root/agent.yaml" 2>&1 | while IFS= read -r line; do printf '%s %s\n' "$(now)" "$line"; done >"$root/sync-$1.log"
    ended=$(now)
    elapsed "$started" "$ended"
}

echo "== 1. download of ${size_mb} MB: curl -o against the agent"
started=$(now); curl -s -o "$root/curl.bin" "$url/big.bin"; ended=$(now)
curl_time=$(elapsed "$started" "$ended")
started=$(now); sha256sum "$root/curl.bin" >/dev/null; ended=$(now)
curl_hash=$(elapsed "$started" "$ended")
rm -f "$root/curl.bin"
commit big.bin "$big_sha" 1
sync_time=$(sync big)
lines=$(grep ' downloading ' "$root/sync-big.log" || true)
first=$(echo "$lines" | head -1 | cut -d' ' -f1); last=$(echo "$lines" | tail -1 | cut -d' ' -f1)
agent_time=$(elapsed "$first" "$last")
echo "curl -o:               ${curl_time} s (sha256sum after it: ${curl_hash} s more)"
echo "agent download+hash:   ${agent_time} s (whole sync: ${sync_time} s)"
echo "curl / agent:          $(ratio "$curl_time" "$agent_time") (goal >= 0.9)"

echo "== 2. switch to a new version and restart its consumer"
noop_time=$(sync noop)
commit small.bin "$small_sha" 2
switch_time=$(sync switch)
echo "sync with nothing to do:            ${noop_time} s"
echo "sync switching + restarting reader: ${switch_time} s"

echo "== 3. resume after a drop at 50% ($((size_mb / 4)) MB)"
: >"$root/server.log"
echo "$(((size_mb / 4) << 19))" >"$root/www/.drop"
commit quarter.bin "$quarter_sha" 3
sync resume >/dev/null
served=$(awk '$1 == "/quarter.bin" { s += $3 } END { print s + 0 }' "$root/server.log")
file=$(((size_mb / 4) << 20))
echo "server log: $(cat "$root/server.log" | tr '\n' ';')"
echo "bytes served: $served for a file of $file ($(ratio "$served" "$file")x); a restart from zero: $((file + file / 2)) (1.50x)"
echo "bytes saved by resume: $((file + file / 2 - served))"
[ -e "$root/models/m/quarter.bin" ] && [ "$(sha "$root/models/m/quarter.bin")" = "$quarter_sha" ] && echo "installed and verified"
