#!/usr/bin/env bash
# The real window under Xvfb (label `gui`): a screenshot of each view on demo data, each checked not blank;
# and without a display the app exits 2 with the message of docs/cli.md.
# Usage: window_test.sh CLI APP PNG_CHECK OUT_DIR
set -euo pipefail
cli=$1 app=$2 png_check=$3 out=$4
mkdir -p "$out"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export XDG_CONFIG_HOME=$work/config XDG_DATA_HOME=$work/data
db=$work/demo.db
"$cli" --db "$db" demo --patients 40 --years 1 >/dev/null

set +e
message=$(env -u DISPLAY -u WAYLAND_DISPLAY "$app" --db "$db" 2>&1)
rc=$?
set -e
if [[ $rc -ne 2 || $message != "error: no display (set DISPLAY or run under xvfb-run)" ]]; then
  echo "FAIL: without a display: rc=$rc, message '$message'"
  exit 1
fi

# Under the sanitizer build, leak checking is off for the real window only: the OpenGL driver (Mesa llvmpipe,
# loaded and unloaded by libGL) keeps allocations for the life of the process that LeakSanitizer cannot even
# name. The headless view tests run the same views with leak checking on.
export ASAN_OPTIONS="${ASAN_OPTIONS:-}${ASAN_OPTIONS:+:}detect_leaks=0"
for view in patient nurse nurse-board pharmacist; do
  shot=$out/alsmeds-$view.png
  rm -f "$shot"
  xvfb-run -a -s "-screen 0 1280x800x24" "$app" --db "$db" --view "$view" --patient 1 \
    --screenshot "$shot" --frames 10 --timing
  "$png_check" "$shot" 1280 800
done
echo "window test: 4 views drawn and checked"
