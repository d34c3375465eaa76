#!/usr/bin/python3
"""Fails when a C++ string literal outside tests/ names a fact of an operation spec (its action,
parameters, error codes, resource states): conform must learn operations from specs alone, so a
second operation needs only a second spec file."""
import json
import pathlib
import re
import sys

root = pathlib.Path(sys.argv[1])
facts = set()
# Facts an import wrote count as the metadata's do (filtered below); its rule and outcome ids are
# the importer's own naming ("listed-error", "<param>-valid"), not facts of an operation.
imported_facts = set()
for spec_path in sorted((root / "specs").rglob("*.json")):
    spec = json.loads(spec_path.read_text())
    fmt = str(spec.get("format", ""))
    if fmt.startswith("conform-overlay/"):
        # A hand-written overlay: everything it names is a fact, as in a whole hand-written spec.
        base = json.loads((spec_path.parent / spec["base"]).read_text())
        facts.add(base["action"])
    elif not fmt.startswith("conform-operation/"):
        continue
    elif "imported" in spec:
        imported_facts.add(spec["action"])
        imported_facts.update(p["name"] for p in spec["parameters"])
        imported_facts.update(e["code"] for e in spec["errors"])
        continue
    else:
        facts.add(spec["action"])
    facts.update(p["name"] for p in spec.get("parameters", []))
    facts.update(e["code"] for e in spec.get("errors", []))
    facts.update(o["id"] for o in spec.get("outcomes", []))
    facts.update(r["id"] for r in spec.get("rules", []))
    for resource in spec.get("resources", {}).values():
        facts.update(s["name"] for s in resource.get("states", []))

# The published metadata beside the project (../shared/metadata) is what `conform import` reads:
# its products, operations, parameters and codes must come from the data too.
metadata_dir = root.resolve().parent / "shared" / "metadata"
# A single plain word (Type, Name, Forbidden) is ordinary protocol vocabulary, and what the common
# protocol spec names (ServiceUnavailable) is the protocol's, so neither counts.
protocol_words = set()
for common_path in (root / "specs" / "common").glob("*.json"):
    common = json.loads(common_path.read_text())
    protocol_words.update(p["name"] for p in common.get("parameters", []))
    protocol_words.update(e["code"] for e in common.get("errors", []))
metadata_facts = set(imported_facts)
for docs_path in sorted(metadata_dir.glob("*-api-docs.json")) if metadata_dir.is_dir() else []:
    docs = json.loads(docs_path.read_text())
    facts.add(docs["info"]["product"])
    for name, api in docs["apis"].items():
        facts.add(name)
        metadata_facts.update(p["name"] for p in api.get("parameters", []))
        for codes in api.get("errorCodes", {}).values():
            metadata_facts.update(e["errorCode"] for e in codes)
facts.update(f for f in metadata_facts
             if f not in protocol_words and not re.fullmatch(r"[A-Z][a-z]*", f))

literal = re.compile(r'"((?:[^"\\\n]|\\.)*)"')
problems = []
checked = 0
for path in sorted(root.rglob("*")):
    if path.suffix not in {".cpp", ".h", ".hpp", ".in"}:
        continue
    rel = path.relative_to(root)
    if rel.parts[0] in {"tests", "build", ".git"}:
        continue
    checked += 1
    for lineno, line in enumerate(path.read_text(errors="replace").splitlines(), 1):
        for match in literal.finditer(line):
            for word in re.findall(r"[A-Za-z][A-Za-z0-9.\-]*", match.group(1)):
                if word in facts:
                    problems.append(f"{rel}:{lineno}: string literal names {word!r}, a fact of an operation spec")
for p in problems:
    print(p)
print(f"{checked} C++ files checked against {len(facts)} operation facts, {len(problems)} problems")
sys.exit(1 if problems or checked == 0 else 0)
