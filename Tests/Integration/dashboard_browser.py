#!/usr/bin/env python3
"""The org dashboard in headless Chromium (issue 25's acceptance), driven over the DevTools protocol.

Builds git work trees whose `origin` is on GitHub (nothing is fetched: `plimsoll org --checkouts` scans them
where they are), runs `plimsoll org` twice with one repository fixed in between, opens the dashboard from
file:// and checks, in the rendered page: the chart has a point per run and "since last run" names the fixed
repository; the filters change the visible rows; each rule's drill-down lists exactly the repositories whose
summary records break it; every location link points at blob/<commit>/<path>#L<line> of its checkout; a
hostile repository name stays text; without JavaScript every row is shown, sorted; no console error or CSP
violation. A manifest run checks the team filter. Screenshots are kept in --artefacts.

With --scale DIR (an org output folder, e.g. of `plimsoll-bench org 2000`), also reports that dashboard's size
and load time; the time is printed, never asserted.

Usage: dashboard_browser.py --plimsoll BIN --chromium BIN --fixtures Fixtures/repos --artefacts DIR [--scale DIR]
"""

import argparse
import asyncio
import base64
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import websockets

HOSTILE = "<img src=x onerror=alert(1)>"
FAILURES = []


def check(condition, message):
    status = "ok  " if condition else "FAIL"
    print(f"  {status} {message}")
    if not condition:
        FAILURES.append(message)


def git(folder, *arguments):
    return subprocess.run(
        ["git", "-C", str(folder), "-c", "user.name=Test", "-c", "user.email=test@example.com", *arguments],
        check=True, capture_output=True, text=True).stdout.strip()


def populate(folder, fixture, fixtures):
    if folder.exists():
        for item in folder.iterdir():
            if item.name != ".git":
                shutil.rmtree(item) if item.is_dir() else item.unlink()
    folder.mkdir(parents=True, exist_ok=True)
    if fixture == "readme":
        (folder / "README.md").write_text("documentation only\n")
    else:
        shutil.copytree(fixtures / fixture, folder, dirs_exist_ok=True)


def commit(folder, message):
    if not (folder / ".git").exists():
        git(folder, "init", "-q")
        git(folder, "remote", "add", "origin", f"https://github.com/example-org/{folder.name}.git")
    git(folder, "add", "-A")
    git(folder, "commit", "-q", "--allow-empty", "-m", message)


def run_org(plimsoll, arguments, cwd):
    result = subprocess.run([plimsoll, "org", *arguments], cwd=cwd, capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"plimsoll org failed ({result.returncode}): {result.stderr}")
    return result


