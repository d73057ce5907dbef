#!/usr/bin/python3
"""Every `export ics` read back by a second, independent reader: Debian 12's python3-icalendar (issue 15).

For patients in four zones, before and after a re-flow, across daylight-saving changes: the file parses, its
one VTIMEZONE has the IANA name as TZID and covers the exported events only, every event's time in UTC is the
same read through that VTIMEZONE, through python3-icalendar's own zone and through Python's zoneinfo (the rule
of docs/domain.md), and a re-flow keeps every UID: moved doses with a higher SEQUENCE, doses it took out of
the plan STATUS:CANCELLED with a higher SEQUENCE.

Scenario (days worked by hand from docs/domain.md): riluzole 08:00 and 20:00 from 2026-03-01; edaravone IV
from Mon 2026-03-02, policy weekdays: cycle 2 from Mon 2026-03-30 on Mar 30, 31, Apr 1, 2, 3, 6, 7, 8, 9, 10
(cycle days 1-5 and 8-12). The clinic is closed Apr 13-17. Cycle 2 delayed 5 days starts Sat Apr 4: its
window Apr 4-17 holds the weekdays Apr 6-10 only (13-17 closed), so 5 doses stay (moved) and the 5 planned
last (cycle days 8-12: Apr 6-10 as first planned) are taken out: cancelled.

Usage: ics_readback_test.py ALSMEDS_CLI
"""
import datetime as dt
import os
import subprocess
import sys
import tempfile
import zoneinfo

import icalendar

CLI = sys.argv[1]
UTC = dt.timezone.utc
failures = []


def check(condition, what):
    if not condition:
        failures.append(what)


def run(db, *args):
    r = subprocess.run([CLI, "--db", db, "--by", "readback.test", *args], capture_output=True, text=True)
    if r.returncode != 0:
        raise SystemExit(f"alsmeds-cli {' '.join(args)}: exit {r.returncode}: {r.stderr}")
    return r.stdout.strip()


# Hand-derived UTC times of the 08:00 riluzole dose around each zone's change (or none).
EXPECTED_UTC = {
    "America/New_York": {"2026-03-07": "2026-03-07T13:00", "2026-03-09": "2026-03-09T12:00"},  # EST, EDT
    "Europe/Paris": {"2026-03-28": "2026-03-28T07:00", "2026-03-30": "2026-03-30T06:00"},  # CET, CEST
    "Australia/Sydney": {"2026-04-04": "2026-04-03T21:00", "2026-04-06": "2026-04-05T22:00"},  # AEDT, AEST
    "Asia/Kolkata": {"2026-03-07": "2026-03-07T02:30", "2026-04-06": "2026-04-06T02:30"},  # IST, no change
}
# Observances in force from Mar 1 to May 31 2026 (TZOFFSETTO in order).
EXPECTED_OFFSETS = {
    "America/New_York": ["-0500", "-0400"],
    "Europe/Paris": ["+0100", "+0200"],
    "Australia/Sydney": ["+1100", "+1000"],
    "Asia/Kolkata": ["+0530"],
}
MOVED = [f"edaravone:2:c2:d{d}@alsmeds" for d in (1, 2, 3, 4, 5)]
CANCELLED = [f"edaravone:2:c2:d{d}@alsmeds" for d in (8, 9, 10, 11, 12)]


def read(path, zone_name):
    """The calendar's events by UID: (UTC start, local naive start, SEQUENCE, STATUS, DTSTART param TZID)."""
    with open(path, "rb") as f:
        cal = icalendar.Calendar.from_ical(f.read())
    zones = cal.walk("VTIMEZONE")
    check(len(zones) == 1, f"{path}: {len(zones)} VTIMEZONE components, want 1")
    vtz = zones[0]
    check(str(vtz["TZID"]) == zone_name, f"{path}: TZID {vtz['TZID']}, want {zone_name}")
    offsets = [c["TZOFFSETTO"].to_ical() for c in vtz.subcomponents]
    offsets = [o.decode() if isinstance(o, bytes) else o for o in offsets]
    check(offsets == EXPECTED_OFFSETS[zone_name], f"{path}: observances {offsets}")
    ours = vtz.to_tz()  # our VTIMEZONE as a tzinfo (the path that failed on libical's 140 years of RRULEs)
    reference = zoneinfo.ZoneInfo(zone_name)
    events = {}
    for ev in cal.walk("VEVENT"):
        uid = str(ev["UID"])
        check(uid not in events, f"{path}: UID {uid} twice")
        start = ev["DTSTART"]
        check(start.params.get("TZID") == zone_name, f"{path}: {uid} DTSTART TZID {start.params.get('TZID')}")
        aware = start.dt
        check(aware.tzinfo is not None, f"{path}: {uid} DTSTART is not zone-aware")
        naive = aware.replace(tzinfo=None)
        utc = aware.astimezone(UTC)
        via_ours = ours.localize(naive).astimezone(UTC)
        via_reference = naive.replace(tzinfo=reference, fold=0).astimezone(UTC)
        check(utc == via_ours == via_reference,
              f"{path}: {uid} {naive} is {utc} / {via_ours} (our VTIMEZONE) / {via_reference} (zoneinfo)")
        events[uid] = (utc, naive, int(ev.get("SEQUENCE", 0)), str(ev.get("STATUS", "")))
    # The VTIMEZONE covers the events: its first change before the first event, none after the last.
    changes = sorted(c["DTSTART"].dt for c in vtz.subcomponents)
    live = [e[1] for e in events.values()]
    check(changes[0] <= min(live), f"{path}: first observance {changes[0]} after the first event")
    check(changes[-1] <= max(live), f"{path}: an observance {changes[-1]} after the last event")
    return events


