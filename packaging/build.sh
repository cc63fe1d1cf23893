#!/usr/bin/env bash
# Builds the release artifacts of gitops-agent for linux-x64 into OUT (default dist/):
#   gitops-agent-VERSION-linux-x64.tar.gz   the self-contained build and install.sh
#   gitops-agent_VERSION_amd64.deb          the same build, whose scripts run `gitops-agent install`
# Needs the .NET SDK and dpkg-deb. Usage: packaging/build.sh [OUT]
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/.." && pwd)"
out="$(mkdir -p "${1:-$repo/dist}" && cd "${1:-$repo/dist}" && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

log() { printf 'package: %s\n' "$*"; }

log "publishing a self-contained linux-x64 build"
dotnet publish "$repo/src/Daemon" -c Release -r linux-x64 --self-contained -o "$work/gitops-agent" -v quiet -nologo >/dev/null
version="$("$work/gitops-agent/gitops-agent" version | awk '{print $2}' | cut -d+ -f1)"
[ -n "$version" ] || { echo "package: error: the build does not print its version" >&2; exit 1; }
log "version $version"

tarball="$out/gitops-agent-$version-linux-x64.tar.gz"
log "writing $tarball"
cp "$here/install.sh" "$work/install.sh"
chmod 0755 "$work/install.sh"
tar -C "$work" -czf "$tarball" gitops-agent install.sh

deb_root="$work/deb"
mkdir -p "$deb_root/usr/lib" "$deb_root/usr/bin" "$deb_root/DEBIAN"
cp -a "$work/gitops-agent" "$deb_root/usr/lib/gitops-agent"
ln -s ../lib/gitops-agent/gitops-agent "$deb_root/usr/bin/gitops-agent"
sed "s/@VERSION@/$version/" "$here/deb/control" >"$deb_root/DEBIAN/control"
for script in postinst prerm postrm; do
    install -m 0755 "$here/deb/$script" "$deb_root/DEBIAN/$script"
done
deb="$out/gitops-agent_${version}_amd64.deb"
log "writing $deb"
dpkg-deb --root-owner-group --build "$deb_root" "$deb" >/dev/null
log "done"
