#!/usr/bin/env python3
"""The floors of core (docs/architecture.md, "Floors"): every #include "..." in core/src and core/include
that names a file of core goes to the same room or to a room on a lower floor. A room is a topic folder
(src/<topic>/ with include/alsmeds/<topic>/) or, on the ground, one file with its header. Fails naming each
include that runs up a floor or sideways to another room of the same floor, and any file of core in no room.

Usage: layering_test.py CORE_DIR [--self-test]"""
import os
import re
import sys

# Lowest first. Rooms on one floor may not include each other.
FLOORS = [
    ["result", "units"],
    ["text", "output_file"],
    ["calendar", "csv_reader", "record_table"],
    ["zone_clock"],
    ["regimens"],
    ["records"],
    ["schedule", "storage"],
    ["patient_facts"],
    ["pharmacy"],
    ["adherence", "demo"],
    ["rules"],
    ["board", "exchange"],
]
RANK = {room: floor for floor, rooms in enumerate(FLOORS) for room in rooms}


def room_of(core, path):
    rel = os.path.relpath(path, core).split(os.sep)
    if rel[0] == "src" and len(rel) > 2:
        return rel[1]
    if rel[0] == "include" and len(rel) > 3:
        return rel[2]
    return os.path.splitext(rel[-1])[0]


def resolve(core, including, written):
    for base in (os.path.dirname(including), os.path.join(core, "include")):
        candidate = os.path.normpath(os.path.join(base, written))
        if os.path.isfile(candidate):
            return candidate
    return None


def faults(core):
    found = []
    for top in ("src", "include"):
        for folder, _, names in os.walk(os.path.join(core, top)):
            for name in sorted(names):
                if not name.endswith((".cpp", ".hpp")):
                    continue
                path = os.path.join(folder, name)
                here = room_of(core, path)
                if here not in RANK:
                    found.append(f"{os.path.relpath(path, core)}: in no room of the floors ({here})")
                    continue
                with open(path, encoding="utf-8") as f:
                    for number, line in enumerate(f, 1):
                        m = re.match(r'\s*#\s*include\s+"([^"]+)"', line)
                        if not m:
                            continue
                        target = resolve(core, path, m.group(1))
                        if target is None:
                            continue  # not a file of core (a generated or system header)
                        there = room_of(core, target)
                        if there == here:
                            continue
                        if there not in RANK or RANK[there] >= RANK[here]:
                            found.append(f"{os.path.relpath(path, core)}:{number}: {here} (floor "
                                         f"{RANK[here] + 1}) includes {m.group(1)} of {there} (floor "
                                         f"{RANK.get(there, -1) + 1}): an include may only go down a floor")
    return found


def self_test():
    """A house with one include running up must fail; the same house without it must pass."""
    import tempfile
    with tempfile.TemporaryDirectory() as core:
        def write(rel, text):
            os.makedirs(os.path.join(core, os.path.dirname(rel)), exist_ok=True)
            with open(os.path.join(core, rel), "w", encoding="utf-8") as f:
                f.write(text)
        write("include/alsmeds/regimens/edaravone.hpp", '#include "alsmeds/calendar.hpp"\n')
        write("include/alsmeds/calendar.hpp", '#include "alsmeds/result.hpp"\n')
        write("include/alsmeds/result.hpp", "\n")
        write("src/regimens/edaravone.cpp", '#include "alsmeds/regimens/edaravone.hpp"\n')
        if faults(core):
            return ["self-test: a house of downward includes was refused: " + "; ".join(faults(core))]
        write("src/calendar.cpp", '#include "alsmeds/regimens/edaravone.hpp"\n')
        if len(faults(core)) != 1:
            return ["self-test: calendar including a regimen was not found exactly once"]
        write("src/schedule/plan.cpp", '#include "../storage/x.hpp"\n')
        write("src/storage/x.hpp", "\n")
        if len(faults(core)) != 2:
            return ["self-test: schedule including storage (same floor) was not found"]
    return []


def main():
    core = sys.argv[1]
    found = self_test() + faults(core)
    for line in found:
        print(line)
    print(f"{len(found)} include(s) against the floors" if found else "every include of core goes down a floor")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
