#!/usr/bin/env python3
"""The FHIR bundle alsmeds-cli exports, checked against HL7's official FHIR R4 JSON schema (draft-06; fetched by
packaging/fetch-fhir-schema.py into the user's cache) with Debian's python3-jsonschema: a patient with every
kind of record the export writes (courses of both drugs, doses taken, missed and refused, high ALT and AST, a
side effect, a weight, a dispensing, ALSFRS-R reports). A deliberately broken copy must fail, so the check can fail."""
import copy
import json
import os
import pathlib
import subprocess
import sys
import tempfile

import jsonschema

cli = sys.argv[1]
cache = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
schema_path = pathlib.Path(cache) / "alsmeds" / "fhir-r4.schema.json"
if not schema_path.exists():
    sys.exit(f"no FHIR R4 schema at {schema_path}: run packaging/install-deps.sh (or packaging/fetch-fhir-schema.py)")
schema = json.loads(schema_path.read_text())

with tempfile.TemporaryDirectory() as tmp:
    db = os.path.join(tmp, "a.db")

    def run(*args):
        r = subprocess.run([cli, "--db", db, "--by", "nurse.kim", *args], capture_output=True, text=True)
        if r.returncode != 0:
            sys.exit(f"{' '.join(args)}: exit {r.returncode}: {r.stderr}")
        return r.stdout

    run("patient", "add", "--name", "Ana Souza", "--tz", "America/Sao_Paulo", "--mrn", "A-1", "--born", "1960-04-02")
    run("log", "lab", "--patient", "A-1", "--test", "ALT", "--value", "30", "--uln", "40", "--at", "2026-02-27")
    run("therapy", "start", "--patient", "A-1", "--drug", "riluzole", "--start", "2026-03-01")
    run("therapy", "start", "--patient", "A-1", "--drug", "edaravone", "--start", "2026-03-02")
    run("log", "dose", "--patient", "A-1", "--drug", "riluzole", "--at", "2026-03-02T08:00")
    run("log", "dose", "--patient", "A-1", "--drug", "riluzole", "--at", "2026-03-02T20:00", "--status", "missed",
        "--note", "asleep")
    run("log", "dose", "--patient", "A-1", "--drug", "edaravone", "--at", "2026-03-02T10:00")
    run("log", "dose", "--patient", "A-1", "--drug", "edaravone", "--at", "2026-03-03T10:00", "--status", "refused",
        "--note", "no vein")
    run("log", "lab", "--patient", "A-1", "--test", "ALT", "--value", "210", "--uln", "40", "--at", "2026-03-10")
    run("log", "lab", "--patient", "A-1", "--test", "AST", "--value", "90", "--uln", "40", "--at", "2026-03-10")
    run("log", "effect", "--patient", "A-1", "--term", "headache", "--grade", "2", "--at", "2026-03-04T09:00")
    run("log", "weight", "--patient", "A-1", "--kg", "61.5", "--at", "2026-03-05")
    run("dispense", "--patient", "A-1", "--drug", "riluzole", "--date", "2026-03-01", "--quantity", "60", "--unit",
        "tablet")
    run("log", "alsfrs", "--patient", "A-1", "--at", "2026-03-05", "--items", "4,4,3,4,3,4,4,3,3,4,4,4")
    run("log", "alsfrs", "--patient", "A-1", "--at", "2026-04-02", "--items", "4,3,3,4,3,4,4,3,2,4,4,4")
    out = os.path.join(tmp, "bundle.json")
    run("export", "fhir", "--patient", "A-1", "--out", out)
    bundle = json.loads(pathlib.Path(out).read_text())
    # Tofersen (issue 26): its order (loading and maintenance dosages) and its doses given and missed.
    run("patient", "add", "--name", "Tove Sod", "--tz", "Europe/Oslo", "--mrn", "T-1")
    run("therapy", "start", "--patient", "T-1", "--drug", "tofersen", "--start", "2026-03-02")
    run("log", "dose", "--patient", "T-1", "--drug", "tofersen", "--at", "2026-03-02T10:00")
    run("log", "dose", "--patient", "T-1", "--drug", "tofersen", "--at", "2026-03-16T10:00", "--status", "missed",
        "--note", "no room")
    run("export", "fhir", "--patient", "T-1", "--out", out)
    tofersen = json.loads(pathlib.Path(out).read_text())

validator = jsonschema.Draft6Validator(schema)
kinds = sorted({e["resource"]["resourceType"] for e in bundle["entry"]})
expected = ["MedicationAdministration", "MedicationDispense", "MedicationRequest", "MedicationStatement",
            "Observation", "Patient", "Questionnaire", "QuestionnaireResponse"]
if kinds != expected:
    sys.exit(f"the bundle holds {kinds}, expected {expected}")
tofersen_kinds = sorted({e["resource"]["resourceType"] for e in tofersen["entry"]})
if tofersen_kinds != ["MedicationAdministration", "MedicationRequest", "Patient"]:
    sys.exit(f"the tofersen bundle holds {tofersen_kinds}")
errors = list(validator.iter_errors(bundle)) + list(validator.iter_errors(tofersen))
for e in errors[:10]:
    print(f"{'/'.join(str(p) for p in e.absolute_path)}: {e.message[:300]}", file=sys.stderr)
if errors:
    sys.exit(f"{len(errors)} errors against the FHIR R4 schema")
# The control: an unknown element and a status outside its value set are refused by the schema.
broken = copy.deepcopy(bundle)
broken["entry"][1]["resource"]["statuss"] = "given"
broken["entry"][2]["resource"]["status"] = "bogus"
# and an ALSFRS-R total that is not an integer
for e in broken["entry"]:
    if e["resource"]["resourceType"] == "Observation" and "valueInteger" in e["resource"]:
        e["resource"]["valueInteger"] = "forty"
found = list(validator.iter_errors(broken))
if not found:
    sys.exit("the broken copy passed: the check cannot fail")
print(f"FHIR R4 schema: {len(bundle['entry'])} resources ({', '.join(kinds)}) and a tofersen patient's "
      f"{len(tofersen['entry'])} valid; the broken copy has "
      f"{len(found)} errors")
