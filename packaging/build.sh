#!/usr/bin/env bash
# Builds the release artifacts of gitops-agent for linux-x64 into OUT (default dist/):
#   gitops-agent-VERSION-linux-x64.tar.gz   the native build (NativeAOT: no .NET on the host) and install.sh
#   gitops-agent_VERSION_amd64.deb          the same build, whose scripts run `gitops-agent install`
# Needs the .NET SDK, clang and zlib1g-dev (NativeAOT links with them) and dpkg-deb. Usage: packaging/build.sh [OUT]
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/.." && pwd)"
out="$(mkdir -p "${1:-$repo/dist}" && cd "${1:-$repo/dist}" && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

log() { printf 'package: %s\n' "$*"; }

for tool in clang dpkg-deb; do
    command -v "$tool" >/dev/null || { echo "package: error: $tool not found (apt-get install clang zlib1g-dev dpkg-dev)" >&2; exit 1; }
done
log "publishing the native linux-x64 build (NativeAOT; a few minutes)"
if ! dotnet publish "$repo/src/Daemon" -c Release -r linux-x64 --self-contained -o "$work/publish" -v quiet -nologo >"$work/publish.log" 2>&1; then
    echo "package: error: the publish failed:" >&2
    grep -E 'error|warning' "$work/publish.log" >&2 || tail -n 20 "$work/publish.log" >&2
    exit 1
fi
# Trim and AOT analysis: Serilog's one known warning (src/Daemon/GitOps.Daemon.csproj) and nothing else.
if unexpected="$(grep -E 'warning IL[0-9]+' "$work/publish.log" | grep -v "Assembly 'Serilog' produced trim warnings")"; then
    echo "package: error: the native build has trim or AOT warnings:" >&2
    echo "$unexpected" >&2
    exit 1
fi
# The executable and the native libraries it loads; not the debug symbols (gitops-agent.dbg) or the pdbs.
mkdir -p "$work/gitops-agent"
find "$work/publish" -maxdepth 1 -type f ! -name '*.dbg' ! -name '*.pdb' -exec cp -a {} "$work/gitops-agent/" \;
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
