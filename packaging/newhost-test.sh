#!/usr/bin/env bash
# New-host test: the .deb on a freshly bootstrapped Debian that boots with systemd.
#   1. debootstraps a minimal Debian (the host's release, from the mirror apt is configured with) once and
#      keeps it under the test state dir; later runs boot a throw-away copy of it (--ephemeral)
#   2. boots it with systemd-nspawn, the host's docker socket bind-mounted, its own network namespace
#   3. installs the .deb (before any docker group exists, as when docker.io comes in the same transaction),
#      then a docker group appears with the socket's gid, and `gitops-agent install --repo` runs twice
#      (the second must change nothing)
#   4. waits until the agent, as its own account inside the guest, converged a stack on the host's engine
#   5. purges the package and checks that the account, configuration, state and unit are gone
# Usage: packaging/newhost-test.sh [DEB]   (without DEB, packaging/build.sh builds one)
# Exit status 0: passed, or skipped with one line "newhost: skipped: <why>" when systemd-nspawn cannot be
# used here; 1: failed. Every step has a time limit. Run as root.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/.." && pwd)"
STATE_DIR="${GITOPS_TEST_STATE_DIR:-/var/tmp/gitops-agent-test}"
CACHE="$STATE_DIR/newhost"
IMAGE="127.0.0.1:5000/${GITOPS_TEST_IMAGE_NAMESPACE:-demo}/web:v1"
# What the guest needs beyond minbase: systemd as init, and the .deb's dependencies (it has no network).
INCLUDE="systemd,systemd-sysv,dbus,libc6,libstdc++6,libssl3,zlib1g,openssh-client,passwd,ca-certificates"

log() { printf 'newhost: %s\n' "$*"; }
die() { printf 'newhost: FAILED: %s\n' "$*" >&2; exit 1; }
skip() { printf 'newhost: skipped: %s\n' "$*"; exit 0; }

# --- can this machine run the test at all? ---
[ "$(id -u)" -eq 0 ] || skip "needs root"
if ! command -v systemd-nspawn >/dev/null || ! command -v debootstrap >/dev/null; then
    log "installing systemd-container and debootstrap"
    DEBIAN_FRONTEND=noninteractive timeout 300 apt-get install -y -qq systemd-container debootstrap >/dev/null 2>&1 \
        || skip "systemd-nspawn is not installed and apt-get could not install systemd-container and debootstrap"
fi
# Without machined (no systemd on this host) nspawn must neither register nor create a scope unit.
NSPAWN=(systemd-nspawn --quiet --register=no --keep-unit)
if ! probe="$(timeout 30 "${NSPAWN[@]}" --directory=/ --volatile=yes /usr/bin/true 2>&1)"; then
    skip "systemd-nspawn cannot start a container here ($(printf '%s' "$probe" | grep -v '^Attempted to remove' | head -n1))"
fi
[ -S /var/run/docker.sock ] && docker info >/dev/null 2>&1 || die "no docker engine on /var/run/docker.sock (run scripts/test-env.sh)"

mkdir -p "$CACHE"
exec 9>"$CACHE/lock"
timeout 1200 flock 9 || die "another new-host test held $CACHE/lock for 20 minutes"
# Throw-away copies of the root (--ephemeral) that a killed run left behind.
rm -rf "$CACHE"/.#* "$CACHE"/run.*

