#!/usr/bin/python3
"""Enforces the README's layout section: every #include "folder/..." in a folder's C++ files must
name a folder that the README's dependency table lets it include, and no C++ file outside tests/ is
longer than the line limit the README states. The table is the single statement of the rule, so
the README and the code cannot drift apart."""
import pathlib
import re
import sys

root = pathlib.Path(sys.argv[1])
readme = (root / "README.md").read_text()
section = re.search(r"^## Layout\n(.*?)(?=^## )", readme, re.S | re.M)
if not section:
    sys.exit("README.md: no '## Layout' section")
allowed = {}
for row in re.finditer(r"^\| `([a-z_]+)/` \| ([^|]*) \|", section.group(1), re.M):
    allowed[row.group(1)] = set(re.findall(r"`([a-z_]+)/`", row.group(2))) | {row.group(1)}
if not allowed:
    sys.exit("README.md: the layout section has no dependency table (| `folder/` | `dep/` ... |)")
limit = re.search(r"no C\+\+\s+file\s+outside\s+`tests/`\s+is\s+longer\s+than\s+(\d+)\s+lines", section.group(1))
if not limit:
    sys.exit("README.md: the layout section states no line limit")
limit = int(limit.group(1))

include = re.compile(r'^\s*#\s*include\s+"([a-z_]+)/')
problems = []
checked = 0
for path in sorted(root.rglob("*")):
    if path.suffix not in {".cpp", ".h", ".in"} or not path.is_file():
        continue
    rel = path.relative_to(root)
    top = rel.parts[0]
    if top in {"build", ".git", "node_modules"}:
        continue
    if top not in allowed:
        problems.append(f"{rel}: folder {top}/ is not in the README's layout table")
        continue
    checked += 1
    lines = path.read_text(errors="replace").splitlines()
    if top != "tests" and len(lines) > limit:
        problems.append(f"{rel}: {len(lines)} lines, over the limit of {limit}")
    for lineno, line in enumerate(lines, 1):
        m = include.match(line)
        if m and m.group(1) not in allowed[top]:
            problems.append(f"{rel}:{lineno}: {top}/ includes {m.group(1)}/, which the layout forbids")
for p in problems:
    print(p)
print(f"{checked} C++ files checked against {len(allowed)} folders, {len(problems)} problems")
sys.exit(1 if problems or checked == 0 else 0)
