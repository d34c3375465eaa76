#!/usr/bin/python3
"""Validates every spec under specs/ with Debian's python3-jsonschema, an implementation that shares
no code with conform's own validator, so a bug in ours cannot hide a bad schema or a bad spec."""
import json
import pathlib
import sys
import warnings

from jsonschema import Draft202012Validator, RefResolver

warnings.simplefilter("ignore", DeprecationWarning)
root = pathlib.Path(sys.argv[1])
schema_dir = root / "specs" / "schema"
store = {p.name: json.loads(p.read_text()) for p in schema_dir.glob("*.schema.json")}
failures = 0
for name, schema in store.items():
    Draft202012Validator.check_schema(schema)
checked = 0
for spec in sorted((root / "specs").rglob("*.json")):
    if spec.parent == schema_dir:
        continue
    doc = json.loads(spec.read_text())
    kind = doc.get("format", "").split("/")[0].removeprefix("conform-")
    if kind == "import-summary":  # what `conform import` reports, not a spec
        continue
    schema_name = f"{kind}.schema.json"
    if schema_name not in store:
        print(f"{spec}: unknown format {doc.get('format')!r}")
        failures += 1
        continue
    schema = store[schema_name]
    resolver = RefResolver(base_uri=schema_name, referrer=schema, store=store)
    for err in Draft202012Validator(schema, resolver=resolver).iter_errors(doc):
        print(f"{spec.relative_to(root)}: /{'/'.join(map(str, err.path))}: {err.message}")
        failures += 1
    checked += 1
print(f"{checked} specs checked, {failures} errors")
sys.exit(1 if failures or checked == 0 else 0)