# --- the cached root ---
. /etc/os-release
suite="${VERSION_CODENAME:?/etc/os-release names no release}"
stamp="$suite $INCLUDE"
if [ "$(cat "$CACHE/root.stamp" 2>/dev/null)" != "$stamp" ]; then
    mirror="$(apt-cache policy | awk -v want="$suite/main" '$3 == want { print $2; exit }')"
    [ -n "$mirror" ] || die "apt has no mirror for $suite/main configured"
    log "debootstrapping Debian $suite from $mirror into $CACHE/root (first run only)"
    rm -rf "$CACHE/root" "$CACHE/root.new" "$CACHE/root.stamp"
    timeout 900 debootstrap --variant=minbase --include="$INCLUDE" "$suite" "$CACHE/root.new" "$mirror" \
        >"$CACHE/debootstrap.log" 2>&1 || die "debootstrap failed (log: $CACHE/debootstrap.log)"
    # nspawn names the guest after --machine only when the root has no hostname of its own.
    rm -f "$CACHE/root.new/etc/hostname"
    mv "$CACHE/root.new" "$CACHE/root"
    printf '%s\n' "$stamp" >"$CACHE/root.stamp"
else
    log "reusing the Debian $suite root in $CACHE/root"
fi

# --- the package ---
work="$(mktemp -d "$CACHE/run.XXXXXX")"
name="newhost-$(basename "$work" | cut -d. -f2 | tr 'A-Z' 'a-z')"
nspawn_pid=""
cleanup() {
    set +e
    if [ -n "$nspawn_pid" ] && kill -0 "$nspawn_pid" 2>/dev/null; then
        kill -TERM "$nspawn_pid" 2>/dev/null
        for _ in $(seq 1 60); do kill -0 "$nspawn_pid" 2>/dev/null || break; sleep 0.5; done
        kill -KILL "$nspawn_pid" 2>/dev/null
    fi
    docker ps -aq --filter "label=com.docker.compose.project=$name" | xargs -r docker rm -f >/dev/null 2>&1
    docker network rm "${name}_default" >/dev/null 2>&1
    rm -rf "$work"
}
trap cleanup EXIT

deb="${1:-}"
if [ -z "$deb" ]; then
    log "building the .deb (packaging/build.sh)"
    timeout 900 bash "$here/build.sh" "$work/dist" >"$work/build.log" 2>&1 || die "packaging/build.sh failed: $(tail -n 5 "$work/build.log")"
    deb="$(ls "$work"/dist/*.deb)"
fi
[ -f "$deb" ] || die "no such package: $deb"
mkdir -p "$work/deb"
cp "$deb" "$work/deb/gitops-agent.deb"

# --- the config repository: one stack for this guest ---
git init -q --bare --initial-branch main "$work/fleet.git"
git init -q --initial-branch main "$work/src"
mkdir -p "$work/src/stacks/$name"
printf 'hosts:\n  %s: {}\n' "$name" >"$work/src/inventory.yaml"
printf 'targets: [%s]\n' "$name" >"$work/src/stacks/$name/stack.yaml"
printf 'services:\n  web:\n    image: %s\n' "$IMAGE" >"$work/src/stacks/$name/compose.yaml"
git -C "$work/src" add -A
git -C "$work/src" -c user.name=newhost -c user.email=newhost@localhost commit -q -m "one stack for $name"
git -C "$work/src" push -q "$work/fleet.git" main

# --- boot ---
log "booting $name"
setsid timeout 900 "${NSPAWN[@]}" --directory="$CACHE/root" --ephemeral --boot --machine="$name" --private-network \
    --bind=/var/run/docker.sock --bind-ro="$work/deb:/mnt/deb" --bind="$work/fleet.git:/srv/fleet.git" \
    </dev/null >"$work/console.log" 2>&1 &
nspawn_pid=$!
# The guest's init: a process named systemd below nspawn that is PID 1 of its own PID namespace. Its forked
# children are named systemd too until they exec, and after the host's PIDs wrap they can sort below it.
guest_init() {
    local pid ns parent
    for pid in $(pgrep -x systemd || true); do
        ns="$(awk '/^NSpid:/ { print $NF }' "/proc/$pid/status" 2>/dev/null || true)"
        [ "$ns" = 1 ] || continue
        parent="$pid"
        while [ -n "$parent" ] && [ "$parent" -gt 1 ]; do
            parent="$(awk '/^PPid:/ { print $2 }' "/proc/$parent/status" 2>/dev/null || true)"
            [ "$parent" = "$nspawn_pid" ] && { printf '%s\n' "$pid"; return 0; }
        done
    done
    return 0
}
leader=""
for _ in $(seq 1 240); do
    leader="$(guest_init)"
    [ -n "$leader" ] && break
    kill -0 "$nspawn_pid" 2>/dev/null || die "systemd-nspawn exited: $(tail -n 5 "$work/console.log")"
    sleep 0.5
