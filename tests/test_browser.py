"""Headless Chromium renders the site's main pages without console errors.

Debian's /usr/bin/chromium (installed by `make browser`, part of `make test`) is driven
over the DevTools protocol: Runtime.consoleAPICalled (error), Runtime.exceptionThrown and
Log.entryAdded (error: failed loads, CSP, ...) are collected per page, and any JavaScript
dialog is a failure (the document holding <script>alert(1)</script> must stay inert).
Screenshots are kept in tests/artifacts/ for a person to look at.
"""

from __future__ import annotations

import base64
import json
import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

import httpx
import pytest

from siteserver import free_port, record_id

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARTIFACTS = Path(__file__).parent / "artifacts"
if not Path(CHROMIUM).exists():
    if os.environ.get("EVIDENCE_REQUIRE_BROWSER"):  # `make test` installs it: missing is a failure there
        raise RuntimeError(f"{CHROMIUM} is missing; `make browser` installs Debian's chromium")
    pytestmark = pytest.mark.skip(reason="Debian's chromium is not installed (`make browser` installs it)")


class DevTools:
    """Just enough of the DevTools protocol: commands, and the events they cause."""

    def __init__(self, ws_url: str):
        import websocket  # websocket-client

        self.ws = websocket.create_connection(ws_url, timeout=30, suppress_origin=True)
        self.next_id = 0
        self.events: list[dict] = []

    def _receive(self) -> dict:
        """The next message; a JavaScript dialog is recorded and dismissed at once, since
        an open dialog blocks the page (and its load event) until it is answered."""
        message = json.loads(self.ws.recv())
        if message.get("method") == "Page.javascriptDialogOpening":
            self.next_id += 1
            self.ws.send(json.dumps({"id": self.next_id, "method": "Page.handleJavaScriptDialog",
                                     "params": {"accept": False}}))
        return message

    def send(self, method: str, **params) -> dict:
        self.next_id += 1
        self.ws.send(json.dumps({"id": self.next_id, "method": method, "params": params}))
        sent = self.next_id
        while True:
            message = self._receive()
            if message.get("id") == sent:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return message.get("result", {})
            self.events.append(message)

    def wait_for(self, method: str, timeout: float = 30) -> dict:
        deadline = time.monotonic() + timeout
        for event in self.events:
            if event.get("method") == method:
                return event
        while time.monotonic() < deadline:
            self.ws.settimeout(max(0.1, deadline - time.monotonic()))
            event = self._receive()
            self.events.append(event)
            if event.get("method") == method:
                return event
        raise TimeoutError(method)

    def drain(self, seconds: float) -> None:
        """Collect what arrives in the next `seconds` (late console messages, dialogs)."""
        import websocket

        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            self.ws.settimeout(max(0.05, deadline - time.monotonic()))
            try:
                self.events.append(self._receive())
            except websocket.WebSocketTimeoutException:
                break

    def close(self):
        self.ws.close()


