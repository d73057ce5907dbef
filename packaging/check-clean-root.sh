#!/usr/bin/env bash
# Installs the package into a clean Debian 12 root made with debootstrap (minbase) and runs alsmeds-cli there.
# Too slow for every CI run (it downloads a base system, about 3 minutes): run by hand before a release.
# Needs root and debootstrap. Usage: packaging/check-clean-root.sh [FILE.deb]
set -euo pipefail
cd "$(dirname "$0")/.."
deb=${1:-$(ls build/release/package/alsmeds_*_amd64.deb | head -1)}
# The mirror this machine's own apt uses (deb822 .sources or a sources.list line), unless DEBIAN_MIRROR says.
machine_mirror() {
  local uri
  uri=$(awk '/^URIs:/ {for (i = 2; i <= NF; i++) if ($i !~ /security/) {print $i; exit}}' \
          /etc/apt/sources.list.d/*.sources 2>/dev/null | head -1)
  [[ -n $uri ]] || uri=$(awk '$1 == "deb" && $0 !~ /security/ {for (i = 2; i <= NF; i++) if ($i ~ /^[a-z]+:\/\//) {print $i; exit}}' \
          /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null | head -1)
  [[ -n $uri ]] || { echo "check-clean-root: no Debian mirror in /etc/apt; set DEBIAN_MIRROR" >&2; exit 2; }
  echo "$uri"
}
mirror=${DEBIAN_MIRROR:-$(machine_mirror)}
root=$(mktemp -d /tmp/alsmeds-root.XXXXXX)
trap 'umount "$root/proc" 2>/dev/null || true; rm -rf "$root"' EXIT
command -v debootstrap >/dev/null || apt-get install -y -qq debootstrap >/dev/null
echo "check-clean-root: debootstrap bookworm into $root"
debootstrap --variant=minbase bookworm "$root" "$mirror" >/dev/null
mount -t proc proc "$root/proc"
cp "$deb" "$root/tmp/alsmeds.deb"
chroot "$root" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
chroot "$root" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends /tmp/alsmeds.deb >/dev/null
chroot "$root" alsmeds-cli --version
chroot "$root" alsmeds-cli plan edaravone --start 2026-01-05 --format csv | head -3
rows=$(chroot "$root" alsmeds-cli plan edaravone --start 2026-01-05 --format csv | tail -n +2 | wc -l)
# 6 cycles: 14 doses in cycle 1 and 10 in each of the 5 later ones.
[[ $rows -eq 64 ]] || { echo "check-clean-root: FAIL: $rows dose days, expected 64"; exit 1; }
echo "check-clean-root: ok (installed with its dependencies, 64 dose days planned)"