done
[ -n "$leader" ] || die "the guest's init did not start within 120s (copying the root for --ephemeral included)"
guest() { nsenter --target "$leader" --mount --uts --ipc --net --pid --root --wd -- env PATH=/usr/sbin:/usr/bin:/sbin:/bin "$@"; }
# Right after init starts, systemd's socket does not exist yet and `systemctl --wait` fails at once: ask again.
state=""
for _ in $(seq 1 180); do
    state="$(guest timeout 180 systemctl is-system-running --wait 2>"$work/state.err" || true)"
    grep -q 'Failed to connect to bus' "$work/state.err" || break
    sleep 1
done
case "$state" in
    running) ;;
    degraded) log "guest booted degraded: $(guest systemctl --failed --plain --no-legend | awk '{print $1}' | tr '\n' ' ')" ;;
    *) die "the guest did not finish booting within 180s (state: ${state:-none}; $(tail -n 2 "$work/state.err" | tr '\n' ' ')); console: $(tail -n 5 "$work/console.log")" ;;
esac
log "guest running systemd $(guest systemctl --version | awk 'NR==1 {print $2}')"

# --- install ---
guest timeout 300 dpkg -i /mnt/deb/gitops-agent.deb >"$work/dpkg.log" 2>&1 || die "dpkg -i failed: $(tail -n 5 "$work/dpkg.log")"
guest getent passwd gitops-agent >/dev/null || die "the package created no gitops-agent account"
# The engine's socket belongs to the host's docker group; docker.io would create that group in the guest.
socket_gid="$(stat -c %g /var/run/docker.sock)"
guest groupadd --non-unique --gid "$socket_gid" docker
guest chown -R gitops-agent: /srv/fleet.git
first="$(guest timeout 300 gitops-agent install --repo file:///srv/fleet.git --host "$name" 2>&1)" || die "gitops-agent install failed: $first"
printf '%s\n' "$first" | sed 's/^/newhost:   /'
guest id -nG gitops-agent | grep -qw docker || die "gitops-agent install left the account outside the docker group"
second="$(guest timeout 300 gitops-agent install --repo file:///srv/fleet.git --host "$name" 2>&1)" || die "the second gitops-agent install failed: $second"
grep -q '^Nothing to do' <<<"$second" || die "the second gitops-agent install changed something: $second"

# --- converge ---
log "waiting for the agent to converge stack $name on the host's engine"
running=""
for _ in $(seq 1 180); do
    running="$(docker inspect -f '{{.State.Running}}' "$name-web-1" 2>/dev/null || true)"
    [ "$running" = true ] && break
    sleep 1
done
if [ "$running" != true ]; then
    guest journalctl -u gitops-agent --no-pager -n 40 >&2 || true
    die "the stack's container $name-web-1 did not run within 180s"
fi
log "$name-web-1 runs on the host's engine, deployed from inside the guest"

# --- purge ---
guest timeout 300 dpkg --purge gitops-agent >"$work/purge.log" 2>&1 || die "dpkg --purge failed: $(tail -n 5 "$work/purge.log")"
! guest getent passwd gitops-agent >/dev/null || die "purge left the gitops-agent account"
for path in /etc/gitops-agent /var/lib/gitops-agent /etc/systemd/system/gitops-agent.service /usr/bin/gitops-agent; do
    ! guest test -e "$path" || die "purge left $path"
done
log "passed: installed, converged and purged on a new Debian $suite host"
