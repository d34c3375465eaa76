#!/usr/bin/python3
"""Opens conform's report.html in headless Chromium, offline: the page's script must run without a
console message, the counts it shows (rendered and counted by its own script) must match
results.json, a filter given in the URL must hide the other rows, and a screenshot is kept in the
build directory for a reviewer (report-screenshot.png)."""
import html.parser
import json
import pathlib
import shutil
import subprocess
import sys
import tempfile

conform, root, work = sys.argv[1], pathlib.Path(sys.argv[2]), pathlib.Path(sys.argv[3])
shutil.rmtree(work, ignore_errors=True)
work.mkdir(parents=True)
fixture = root / "tests/reports/golden/results.fixture.json"
r = subprocess.run([conform, "report", "render", "--results", str(fixture), "--out", str(work)],
                   capture_output=True, text=True)
if r.returncode != 0:
    sys.exit(f"conform report render exited {r.returncode}: {r.stderr}")
results = json.loads((work / "results.json").read_text())
page = (work / "report.html").resolve().as_uri()
chromium = shutil.which("chromium")
if chromium is None:
    sys.exit("chromium is not installed (scripts/setup.sh installs it)")


def chromium_run(*args, url=page):
    # Without these flags Chromium reaches for the network (updates, sync, field trials) and, as
    # root in a container, refuses to start without --no-sandbox.
    with tempfile.TemporaryDirectory(prefix="conform-chromium-") as profile:
        cmd = [chromium, "--headless", "--no-sandbox", "--disable-gpu",
               "--disable-background-networking", "--disable-component-update", "--disable-sync",
               "--no-first-run", "--disable-default-apps", "--disable-extensions",
               "--no-proxy-server", f"--user-data-dir={profile}",
               "--enable-logging=stderr", "--v=0", *args, url]
        return subprocess.run(cmd, capture_output=True, text=True, timeout=60)


class Dom(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.body = {}
        self.rows = []  # (verdict, hidden)
        self.ids = {}
        self._capture = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "body":
            self.body = a
        if tag == "tr" and "check" in (a.get("class") or "").split():
            self.rows.append((a.get("data-verdict"), "hidden" in a))
        if "id" in a:
            self._capture = a["id"]
            self.ids[a["id"]] = ""

    def handle_data(self, data):
        if self._capture is not None:
            self.ids[self._capture] += data

    def handle_endtag(self, tag):
        self._capture = None


problems = []
verdicts = [c["verdict"] for c in results["checks"]]
want = {v: verdicts.count(v) for v in ("passed", "failed", "skipped", "inconclusive", "observation")}


def console_messages(stderr):
    return [line for line in stderr.splitlines() if "CONSOLE" in line]


dump = chromium_run("--dump-dom")
dom = Dom()
dom.feed(dump.stdout)
if dom.body.get("data-js") != "ready":
    problems.append(f"the page's script did not finish (body data-js={dom.body.get('data-js')!r})")
if "data-js-errors" in dom.body:
    problems.append(f"script errors: {dom.body['data-js-errors']}")
problems += [f"console: {m}" for m in console_messages(dump.stderr)]
tally = json.loads(dom.body.get("data-js-tally", "{}"))
if {k: v for k, v in want.items() if v} != tally:
    problems.append(f"rows counted by the page's script {tally} != results.json {want}")
for verdict, n in want.items():
    shown = dom.ids.get(f"count-{verdict}", "").strip()
    if shown != str(n):
        problems.append(f"count-{verdict} shows {shown!r}, results.json has {n}")
if dom.ids.get("shown") != f"{len(verdicts)} of {len(verdicts)} checks shown":
    problems.append(f"filter line reads {dom.ids.get('shown')!r}")
if dom.ids.get("count-cases", "").strip() != str(results["summary"]["cases_sent"]):
    problems.append("cases sent differs from results.json")

filtered = chromium_run("--dump-dom", url=page + "#verdict=failed")
fdom = Dom()
fdom.feed(filtered.stdout)
visible = [v for v, hidden in fdom.rows if not hidden]
if visible != ["failed"] * want["failed"]:
    problems.append(f"with #verdict=failed the visible rows are {visible}")
problems += [f"console (filtered): {m}" for m in console_messages(filtered.stderr)]

shot = work / "report-screenshot.png"
chromium_run("--hide-scrollbars", "--window-size=1400,3300", f"--screenshot={shot}")
if not shot.exists() or shot.stat().st_size < 10000:
    problems.append("no screenshot was written")
else:
    print(f"screenshot: {shot}")

for p in problems:
    print(p)
print(f"{len(problems)} problems")
sys.exit(1 if problems else 0)