class Browser:
    """One headless Chromium, one page, over the browser's DevTools WebSocket (flattened sessions)."""

    def __init__(self, chromium, profile):
        self.process = subprocess.Popen(
            [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-extensions",
             "--remote-debugging-port=0", f"--user-data-dir={profile}", "--window-size=1400,1000", "about:blank"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        port_file = Path(profile) / "DevToolsActivePort"
        deadline = time.monotonic() + 60
        while not port_file.exists() or len(port_file.read_text().splitlines()) < 2:
            if time.monotonic() > deadline or self.process.poll() is not None:
                raise RuntimeError("Chromium did not open its DevTools port")
            time.sleep(0.1)
        port, path = port_file.read_text().splitlines()[:2]
        self.url = f"ws://127.0.0.1:{port}{path}"
        self.next_id = 0
        self.pending = {}
        self.events = []
        self.session = None

    async def start(self):
        self.socket = await websockets.connect(self.url, max_size=None)
        self.reader = asyncio.create_task(self.read())
        target = await self.send("Target.createTarget", {"url": "about:blank"}, session=False)
        attached = await self.send(
            "Target.attachToTarget", {"targetId": target["targetId"], "flatten": True}, session=False)
        self.session = attached["sessionId"]
        for domain in ["Page", "Runtime", "Log"]:
            await self.send(domain + ".enable")

    async def read(self):
        async for raw in self.socket:
            message = json.loads(raw)
            if "id" in message and message["id"] in self.pending:
                self.pending.pop(message["id"]).set_result(message)
            else:
                self.events.append(message)

    async def send(self, method, params=None, session=True):
        self.next_id += 1
        future = asyncio.get_running_loop().create_future()
        self.pending[self.next_id] = future
        message = {"id": self.next_id, "method": method, "params": params or {}}
        if session and self.session:
            message["sessionId"] = self.session
        await self.socket.send(json.dumps(message))
        reply = await asyncio.wait_for(future, 120)
        if "error" in reply:
            raise RuntimeError(f"{method}: {reply['error']}")
        return reply.get("result", {})

    async def open(self, url, javascript=True):
        """Loads `url`; returns the seconds from navigation to the load event."""
        await self.send("Emulation.setScriptExecutionDisabled", {"value": not javascript})
        self.events.clear()
        start = time.monotonic()
        await self.send("Page.navigate", {"url": url})
        while not any(event.get("method") == "Page.loadEventFired" for event in self.events):
            if time.monotonic() - start > 120:
                raise RuntimeError("the page did not load")
            await asyncio.sleep(0.01)
        return time.monotonic() - start

    async def evaluate(self, expression):
        result = await self.send("Runtime.evaluate", {"expression": expression, "returnByValue": True})
        if "exceptionDetails" in result:
            raise RuntimeError(f"{expression}: {result['exceptionDetails']}")
        return result["result"].get("value")

    async def screenshot(self, path):
        shot = await self.send("Page.captureScreenshot", {"format": "png", "captureBeyondViewport": False})
        Path(path).write_bytes(base64.b64decode(shot["data"]))

    def problems(self):
        """Console errors, uncaught exceptions and CSP violations seen since the last `open`."""
        found = []
        for event in self.events:
            method, params = event.get("method"), event.get("params", {})
            if method == "Log.entryAdded" and params["entry"]["level"] == "error":
                found.append(params["entry"]["text"])
            elif method == "Runtime.exceptionThrown":
                found.append(json.dumps(params["exceptionDetails"])[:300])
            elif method == "Runtime.consoleAPICalled" and params["type"] in ("error", "assert"):
                found.append(json.dumps(params["args"])[:300])
        return found

    async def close(self):
        try:
            await self.send("Browser.close", session=False)
        except Exception:
            pass
        self.reader.cancel()
        self.process.wait(timeout=30)


VISIBLE_ROWS = "Array.from(document.querySelectorAll('#repository-table tbody tr')).filter(r => !r.hidden)" \
               ".map(r => r.querySelector('.name').textContent)"


async def set_filter(browser, field, value):
    await browser.evaluate(
        f"(() => {{ const f = document.getElementById('f-{field}'); f.value = {json.dumps(value)};"
        " f.dispatchEvent(new Event(f.tagName === 'INPUT' ? 'input' : 'change', {bubbles: true})); })()")
    return await browser.evaluate(VISIBLE_ROWS)


async def check_history_run(browser, args, work):
    fixtures = Path(args.fixtures).resolve()
    checkouts = work / "checkouts"
    kinds = {"api": "compliant", "web": "sample-app", "worker": "sample-app", "docs": "readme", HOSTILE: "sample-app"}
    for name, fixture in kinds.items():
        populate(checkouts / name, fixture, fixtures)
        commit(checkouts / name, "initial")
    run_org(args.plimsoll, ["--checkouts", "checkouts", "--output", "out", "--quiet"], work)
    populate(checkouts / "worker", "compliant", fixtures)
    commit(checkouts / "worker", "follow the standard")
    run_org(args.plimsoll, ["--checkouts", "checkouts", "--output", "out", "--quiet"], work)
    records = [json.loads(line) for line in (work / "out/summary.jsonl").read_text().splitlines()]
    history = (work / "out/history.jsonl").read_text().splitlines()
    check(len(history) == 2, "history.jsonl has a line per run")

    page = (work / "out/dashboard.html").as_uri()
    seconds = await browser.open(page)
    check(browser.problems() == [], f"no console error or CSP violation: {browser.problems()}")
    print(f"  (loaded in {seconds:.2f} s)")
    await browser.screenshot(Path(args.artefacts) / "dashboard-two-runs.png")

    points = await browser.evaluate("document.querySelectorAll('figure[data-chart=overall] circle').length")
    check(points == 2, f"the overall chart has two points ({points})")
    families = await browser.evaluate(
        "Array.from(document.querySelectorAll('figure.chart')).map(f => f.querySelectorAll('circle').length)")
    check(len(families) > 1 and all(count == 2 for count in families), f"every family's chart has two points {families}")
    became = await browser.evaluate(
        "Array.from(document.querySelectorAll('#became-compliant li')).map(li => li.textContent)")
    check(became == ["worker"], f"'since last run' names the fixed repository: {became}")
    fixed = await browser.evaluate("document.querySelector('.changes p').textContent")
    check(re.search(r"[1-9]\d* findings fixed", fixed or "") is not None, f"and counts its fixed findings: {fixed!r}")

    rule_pages = await browser.evaluate(
        "Array.from(document.querySelectorAll('#rules tbody tr td:first-child a')).map(a => [a.textContent, a.href])")
    repository_pages = await browser.evaluate(
        "Array.from(document.querySelectorAll('#repository-table tbody .name a')).map(a => [a.textContent, a.href])")
    await browser.screenshot(Path(args.artefacts) / "dashboard-main-after-fix.png")

    # Each rule's page lists exactly the repositories whose records break it.
    drill = {}
    for rule, url in rule_pages:
        await browser.open(url)
        drill[rule] = sorted(await browser.evaluate(
            "Array.from(document.querySelectorAll('ul.breaks > li')).map(li => li.querySelector('a').textContent)"))
        if browser.problems():
            check(False, f"no console error on {rule}'s page: {browser.problems()}")
    expected = {}
    for record in records:
        if record["status"] == "ok" and record.get("applies", True):
            for rule, count in record["rules"].items():
                if count > 0:
                    expected.setdefault(rule, []).append(record["repo"])
    expected = {rule: sorted(names) for rule, names in expected.items()}
    check(drill == expected, f"every rule's page lists exactly the repositories that break it ({len(drill)} rules)")
    check("PL101" in drill and HOSTILE in drill["PL101"], "including the hostile name, as text")
    await browser.open(dict(rule_pages)["PL101"])
    await browser.screenshot(Path(args.artefacts) / "dashboard-rule-PL101.png")

    # Links on each repository's page: blob/<commit>/<path>#L<line> of the checkout that was scanned.
    links = []
    for name, url in repository_pages:
        await browser.open(url)
        check(browser.problems() == [], f"no console error on {name!r}'s page")
        check(await browser.evaluate("document.querySelectorAll('img').length") == 0, f"no image on {name!r}'s page")
        families = await browser.evaluate(
            "Array.from(document.querySelectorAll('tr.family th')).map(th => th.textContent)")
        if name == "web":
            await browser.screenshot(Path(args.artefacts) / "dashboard-repository-web.png")
            check(len(families) > 0 and all(": " in f for f in families), f"web's findings are grouped by family {families}")
        if name == "api":
            check(families == [], "a compliant repository prints no family heading")
        links += [[name, *link] for link in await browser.evaluate(
            "Array.from(document.querySelectorAll('a[href^=\"https://github.com/\"]')).map(a => [a.getAttribute('href'), a.textContent])")]
    await browser.open(page)
    check(len(links) > 0, f"locations link to GitHub ({len(links)} links)")
    heads = {name: git(checkouts / name, "rev-parse", "HEAD") for name in kinds}
    for name, href, text in links:
        path, _, line = text.rpartition(":")
        owner_name = name if name != HOSTILE else None
        pattern = re.compile(r"^https://github\.com/example-org/([^/]+)/blob/([0-9a-f]{40})/(.+)#L(\d+)$")
        match = pattern.match(href)
        good = (match is not None and match.group(2) == heads[name] and match.group(4) == line
                and match.group(3) == "/".join(part for part in path.split("/")))
        if owner_name is not None:
            good = good and match.group(1) == owner_name
        if not good:
            check(False, f"link {href} of {name} ({text}) is blob/<HEAD>/<path>#L<line>")
            break
    else:
        check(True, "every link is blob/<scanned commit>/<path>#L<line> of its repository")

    check(await browser.evaluate("document.querySelectorAll('img').length") == 0, "the hostile name made no element")

    # Filters.
    check(await browser.evaluate("!document.getElementById('filters').hidden"), "the filters show with JavaScript")
    everyone = await browser.evaluate(VISIBLE_ROWS)
    check(sorted(everyone) == sorted(kinds), f"all rows at first: {everyone}")
    failing = await set_filter(browser, "state", "failing")
    expected_failing = sorted(r["repo"] for r in records if r["status"] == "ok" and r.get("applies", True)
                              and any(v == "failing" for v in r["families"].values()))
    check(sorted(failing) == expected_failing, f"status 'failing' shows the failing ones: {failing}")
    not_applicable = await set_filter(browser, "state", "not-applicable")
    check(not_applicable == ["docs"], f"status 'not applicable' shows the one without a Dockerfile: {not_applicable}")
    await set_filter(browser, "state", "")
    named = await set_filter(browser, "name", "WEB")
    check(named == ["web"], f"name search is case-insensitive: {named}")
    hostile = await set_filter(browser, "name", "onerror")
    check(hostile == [HOSTILE], f"and finds the hostile name as text: {hostile}")
    await set_filter(browser, "name", "")
    token = await set_filter(browser, "family", "STRUCTURE")
    check(sorted(token) == sorted(r["repo"] for r in records if r["families"].get("STRUCTURE") == "failing"
                                   and r.get("applies", True) and r["status"] == "ok"),
          f"family 'STRUCTURE' shows the repositories failing it: {token}")
    await set_filter(browser, "family", "")
    notes = await set_filter(browser, "severity", "note")
    check(sorted(notes) == sorted(r["repo"] for r in records if r["severities"].get("note", 0) > 0),
          f"severity 'note' shows repositories with notes: {notes}")
    count = await browser.evaluate("document.getElementById('f-count').textContent")
    check(count == f"{len(notes)} of {len(kinds)} repositories shown", f"the count says so: {count!r}")
    await browser.evaluate("document.getElementById('repositories').scrollIntoView()")
    await browser.screenshot(Path(args.artefacts) / "dashboard-filtered.png")
    await set_filter(browser, "severity", "")

    # Without JavaScript: complete and sorted, no filter controls.
    await browser.open(page, javascript=False)
    rows = await browser.evaluate(
        "Array.from(document.querySelectorAll('#repository-table tbody tr')).map(r => r.querySelector('.name').textContent)")
    check(rows == sorted(kinds), f"without JavaScript every row is shown, sorted by name: {rows}")
    check(await browser.evaluate("document.getElementById('filters').hidden"), "and the inert filters stay hidden")
    await browser.evaluate("document.getElementById('repositories').scrollIntoView()")
    await browser.screenshot(Path(args.artefacts) / "dashboard-no-javascript.png")


async def check_teams(browser, args, work):
    fixtures = Path(args.fixtures).resolve()
    sources = work / "sources"
    manifest = "repos:\n"
    for name, fixture, team in [("one", "compliant", "platform"), ("two", "sample-app", "web"),
                                ("three", "sample-app", "platform"), ("four", "compliant", None)]:
        populate(sources / name, fixture, fixtures)
        commit(sources / name, "initial")
        manifest += f"  - url: {json.dumps((sources / name).as_uri())}\n    name: {name}\n"
        if team:
            manifest += f"    team: {json.dumps(team)}\n"
    (work / "repos.yml").write_text(manifest)
    run_org(args.plimsoll, ["--manifest", "repos.yml", "--cache", "cache", "--output", "teams", "--quiet"], work)
    await browser.open((work / "teams/dashboard.html").as_uri())
    check(browser.problems() == [], f"no console error: {browser.problems()}")
    options = await browser.evaluate(
        "Array.from(document.querySelectorAll('#f-team option')).map(o => [o.value, o.textContent])")
    check(options == [["", "any"], ["t0", "platform"], ["t1", "web"], ["none", "no team"]], f"team options {options}")
    platform = await set_filter(browser, "team", "t0")
    check(sorted(platform) == ["one", "three"], f"team 'platform' shows its repositories: {platform}")
    none = await set_filter(browser, "team", "none")
    check(none == ["four"], f"'no team' shows the rest: {none}")


async def measure_scale(browser, args):
    page = Path(args.scale) / "dashboard.html"
    size = page.stat().st_size
    records = len((Path(args.scale) / "summary.jsonl").read_text().splitlines())
    seconds = await browser.open(page.resolve().as_uri())
    rows = await browser.evaluate("document.querySelectorAll('#repository-table tbody tr').length")
    filter_start = time.monotonic()
    await set_filter(browser, "state", "failing")
    filter_seconds = time.monotonic() - filter_start
    await browser.screenshot(Path(args.artefacts) / "dashboard-scale.png")
    check(rows == records, f"{records} repositories, {rows} rows")
    check(size < 3_000_000, f"page size {size:,} bytes < 3 MB")
    check(browser.problems() == [], f"no console error: {browser.problems()}")
    print(f"  scale: {records} repositories, {size:,} bytes, load event after {seconds:.2f} s, "
          f"a filter applied in {filter_seconds:.2f} s (headless Chromium; reported, not asserted)")


async def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--plimsoll", required=True)
    parser.add_argument("--chromium", required=True)
    parser.add_argument("--fixtures", required=True)
    parser.add_argument("--artefacts", required=True)
    parser.add_argument("--scale")
    args = parser.parse_args()
    args.plimsoll = os.path.abspath(args.plimsoll)
    Path(args.artefacts).mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as temporary:
        work = Path(temporary)
        browser = Browser(args.chromium, work / "profile")
        try:
            await browser.start()
            print("two runs, one repository fixed in between:")
            await check_history_run(browser, args, work)
            print("teams from a manifest:")
            await check_teams(browser, args, work)
            if args.scale:
                print("scale:")
                await measure_scale(browser, args)
        finally:
            await browser.close()
    print(f"screenshots in {args.artefacts}")
    if FAILURES:
        sys.exit(f"{len(FAILURES)} dashboard check(s) failed")


if __name__ == "__main__":
    asyncio.run(main())
