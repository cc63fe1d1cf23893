#!/usr/bin/env bash
# Sets up the real, loopback-only test environment: Debian's docker engine, a local registry on
# 127.0.0.1:5000 and the demo images, built offline from busybox-static. Idempotent; run as root.
# Usage: scripts/test-env.sh [--test-tools] [--fresh-images]
#   --test-tools    also the tools only the tests need
#   --fresh-images  remove the demo images from the engine (they stay in the registry), so that a test
#                   which uses an image it did not pull fails on every run, not only on a new machine
# GITOPS_TEST_IMAGE_NAMESPACE (default demo) is the registry namespace of the images, as in the tests.
set -euo pipefail

STATE_DIR="${GITOPS_TEST_STATE_DIR:-/var/tmp/gitops-agent-test}"
REGISTRY="127.0.0.1:5000"
NAMESPACE="${GITOPS_TEST_IMAGE_NAMESPACE:-demo}"
PACKAGES=(docker.io docker-registry busybox-static openssh-server git docker-compose)
# Only the tests need these (the Ansible role is rolled out to this machine; zsh checks the completion
# script; age checks our age files against the reference tool; PostgreSQL is the fleet store of the
# fleet tests; clang and zlib1g-dev link the release package's native build); --test-tools adds them.
TEST_PACKAGES=(ansible-core python3-apt zsh age postgresql clang zlib1g-dev)
FRESH_IMAGES=false
TEST_TOOLS=false
# The S3-compatible server of the model tests (npm's s3rver) on loopback; its default keys are S3RVER/S3RVER.
S3RVER_VERSION=3.7.1
S3RVER_PORT="${GITOPS_TEST_S3_PORT:-4569}"
# The fleet tests' PostgreSQL: a cluster of its own under the state dir, on loopback only, trust auth
# (the tests create their own databases and roles; nothing but this machine can connect).
PG_PORT="${GITOPS_TEST_PG_PORT:-55432}"
PG_DIR="$STATE_DIR/pg"
for arg in "$@"; do
    case "$arg" in
        --test-tools) PACKAGES+=("${TEST_PACKAGES[@]}"); TEST_TOOLS=true ;;
        --fresh-images) FRESH_IMAGES=true ;;
        *) printf 'test-env: error: unknown option %s\n' "$arg" >&2; exit 1 ;;
    esac
done

log() { printf 'test-env: %s\n' "$*"; }
die() { printf 'test-env: error: %s\n' "$*" >&2; exit 1; }

[ "$(id -u)" -eq 0 ] || die "must run as root"
mkdir -p "$STATE_DIR"

# Serialise concurrent runs (several test processes may start at once); daemons started below
# must not inherit the lock descriptor, or they would hold it for ever.
exec 9>"$STATE_DIR/setup.lock"
flock 9

install_packages() {
    local missing=()
    for p in "${PACKAGES[@]}"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
    done
    if [ "${#missing[@]}" -eq 0 ]; then
        log "packages present"
        return
    fi
    log "installing ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq "${missing[@]}" >/dev/null
}

wait_for_quietly() { # wait_for_quietly SECONDS COMMAND... -> status of the last try
    local seconds="$1"; shift
    local i
    for ((i = 0; i < seconds * 4; i++)); do
        if "$@" >/dev/null 2>&1; then return 0; fi
        sleep 0.25
    done
    return 1
}

wait_for() { # wait_for SECONDS DESCRIPTION COMMAND...
    local seconds="$1" what="$2"; shift 2
    wait_for_quietly "$seconds" "$@" || die "$what did not come up within ${seconds}s"
}

live_pid() { # live_pid PIDFILE NAME -> the pid when a running (not zombie) NAME has it
    local pid
    pid="$(cat "$1" 2>/dev/null)" || return 1
    [ -n "$pid" ] && [ "$(cat "/proc/$pid/comm" 2>/dev/null)" = "$2" ] || return 1
    # A killed process stays a zombie until its parent reaps it; that one answers nothing.
    grep -q '^State:[[:space:]]*Z' "/proc/$pid/status" 2>/dev/null && return 1
    printf '%s\n' "$pid"
}

# What a dockerd that did not shut down leaves behind: its socket and pid file make clients wait
# for nobody, and its containerd (dying, or with a pid file naming a reused pid) makes the next
# dockerd wait for a containerd socket that never appears.
clear_stale_engine() {
    local containerd_pid_file=/var/run/docker/containerd/containerd.pid pid i
    if pid="$(live_pid "$containerd_pid_file" containerd)"; then
        log "stopping containerd $pid left by a dockerd that no longer runs"
        kill "$pid" 2>/dev/null || true
        for ((i = 0; i < 40; i++)); do live_pid "$containerd_pid_file" containerd >/dev/null || break; sleep 0.25; done
        live_pid "$containerd_pid_file" containerd >/dev/null && kill -9 "$pid" 2>/dev/null || true
    fi
    if [ -e /var/run/docker.sock ] || [ -e /var/run/docker.pid ] || [ -e "$containerd_pid_file" ]; then
        log "removing the socket and pid files of a dockerd that no longer runs"
        rm -f /var/run/docker.sock /var/run/docker.pid "$containerd_pid_file"
    fi
}

