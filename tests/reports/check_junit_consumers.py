#!/usr/bin/python3
"""Reads conform's junit.xml the way CI does, with tools that share no code with the writer:
xmllint validates it against reports/schema/junit.xsd and Debian's python3-junitparser counts its
tests, failures, errors and skips, which must match results.json. Covers a finished run (the golden
fixture), a merge of two shards of it, and a run that did not finish."""
import copy
import json
import os
import pathlib
import shutil
import subprocess
import sys

from junitparser import Error, Failure, JUnitXml, Skipped

conform, root, work = sys.argv[1], pathlib.Path(sys.argv[2]), pathlib.Path(sys.argv[3])
xsd = root / "reports/schema/junit.xsd"
fixture = json.loads((root / "tests/reports/golden/results.fixture.json").read_text())
shutil.rmtree(work, ignore_errors=True)
work.mkdir(parents=True)
problems = []


def write_results(path, doc):
    path.parent.mkdir(parents=True, exist_ok=True)
    doc = copy.deepcopy(doc)
    doc.pop("summary", None)  # derived; conform recomputes it
    path.write_text(json.dumps(doc))


def conform_run(*args):
    # merge appends to the CI job's summary; these runs are tests, not the job's result.
    env = {k: v for k, v in os.environ.items() if k != "GITHUB_STEP_SUMMARY"}
    r = subprocess.run([conform, "report", *map(str, args)], capture_output=True, text=True,
                       env=env)
    if r.returncode != 0:
        sys.exit(f"conform report {' '.join(map(str, args))} exited {r.returncode}: {r.stderr}")


def expected_counts(results):
    verdicts = [c["verdict"] for c in results["checks"]]
    unfinished = results["run"]["state"] != "finished"
    return {
        "tests": len(verdicts) + (1 if unfinished else 0),
        "failures": verdicts.count("failed"),
        "errors": 1 if unfinished else 0,
        "skipped": sum(verdicts.count(v) for v in ("skipped", "inconclusive", "observation")),
    }


def check(name, out_dir):
    junit = out_dir / "junit.xml"
    lint = subprocess.run(["xmllint", "--noout", "--schema", str(xsd), str(junit)],
                          capture_output=True, text=True)
    if lint.returncode != 0:
        problems.append(f"{name}: xmllint: {lint.stderr.strip()}")
    results = json.loads((out_dir / "results.json").read_text())
    want = expected_counts(results)
    got = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
    xml = JUnitXml.fromfile(str(junit))
    for suite in xml:
        in_suite = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
        for case in suite:
            in_suite["tests"] += 1
            for result in case.result:
                if isinstance(result, Failure):
                    in_suite["failures"] += 1
                elif isinstance(result, Error):
                    in_suite["errors"] += 1
                elif isinstance(result, Skipped):
                    in_suite["skipped"] += 1
        declared = {k: int(getattr(suite, k) or 0) for k in in_suite}
        if declared != in_suite:
            problems.append(f"{name}: suite {suite.name} declares {declared}, holds {in_suite}")
        for k in got:
            got[k] += in_suite[k]
    if got != want:
        problems.append(f"{name}: junit.xml holds {got}, results.json says {want}")
    print(f"{name}: {got}")


full = work / "full"
write_results(work / "in/results.json", fixture)
conform_run("render", "--results", work / "in/results.json", "--out", full)
check("finished run", full)

half = len(fixture["checks"]) // 2
for index, checks in enumerate((fixture["checks"][:half], fixture["checks"][half:])):
    shard = copy.deepcopy(fixture)
    shard["run"]["shard"] = {"index": index, "total": 2}
    shard["checks"] = checks
    if index == 1:
        shard["coverage"] = {}
    write_results(work / f"shard{index}/results.json", shard)
conform_run("merge", "--out", work / "merged", work / "shard1", work / "shard0")
check("merged shards", work / "merged")
merged = json.loads((work / "merged/results.json").read_text())
if [c["name"] for c in merged["checks"]] != [c["name"] for c in fixture["checks"]]:
    problems.append("merged shards: checks are not the fixture's, in order")

running = copy.deepcopy(fixture)
running["run"]["state"] = "running"
running["run"]["finished_at"] = ""
write_results(work / "running-in/results.json", running)
conform_run("render", "--results", work / "running-in/results.json", "--out", work / "running")
check("unfinished run", work / "running")

for p in problems:
    print(p)
sys.exit(1 if problems else 0)