def main():
    for zone in EXPECTED_UTC:
        with tempfile.TemporaryDirectory() as tmp:
            db = os.path.join(tmp, "clinic.db")
            p = run(db, "patient", "add", "--name", "Read Back", "--tz", zone)
            run(db, "therapy", "start", "--patient", p, "--drug", "riluzole", "--start", "2026-03-01")
            run(db, "therapy", "start", "--patient", p, "--drug", "edaravone", "--start", "2026-03-02",
                "--policy", "weekdays")
            for day in range(13, 18):
                run(db, "closed", "add", "--date", f"2026-04-{day}", "--reason", "clinic holiday")
            files = {}
            for name in ("before", "after"):
                if name == "after":
                    run(db, "therapy", "shift", "--patient", p, "--drug", "edaravone", "--cycle", "2",
                        "--days", "5", "--reason", "hospital stay")
                files[name] = os.path.join(tmp, name + ".ics")
                run(db, "export", "ics", "--patient", p, "--out", files[name], "--from", "2026-03-01",
                    "--to", "2026-05-31")
            before = read(files["before"], zone)
            after = read(files["after"], zone)

            for day, want in EXPECTED_UTC[zone].items():
                uid = f"riluzole:1:{day}:1@alsmeds"
                for name, events in (("before", before), ("after", after)):
                    got = events[uid][0].strftime("%Y-%m-%dT%H:%M") if uid in events else None
                    check(got == want, f"{zone} {name}: {uid} at {got} UTC, want {want}")
            check(all(e[1].time() in (dt.time(8), dt.time(20)) for u, e in after.items() if u.startswith("riluzole")),
                  f"{zone}: a riluzole dose not at 08:00 or 20:00 local")
            check(not any(e[3] for e in before.values()), f"{zone}: a STATUS before any re-flow")
            # A calendar that imported `before` finds every event of it in `after`: none left behind.
            missing = sorted(set(before) - set(after))
            check(not missing, f"{zone}: UIDs gone after the re-flow (phantoms in a calendar): {missing[:5]}")
            for uid in MOVED:
                check(after[uid][1] != before[uid][1] and after[uid][2] > before[uid][2],
                      f"{zone}: {uid} moved {before[uid][1]} -> {after[uid][1]}, SEQUENCE "
                      f"{before[uid][2]} -> {after[uid][2]}")
                check(after[uid][3] == "", f"{zone}: {uid} is {after[uid][3]}")
            for uid in CANCELLED:
                check(after[uid][3] == "CANCELLED" and after[uid][2] > before[uid][2],
                      f"{zone}: {uid} STATUS {after[uid][3]!r}, SEQUENCE {before[uid][2]} -> {after[uid][2]}")
            cancelled = sorted(u for u, e in after.items() if e[3] == "CANCELLED")
            check(cancelled == sorted(CANCELLED), f"{zone}: cancelled {cancelled}")
            # Cycle 2 keeps the 5 doses that fit: Apr 6-10 local, cycle days 3-7 of a cycle from Sat Apr 4.
            kept = sorted(after[u][1].date().isoformat() for u in MOVED)
            check(kept == [f"2026-04-{d:02d}" for d in range(6, 11)], f"{zone}: cycle 2 now on {kept}")
    if failures:
        print("\n".join(failures))
        sys.exit(1)
    print(f"ics read back by python3-icalendar {icalendar.__version__}: {len(EXPECTED_UTC)} zones, ok")


main()
