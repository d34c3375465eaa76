#!/usr/bin/python3
"""Checks the CI recipes under ci-examples/: each is valid YAML with the shape its CI reads (jobs
that publish junit.xml as the test report and keep report.html, exit 1 failing and exit 3 shown
as a warning), and every `conform` command line in it is accepted by the current CLI: `conform
run` lines with --dry-run added (which prints the plan and sends nothing), --version and lint as
they are. A command this script cannot check that way is a failure, not a skip.
Usage: check_ci_recipes.py CONFORM_BINARY SOURCE_DIR"""
import os
import pathlib
import re
import shlex
import subprocess
import sys

import yaml

conform = sys.argv[1]
examples = pathlib.Path(sys.argv[2]) / "ci-examples"
problems = []


SHELL_KEYS = {"run", "script", "before_script", "after_script"}  # GitHub steps, GitLab jobs


def scripts(node):
    """Every shell script in a loaded recipe, at any depth."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key in SHELL_KEYS:
                yield from (value if isinstance(value, list) else [value])
            else:
                yield from scripts(value)
    elif isinstance(node, list):
        for value in node:
            yield from scripts(value)


def conform_lines(doc):
    for text in scripts(doc):
        for line in text.replace("\\\n", " ").splitlines():
            line = line.strip()
            if re.match(r"conform(\s|$)", line):
                yield line


def check_command(recipe, line):
    argv = shlex.split(line, comments=True)
    args = argv[1:]
    if args[:1] == ["run"]:
        args = args + ["--dry-run"]
    elif args not in (["--version"], ["lint"]):
        problems.append(f"{recipe}: `{line}`: no dry run for this command; use run, lint or --version")
        return
    env = {k: v for k, v in os.environ.items() if not k.startswith("CONFORM_")}
    done = subprocess.run([conform] + args, cwd=examples, env=env, capture_output=True, text=True,
                          timeout=120)
    if done.returncode != 0:
        problems.append(f"{recipe}: `{line}` exits {done.returncode}: "
                        f"{(done.stderr or done.stdout).strip()[:500]}")


def check_github(recipe, doc):
    jobs = doc.get("jobs") or {}
    if True not in doc and "on" not in doc:  # YAML 1.1 reads the key `on` as true
        problems.append(f"{recipe}: no `on:` triggers")
    running = [name for name, job in jobs.items()
               if any(re.match(r"conform run", line) for line in conform_lines(job))]
    if not running:
        problems.append(f"{recipe}: no job runs `conform run`")
    for name in running:
        job = jobs[name]
        steps = job.get("steps") or []
        if "runs-on" not in job or not steps:
            problems.append(f"{recipe}: job {name} needs runs-on and steps")
        uses = [(s.get("uses") or "", s.get("with") or {}, s.get("if")) for s in steps]
        if not any(w.get("report_paths", "").endswith("junit.xml") and cond == "always()"
                   for u, w, cond in uses if "junit" in u):
            problems.append(f"{recipe}: job {name} does not always publish junit.xml")
        if not any("report.html" in str(w.get("path", "")) and cond == "always()"
                   for u, w, cond in uses if u.startswith("actions/upload-artifact")):
            problems.append(f"{recipe}: job {name} does not always keep report.html")
        verdict = "\n".join(s.get("run", "") for s in steps if s.get("if") == "always()")
        if not re.search(r"^\s*3\)[^\n]*::warning", verdict, re.M):
            problems.append(f"{recipe}: job {name} does not show exit 3 as a warning")
        if not re.search(r"^\s*1\)[^\n]*exit 1", verdict, re.M):
            problems.append(f"{recipe}: job {name} does not fail on exit 1")


def check_gitlab(recipe, doc):
    def resolved(name):
        job = dict(doc[name])
        parent = job.pop("extends", None)
        return {**resolved(parent), **job} if parent else job

    running = [name for name, job in doc.items()
               if isinstance(job, dict) and not name.startswith(".")
               and any(re.match(r"conform run", line) for line in conform_lines(job))]
    if not running:
        problems.append(f"{recipe}: no job runs `conform run`")
    for name in running:
        job = resolved(name)
        artifacts = job.get("artifacts") or {}
        if (artifacts.get("reports") or {}).get("junit") != "reports-out/junit.xml":
            problems.append(f"{recipe}: job {name} does not report reports-out/junit.xml")
        if artifacts.get("when") != "always" or not any(
                p.endswith("report.html") for p in artifacts.get("paths", [])):
            problems.append(f"{recipe}: job {name} does not always keep report.html")
        # Exit 1 fails because only 3 is allowed; allow_failure: true would hide it.
        if (job.get("allow_failure") or {}) != {"exit_codes": [3]}:
            problems.append(f"{recipe}: job {name} must allow exit 3 only (allow_failure: exit_codes: [3])")


recipes = sorted(examples.rglob("*.yml"))
if len(recipes) < 2:
    problems.append(f"{examples}: expected a GitHub Actions and a GitLab CI recipe")
commands = 0
for path in recipes:
    recipe = path.relative_to(examples.parent)
    try:
        doc = yaml.safe_load(path.read_text())
    except yaml.YAMLError as e:
        problems.append(f"{recipe}: not valid YAML: {e}")
        continue
    if not isinstance(doc, dict):
        problems.append(f"{recipe}: not a YAML mapping")
        continue
    (check_github if "jobs" in doc else check_gitlab)(recipe, doc)
    for line in conform_lines(doc):
        commands += 1
        check_command(recipe, line)

for p in problems:
    print(p)
print(f"{len(recipes)} recipes, {commands} conform command lines checked, {len(problems)} problems")
sys.exit(1 if problems or commands == 0 else 0)
