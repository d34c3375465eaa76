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
for spec_path in (root / "specs").rglob("*.json"):
    spec = json.loads(spec_path.read_text())
    if not str(spec.get("format", "")).startswith("conform-operation/"):
        continue
    facts.add(spec["action"])
    facts.update(p["name"] for p in spec["parameters"])
    facts.update(e["code"] for e in spec["errors"])
    facts.update(o["id"] for o in spec["outcomes"])
    facts.update(r["id"] for r in spec["rules"])
    for resource in spec.get("resources", {}).values():
        facts.update(s["name"] for s in resource.get("states", []))

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
