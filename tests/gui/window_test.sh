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
for view in patient nurse nurse-board nurse-prep pharmacist pharmacist-supply; do
  shot=$out/alsmeds-$view.png
  rm -f "$shot"
  xvfb-run -a -s "-screen 0 1280x800x24" "$app" --db "$db" --view "$view" --patient 1 \
    --screenshot "$shot" --frames 10 --timing
  "$png_check" "$shot" 1280 800
done

# A screenshot shows patient data: written as every such file is (core's write_output_file), private (0600)
# whatever the umask, replacing an older file whole, and never over the open database.
(umask 022; xvfb-run -a -s "-screen 0 1280x800x24" "$app" --db "$db" --view nurse-clinic --patient 1 \
  --screenshot "$out/alsmeds-nurse-clinic.png" --frames 10)
[[ $(stat -c %a "$out/alsmeds-nurse-clinic.png") == 600 ]] ||
  { echo "FAIL: the screenshot is $(stat -c %a "$out/alsmeds-nurse-clinic.png"), not 600"; exit 1; }
"$png_check" "$out/alsmeds-nurse-clinic.png" 1280 800
db_bytes=$(cksum <"$db")
set +e
message=$(xvfb-run -a -s "-screen 0 1280x800x24" "$app" --db "$db" --screenshot "$db" --frames 2 2>&1)
rc=$?
set -e
[[ $rc -ne 0 && $message == *"error: --screenshot: "* ]] ||
  { echo "FAIL: a screenshot over the database: rc=$rc, '$message'"; exit 1; }
[[ $(cksum <"$db") == "$db_bytes" && $("$cli" --db "$db" check | head -n 1) == ok ]] ||
  { echo "FAIL: the database changed under a refused screenshot"; exit 1; }

# The original report: the pharmacist view running (its cohort job on a worker connection) while alsmeds-cli
# reads and writes the same file. The app must draw on and exit 0, the CLI's write must be there, and the
# file must check ok.
shot=$out/alsmeds-beside-cli.png
xvfb-run -a -s "-screen 0 1280x800x24" "$app" --db "$db" --view pharmacist --patient 1 \
  --screenshot "$shot" --frames 600 --timing 2>"$work/app.err" &
app_pid=$!
for _ in $(seq 300); do  # until the first frame is drawn: the cohort job has started
  grep -q "first frame" "$work/app.err" 2>/dev/null && break
  sleep 0.1
done
grep -q "first frame" "$work/app.err" || { echo "FAIL: the app drew no frame"; cat "$work/app.err"; exit 1; }
"$cli" --db "$db" history --patient 1 >/dev/null
weight_id=$("$cli" --db "$db" --by window.test log weight --patient 2 --kg 61.5 --at 2026-01-05)
"$cli" --db "$db" history --patient 2 >/dev/null
kill -0 "$app_pid" 2>/dev/null || echo "note: the app had finished its frames before the CLI was done"
wait "$app_pid"
"$png_check" "$shot" 1280 800
history=$("$cli" --db "$db" history --patient 2 --format csv)
[[ $history == *$'\n'"$weight_id,weight,"* ]] || { echo "FAIL: the CLI's weight $weight_id is missing"; exit 1; }
[[ $("$cli" --db "$db" check | head -n 1) == ok ]] || { echo "FAIL: check after the app and the CLI shared the file"; exit 1; }
echo "window test: 5 views drawn and checked, the screenshot 0600 and refused over the database, the app beside alsmeds-cli"