start_engine() {
    if [ -S /var/run/docker.sock ] && docker info >/dev/null 2>&1; then
        log "docker engine running"
        return
    fi
    if ! live_pid /var/run/docker.pid dockerd >/dev/null; then
        clear_stale_engine
        log "starting dockerd (log: $STATE_DIR/dockerd.log)"
        setsid dockerd >"$STATE_DIR/dockerd.log" 2>&1 < /dev/null 9>&- &
    fi
    if ! wait_for_quietly 90 docker info; then
        log "last lines of $STATE_DIR/dockerd.log:"
        tail -n 30 "$STATE_DIR/dockerd.log" >&2 || true
        die "docker engine did not come up within 90s"
    fi
    log "docker engine ready"
}

# Plain HTTP GET over bash's /dev/tcp: no curl or wget needed on a fresh machine.
http_get() { # http_get PATH -> body on stdout; fails when nothing listens
    local host="${REGISTRY%:*}" port="${REGISTRY##*:}"
    exec 8<>"/dev/tcp/$host/$port" || return 1
    printf 'GET %s HTTP/1.0\r\nHost: %s\r\n\r\n' "$1" "$REGISTRY" >&8
    timeout 5 cat <&8
    exec 8<&-
}

registry_up() { http_get /v2/ 2>/dev/null | head -n1 | grep -q ' 200'; }

start_registry() {
    if registry_up; then
        log "registry running on $REGISTRY"
        return
    fi
    mkdir -p "$STATE_DIR/registry"
    cat >"$STATE_DIR/registry.yml" <<YAML
version: 0.1
log:
  level: warn
storage:
  filesystem:
    rootdirectory: $STATE_DIR/registry
  delete:
    enabled: true
http:
  addr: $REGISTRY
YAML
    log "starting docker-registry (log: $STATE_DIR/registry.log)"
    setsid docker-registry serve "$STATE_DIR/registry.yml" >"$STATE_DIR/registry.log" 2>&1 < /dev/null 9>&- &
    wait_for 30 "registry" registry_up
    log "registry ready on $REGISTRY"
}

in_registry() { # in_registry REPO TAG
    http_get "/v2/$1/tags/list" 2>/dev/null | grep -q "\"$2\""
}

# make_rootfs DIR NAME VERSION [broken] [redis]
make_rootfs() {
    local dir="$1" name="$2" version="$3" kind="${4:-}"
    rm -rf "$dir"
    mkdir -p "$dir/bin" "$dir/www" "$dir/tmp" "$dir/etc" "$dir/data"
    cp /bin/busybox "$dir/bin/busybox"
    local applet
    for applet in $(/bin/busybox --list); do
        [ "$applet" = busybox ] || ln -sf busybox "$dir/bin/$applet"
    done
    printf '%s %s\n' "$name" "$version" >"$dir/www/index.html"
    [ "$kind" = broken ] || printf 'ok\n' >"$dir/www/healthz"
    if [ "$kind" = redis ]; then
        cat >"$dir/bin/redis-cli" <<'SH'
#!/bin/sh
if [ "$1" = ping ]; then echo PONG; else echo "redis-cli: only ping is supported" >&2; exit 1; fi
SH
        chmod 0755 "$dir/bin/redis-cli"
    fi
    printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/:/bin/false\n' >"$dir/etc/passwd"
    printf 'root:x:0:\nnogroup:x:65534:\n' >"$dir/etc/group"
    chmod 1777 "$dir/tmp"
}

build_image() { # build_image NAME TAG [broken|redis]
    local repo="$NAMESPACE/$1" tag="$2" kind="${3:-}"
    if in_registry "$repo" "$tag"; then
        log "image $REGISTRY/$repo:$tag present"
        return
    fi
    local ref="$REGISTRY/$repo:$tag" dir="$STATE_DIR/rootfs/${repo//\//_}_$tag"
    make_rootfs "$dir" "$repo" "$tag" "$kind"
    (cd "$dir" && tar -c --owner=0 --group=0 .) | docker import \
        -c 'ENV PATH=/bin' \
        -c 'WORKDIR /' \
        -c 'CMD ["/bin/httpd","-f","-p","8080","-h","/www"]' \
        - "$ref" >/dev/null
    docker push -q "$ref" >/dev/null
    # Tests must really pull: the local engine keeps no copy of what was pushed.
    docker rmi "$ref" >/dev/null 2>&1 || true
    rm -rf "$dir"
    log "image $ref built and pushed"
}