@pytest.fixture(scope="module")
def browser():
    port = free_port()
    profile = tempfile.mkdtemp(prefix="chromium-profile-")
    proc = subprocess.Popen([
        CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-extensions",
        "--disable-default-apps", f"--user-data-dir={profile}", f"--remote-debugging-port={port}",
        "--remote-debugging-address=127.0.0.1", "--window-size=1280,900", "about:blank",
    ], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                httpx.get(base + "/json/version", timeout=2).raise_for_status()
                break
            except httpx.HTTPError:
                if time.monotonic() > deadline or proc.poll() is not None:
                    raise RuntimeError("chromium did not start")
                time.sleep(0.2)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
        shutil.rmtree(profile, ignore_errors=True)


def render(browser: str, url: str, screenshot: Path, script: str | None = None):
    """Load `url` in a fresh tab, save a full-page screenshot, return the problems seen
    (and, given a JavaScript expression, its value in the loaded page)."""
    target = httpx.put(f"{browser}/json/new?about:blank", timeout=10).json()
    tools = DevTools(target["webSocketDebuggerUrl"])
    try:
        for domain in ("Page", "Runtime", "Log"):
            tools.send(f"{domain}.enable")
        tools.send("Emulation.setDeviceMetricsOverride", width=1280, height=900, deviceScaleFactor=1, mobile=False)
        tools.send("Page.navigate", url=url)
        tools.wait_for("Page.loadEventFired")
        tools.drain(0.7)
        metrics = tools.send("Page.getLayoutMetrics")
        height = min(4000, int(metrics["cssContentSize"]["height"]))
        shot = tools.send("Page.captureScreenshot", format="png", captureBeyondViewport=True,
                          clip={"x": 0, "y": 0, "width": 1280, "height": height, "scale": 1})
        screenshot.write_bytes(base64.b64decode(shot["data"]))
        value = None
        if script:
            value = tools.send("Runtime.evaluate", expression=script, returnByValue=True)["result"].get("value")
        problems = []
        for event in tools.events:
            method, params = event.get("method"), event.get("params", {})
            if method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert"):
                problems.append(f"console.{params['type']}: {params.get('args')}")
            elif method == "Runtime.exceptionThrown":
                problems.append(f"exception: {params['exceptionDetails'].get('text')}")
            elif method == "Log.entryAdded" and params["entry"]["level"] == "error":
                problems.append(f"log: {params['entry'].get('text')} {params['entry'].get('url', '')}")
            elif method == "Page.javascriptDialogOpening":
                problems.append(f"dialog opened: {params.get('message')}")
        return (problems, value) if script else problems
    finally:
        tools.close()
        httpx.get(f"{browser}/json/close/{target['id']}", timeout=10)


PAGES = {
    "home": "/",
    "record": "/-/record/outcomes/{outcome}",
    "claim": "/-/claim?claim=In+Wageningen+vonden+2%2C5+keer+zoveel+mensen+werk.",
    "map": "/-/map",
    "chart": "/-/chart",
    "search": "/-/search?q=uitstromen+deelnemers",
    "outcomes-table": "/{db}/outcomes?_province=Gelderland",
    "script-document": "/-/record/sample_sizes/{script_record}",
    "query": "/{db}?sql=select+name%2C+province+from+municipalities+limit+5",
    "canned-query": "/{db}/word_search?zoekwoorden=deelnemers",
}


@pytest.mark.parametrize("name", list(PAGES))
def test_page_renders_without_console_errors(site, browser, name):
    outcome = record_id(site, "outcomes", "municipality = 'Wageningen' and ratio = 2.5")
    script_doc = record_id(site, "documents", "text like ?", ("%<script>%",))
    script_record = record_id(site, "sample_sizes", "document_id = ?", (script_doc,))
    url = site.base + PAGES[name].format(db=site.db, outcome=outcome, script_record=script_record)
    ARTIFACTS.mkdir(exist_ok=True)
    screenshot = ARTIFACTS / f"{name}.png"
    problems = render(browser, url, screenshot)
    assert problems == [], problems
    assert screenshot.stat().st_size > 10_000  # a rendered page, not a blank one


def test_the_check_sees_console_errors_and_dialogs(browser, tmp_path):
    page = "data:text/html,<script>console.error('kapot'); alert('hallo')</script><img src='/bestaat-niet.png'>"
    problems = render(browser, page, tmp_path / "broken.png")
    assert any("kapot" in p for p in problems)
    assert any("dialog opened: hallo" in p for p in problems)


LAYOUT = """(() => {
  const root = document.documentElement, label = document.querySelector('label[for=site-q]');
  return {scroll: root.scrollWidth - root.clientWidth, label: label.getBoundingClientRect().width};
})()"""


@pytest.mark.parametrize("path", ["/", "/-/search?q=uitstromen", "/{db}/outcomes", "/-/claim"])
def test_no_sideways_scrolling_and_the_hidden_label_stays_hidden(site, browser, tmp_path, path):
    problems, layout = render(browser, site.base + path.format(db=site.db), tmp_path / "page.png", LAYOUT)
    assert problems == []
    assert layout["scroll"] <= 0  # no horizontal scrollbar at 1280 px
    assert layout["label"] <= 1  # .visually-hidden: read by screen readers, not shown


MAP_LABELS = """(() => {
  const boxes = [...document.querySelectorAll('.nl-map .place text')].map(t => {
    const b = t.getBBox(); return {name: t.textContent, x0: b.x, y0: b.y, x1: b.x + b.width, y1: b.y + b.height};
  });
  const clashes = [];
  boxes.forEach((a, i) => boxes.slice(i + 1).forEach(b => {
    if (a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1) clashes.push(a.name + '/' + b.name);
  }));
  return {names: boxes.map(b => b.name), clashes: clashes};
})()"""


def test_map_labels_of_neighbours_do_not_overlap(own_site, browser):
    ARTIFACTS.mkdir(exist_ok=True)
    problems, labels = render(browser, own_site.base + "/-/map", ARTIFACTS / "map-neighbours.png", MAP_LABELS)
    assert problems == []
    assert {"Utrecht", "Zeist"} <= set(labels["names"])
    assert labels["clashes"] == []


EDITOR = """(() => ({editor: document.querySelectorAll('.CodeMirror').length,
           csp: document.querySelectorAll('textarea#sql-editor').length}))()"""


def test_the_sql_editor_runs_from_a_file_under_the_content_security_policy(site, browser, tmp_path):
    """Datasette's inline editor script is static/sql-editor.js: the policy allows no
    inline script, and the editor (CodeMirror) still starts without a console error."""
    url = site.base + f"/{site.db}?sql=select+1"
    assert "script-src 'self'" in httpx.get(url).headers["content-security-policy"]
    problems, found = render(browser, url, tmp_path / "editor.png", EDITOR)
    assert problems == []
    assert found == {"editor": 1, "csp": 1}
