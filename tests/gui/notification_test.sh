#!/usr/bin/env bash
# The real desktop-notification path, once (label gui): a private session bus (dbus-run-session), Debian's dunst
# as the notification server on an Xvfb display, and the app started on a patient whose infusion is due today.
# What dunst received (summary, body, urgency) is read back from dunst itself (dunstctl history).
# Usage: notification_test.sh CLI APP
set -euo pipefail
cli=$1 app=$2

if [[ ${3:-} != --inside ]]; then
  command -v dunst >/dev/null || { echo "FAIL: dunst is not installed (packaging/install-deps.sh)"; exit 1; }
  exec xvfb-run -a -s "-screen 0 1024x768x24" dbus-run-session -- "$0" "$cli" "$app" --inside
fi

work=$(mktemp -d)
dunst_pid=
monitor_pid=
trap 'kill $dunst_pid $monitor_pid 2>/dev/null; rm -rf "$work"' EXIT
export XDG_CONFIG_HOME=$work/config XDG_DATA_HOME=$work/data
mkdir -p "$XDG_CONFIG_HOME"

# A zone where it is now between 10:00 and 21:59, so today's 09:00 reminder is announced when the app starts
# and the local day does not change while the test runs. Etc/GMT-N is N hours ahead of UTC.
zone=
for n in -14 -13 -12 -11 -10 -9 -8 -7 -6 -5 -4 -3 -2 -1 0 1 2 3 4 5 6 7 8 9 10 11 12; do
  z=Etc/GMT$([[ $n -ge 0 ]] && echo "+$n" || echo "$n")
  hour=$(TZ=$z date +%-H)
  if ((hour >= 10 && hour <= 21)); then zone=$z; break; fi
done
[[ -n $zone ]] || { echo "FAIL: no zone between 10:00 and 21:59 now"; exit 1; }
today=$(TZ=$zone date +%F)

db=$work/notify.db
id=$("$cli" --db "$db" --by notification.test patient add --name "Ada Lovelace" --tz "$zone" --mrn N-1)
"$cli" --db "$db" --by notification.test therapy start --patient "$id" --drug edaravone --form iv \
  --start "$today" >/dev/null

dunst -config /dev/null >"$work/dunst.log" 2>&1 &
dunst_pid=$!
# The call on the bus as well: its hints carry the urgency, which dunst's history does not show.
dbus-monitor --session "type='method_call',interface='org.freedesktop.Notifications',member='Notify'" \
  >"$work/bus.log" 2>&1 &
monitor_pid=$!
for _ in $(seq 100); do [[ -s $work/bus.log ]] && break; sleep 0.1; done  # connected: it printed NameAcquired
for _ in $(seq 100); do  # until dunst owns the notification service on this bus
  dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
    org.freedesktop.DBus.NameHasOwner string:org.freedesktop.Notifications 2>/dev/null | grep -q "boolean true" &&
    break
  sleep 0.1
done

export ASAN_OPTIONS="${ASAN_OPTIONS:-}${ASAN_OPTIONS:+:}detect_leaks=0"  # the GL driver, as in window_test.sh
"$app" --db "$db" --view patient --patient "$id" --screenshot "$work/shot.png" --frames 20 2>"$work/app.err" ||
  { echo "FAIL: the app failed"; cat "$work/app.err"; exit 1; }

# Displayed notifications enter dunst's history when closed.
history=
for _ in $(seq 50); do
  dunstctl close-all
  history=$(dunstctl history)
  grep -q "Edaravone today" <<<"$history" && break
  sleep 0.1
done
fail=0
check() {  # what, pattern
  if ! grep -q -- "$2" <<<"$history"; then
    echo "FAIL: the notification's $1 is not $2"
    fail=1
  fi
}
check summary '"data" : "alsmeds - Ada Lovelace"'
check body '"data" : "Edaravone today: '
check appname '"data" : "alsmeds"'
count=$(grep -c '"data" : "Edaravone today: ' <<<"$history" || true)
[[ $count -eq 1 ]] || { echo "FAIL: $count infusion reminders, expected exactly 1"; fail=1; }
# Critical (2): the label's dose times are not to be missed, so the reminder stays until dismissed.
urgency=$(grep -A1 'string "urgency"' "$work/bus.log" | grep -o 'variant *byte [0-9]*' | head -1 || true)
if [[ $urgency != *"byte 2" ]]; then
  echo "FAIL: the Notify call's urgency hint is '$urgency', expected critical (byte 2)"
  fail=1
fi
if ((fail)); then
  echo "dunst history: $history"
  echo "bus:"; cat "$work/bus.log"
  echo "app stderr:"; cat "$work/app.err"
  exit 1
fi
echo "ok: dunst received one critical notification for Ada Lovelace's infusion today ($zone, $today)"
