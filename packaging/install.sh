#!/usr/bin/env bash
# Installs gitops-agent on this host from the unpacked release bundle this script ships in: the
# self-contained build goes to /usr/lib/gitops-agent, `gitops-agent` onto the PATH, then
# `gitops-agent install` does the rest with the options given here, for example:
#   sudo ./install.sh --repo ssh://git@git.example.org/platform/fleet.git --host ocr-prod-1
# Run it again to upgrade: the build is swapped whole, agent.yaml is kept, the unit restarted.
# --root DIR installs below DIR instead (no account, no systemctl), as `gitops-agent install` does.
set -euo pipefail

bundle="$(cd "$(dirname "$0")" && pwd)/gitops-agent"
root=/
args=("$@")
for ((i = 0; i < ${#args[@]}; i++)); do
    if [ "${args[$i]}" = --root ] && [ $((i + 1)) -lt ${#args[@]} ]; then
        root="${args[$((i + 1))]}"
    fi
done

die() { printf 'install.sh: error: %s\n' "$*" >&2; exit 1; }
[ -x "$bundle/gitops-agent" ] || die "no gitops-agent build next to this script (expected $bundle)"
[ "$root" != / ] || [ "$(id -u)" -eq 0 ] || die "run as root (or with --root DIR)"

lib="${root%/}/usr/lib/gitops-agent"
bin="${root%/}/usr/bin"
mkdir -p "$(dirname "$lib")" "$bin"
# Swap the build whole, so a failed copy never leaves half of a new version in place.
rm -rf "$lib.new" "$lib.old"
cp -a "$bundle" "$lib.new"
[ -d "$lib" ] && mv "$lib" "$lib.old"
mv "$lib.new" "$lib"
rm -rf "$lib.old"
ln -sfn ../lib/gitops-agent/gitops-agent "$bin/gitops-agent"
printf 'install.sh: %s in %s\n' "$("$lib/gitops-agent" version)" "$lib"

"$lib/gitops-agent" install --binary /usr/bin/gitops-agent "$@"
# An upgrade leaves the unit as it was; a running daemon must still move to the new build.
if [ "$root" = / ] && [ -d /run/systemd/system ]; then
    systemctl try-restart gitops-agent.service
fi
