#!/usr/bin/env bash
# Checks the Debian package that `cmake --workflow --preset package` made: its files, its metadata (runtime
# dependencies computed by dpkg-shlibdeps), the desktop entry and AppStream metainfo, and lintian (no errors).
# Usage: packaging/check-deb.sh [FILE.deb]   (default: the one in build/release/package)
set -euo pipefail
cd "$(dirname "$0")/.."
deb=${1:-$(ls build/release/package/alsmeds_*_amd64.deb | head -1)}
fail() { echo "check-deb: FAIL: $*"; exit 1; }
echo "check-deb: $deb"

contents=$(dpkg-deb -c "$deb" | awk '{print $6}')
for f in ./usr/bin/alsmeds ./usr/bin/alsmeds-cli \
         ./usr/share/applications/org.alsmeds.alsmeds.desktop \
         ./usr/share/metainfo/org.alsmeds.alsmeds.metainfo.xml \
         ./usr/share/icons/hicolor/scalable/apps/org.alsmeds.alsmeds.svg \
         ./usr/share/icons/hicolor/48x48/apps/org.alsmeds.alsmeds.png \
         ./usr/share/icons/hicolor/256x256/apps/org.alsmeds.alsmeds.png \
         ./usr/share/man/man1/alsmeds.1.gz ./usr/share/man/man1/alsmeds-cli.1.gz \
         ./usr/share/doc/alsmeds/copyright ./usr/share/doc/alsmeds/changelog.gz \
         ./usr/lib/alsmeds/alsmeds_server.so ./usr/lib/alsmeds/alsmeds_documents.so; do
  grep -qx "$f" <<<"$contents" || fail "missing $f"
done

[[ $(dpkg-deb -f "$deb" Package) == alsmeds ]] || fail "package name"
depends=$(dpkg-deb -f "$deb" Depends)
echo "check-deb: Depends: $depends"
for lib in libsqlite3-0 libpq5 libnettle8 libglfw3 libcairo2 libical3 libnotify4 libfontconfig1 libstdc++6 tzdata fonts-dejavu-core; do
  grep -q "$lib" <<<"$depends" || fail "Depends lacks $lib"
done

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
dpkg-deb -x "$deb" "$work"
desktop-file-validate "$work/usr/share/applications/org.alsmeds.alsmeds.desktop"
appstreamcli validate --no-net --pedantic "$work/usr/share/metainfo/org.alsmeds.alsmeds.metainfo.xml" || \
  appstreamcli validate --no-net "$work/usr/share/metainfo/org.alsmeds.alsmeds.metainfo.xml"
"$work/usr/bin/alsmeds-cli" --version | grep -qx "alsmeds [0-9.]*" || fail "alsmeds-cli --version"
# The modules load from the package's layout (/usr/bin -> /usr/lib/alsmeds): a calendar needs the documents'.
cli="$work/usr/bin/alsmeds-cli --db $work/check.db --by check-deb"
$cli patient add --name "Check Deb" --tz Europe/Lisbon --mrn CHECK-1 >/dev/null
$cli therapy start --patient CHECK-1 --drug riluzole --start 2026-03-02 >/dev/null
$cli export ics --patient CHECK-1 --from 2026-03-02 --to 2026-03-03 --out "$work/check.ics" >/dev/null
grep -q "BEGIN:VCALENDAR" "$work/check.ics" || fail "export ics from the package (documents module)"
# (No server there: the module loaded, it says it cannot reach one. The command fails: its output is kept
# first, pipefail would count its exit status.)
server_out=$("$work/usr/bin/alsmeds-cli" --db "postgresql://check@/none?host=$work/no-server" patient list 2>&1 || true)
grep -q "cannot reach the clinic server" <<<"$server_out" || fail "the server module does not load from the package: $server_out"

lintian_out=$(lintian --tag-display-limit 0 "$deb" || true)
echo "$lintian_out"
if grep -q '^E:' <<<"$lintian_out"; then fail "lintian reports errors"; fi
echo "check-deb: ok"
