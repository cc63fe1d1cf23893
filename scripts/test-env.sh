#!/usr/bin/env bash
# Sets up the real, loopback-only test environment: Debian's docker engine, a local registry on
# 127.0.0.1:5000 and the demo images, built offline from busybox-static. Idempotent; run as root.
set -euo pipefail

STATE_DIR="${GITOPS_TEST_STATE_DIR:-/var/tmp/gitops-agent-test}"
REGISTRY="127.0.0.1:5000"
PACKAGES=(docker.io docker-registry busybox-static openssh-server git docker-compose)

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

wait_for() { # wait_for SECONDS DESCRIPTION COMMAND...
    local seconds="$1" what="$2"; shift 2
    local i
    for ((i = 0; i < seconds * 4; i++)); do
        if "$@" >/dev/null 2>&1; then return 0; fi
        sleep 0.25
    done
    die "$what did not come up within ${seconds}s"
}

start_engine() {
    if [ -S /var/run/docker.sock ] && docker info >/dev/null 2>&1; then
        log "docker engine running"
        return
    fi
    if [ ! -S /var/run/docker.sock ]; then
        log "starting dockerd (log: $STATE_DIR/dockerd.log)"
        setsid dockerd >"$STATE_DIR/dockerd.log" 2>&1 < /dev/null 9>&- &
    fi
    wait_for 60 "docker engine" docker info
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

build_image() { # build_image REPO TAG [broken|redis]
    local repo="$1" tag="$2" kind="${3:-}"
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

install_packages
start_engine
start_registry
build_image demo/web v1
build_image demo/web v2
build_image demo/web broken broken
build_image demo/ocr-api 1.4.2
build_image demo/ocr-api 1.4.3
build_image demo/ocr-worker 1.4.2
build_image demo/ocr-worker 1.4.3
build_image demo/redis 7.2 redis
build_image demo/chatbot 2.0.1
build_image demo/chatbot 2.0.2
build_image demo/backup 1.0
log "ready"