# Every local tag of the namespace's images goes; an image a container still uses keeps its layers (the
# engine refuses to delete those) but loses its tag, so a test can only run it after pulling it again.
remove_local_images() {
    local refs
    refs="$(docker image ls --format '{{.Repository}}:{{.Tag}}' "$REGISTRY/$NAMESPACE/*" | grep -v ':<none>$' || true)"
    if [ -z "$refs" ]; then
        log "no $REGISTRY/$NAMESPACE images on the engine"
        return
    fi
    local ref
    while read -r ref; do
        docker image rm --force "$ref" >/dev/null 2>&1 || die "could not remove $ref from the engine"
    done <<<"$refs"
    refs="$(docker image ls --format '{{.Repository}}:{{.Tag}}' "$REGISTRY/$NAMESPACE/*" | grep -v ':<none>$' || true)"
    [ -z "$refs" ] || die "still on the engine: $(echo $refs)"
    log "removed the $REGISTRY/$NAMESPACE images from the engine"
}

start_s3rver() {
    local dir="$STATE_DIR/s3rver"
    if [ ! -x "$dir/node_modules/.bin/s3rver" ]; then
        command -v npm >/dev/null || die "npm is needed for the S3 test server (apt-get install npm)"
        log "installing s3rver $S3RVER_VERSION"
        npm install --prefix "$dir" --no-audit --no-fund --silent "s3rver@$S3RVER_VERSION" >/dev/null || die "npm install s3rver failed"
    fi
    if wait_for_quietly 1 bash -c "exec 3<>/dev/tcp/127.0.0.1/$S3RVER_PORT" 2>/dev/null; then
        return
    fi
    mkdir -p "$STATE_DIR/s3rver-data"
    setsid node "$dir/node_modules/.bin/s3rver" -d "$STATE_DIR/s3rver-data" -a 127.0.0.1 -p "$S3RVER_PORT" -s \
        --configure-bucket models 9>&- </dev/null >"$STATE_DIR/s3rver.log" 2>&1 &
    wait_for 30 "s3rver on 127.0.0.1:$S3RVER_PORT" bash -c "exec 3<>/dev/tcp/127.0.0.1/$S3RVER_PORT"
}

pg_bin() { # pg_bin TOOL -> the newest installed PostgreSQL's TOOL
    local bin
    bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1)"
    [ -n "$bin" ] && [ -x "$bin/$1" ] || die "PostgreSQL's $1 not found under /usr/lib/postgresql (apt-get install postgresql)"
    printf '%s/%s\n' "$bin" "$1"
}

pg_ready() { "$(pg_bin pg_isready)" -q -h 127.0.0.1 -p "$PG_PORT"; }

start_postgres() {
    if pg_ready 2>/dev/null; then
        log "postgresql running on 127.0.0.1:$PG_PORT"
        return
    fi
    mkdir -p "$PG_DIR"
    chown postgres:postgres "$PG_DIR"
    chmod 0700 "$PG_DIR"
    if [ ! -s "$PG_DIR/data/PG_VERSION" ]; then
        log "creating a PostgreSQL cluster in $PG_DIR/data"
        rm -rf "$PG_DIR/data"
        runuser -u postgres -- "$(pg_bin initdb)" -D "$PG_DIR/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$PG_DIR/initdb.log" 2>&1 \
            || { tail -n 20 "$PG_DIR/initdb.log" >&2; die "initdb failed"; }
    fi
    # A server killed without shutting down leaves its pid file; pg_ctl start refuses a live one only.
    log "starting postgresql (log: $PG_DIR/postgresql.log)"
    runuser -u postgres -- "$(pg_bin pg_ctl)" -D "$PG_DIR/data" -l "$PG_DIR/postgresql.log" -s \
        -o "-c listen_addresses=127.0.0.1 -p $PG_PORT -c unix_socket_directories='$PG_DIR' -c max_connections=300" start 9>&- </dev/null \
        || { tail -n 20 "$PG_DIR/postgresql.log" >&2; die "pg_ctl start failed"; }
    wait_for 30 "postgresql on 127.0.0.1:$PG_PORT" pg_ready
    log "postgresql ready on 127.0.0.1:$PG_PORT"
}

install_packages
start_engine
start_registry
if [ "$TEST_TOOLS" = true ]; then
    start_s3rver
    start_postgres
fi
build_image web v1
build_image web v2
build_image web broken broken
build_image ocr-api 1.4.2
build_image ocr-api 1.4.3
build_image ocr-worker 1.4.2
build_image ocr-worker 1.4.3
build_image redis 7.2 redis
build_image chatbot 2.0.1
build_image chatbot 2.0.2
build_image backup 1.0
if [ "$FRESH_IMAGES" = true ]; then
    remove_local_images
fi
log "ready"
