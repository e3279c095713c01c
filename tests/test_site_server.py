"""The published site against a real server: the database is built with the real
`evidence build` from the seed corpus plus two documents of our own (a second source
that reports other Wageningen figures, and one with <script> in its text), and served with
the exact arguments of `evidence serve` on 127.0.0.1 and a free port.

The `site` fixture is shared by the other test_site*.py modules and test_browser.py
(they import it); the server is started once per test run.
"""

from __future__ import annotations

import atexit
import socket
import subprocess
import sys
import tempfile
import time
from functools import lru_cache
from pathlib import Path

import httpx
import pytest

ROOT = Path(__file__).resolve().parents[1]
SEEDS = Path(__file__).parents[2] / "shared" / "corpus" / "seeds"
sys.path.insert(0, str(ROOT))

from ingest.cli import datasette_args  # noqa: E402

SECOND_SOURCE = """<!DOCTYPE html>
<html lang="nl"><head><meta charset="utf-8">
<title>Wageningen: twee keer zoveel mensen aan het werk</title>
<meta property="og:site_name" content="Regionieuws Vallei">
<meta property="article:published_time" content="2020-06-02T09:00:00+02:00">
<link rel="canonical" href="https://regionieuws.example/wageningen-bijstand">
</head><body><article>
<h1>Wageningen: twee keer zoveel mensen aan het werk</h1>
<p>Aan het experiment Vertrouwen Werkt in Wageningen deden 400 mensen mee.</p>
<p>De uitstroom naar werk was in de groep ‘zelf in actie’ twee keer zo hoog als bij de niet-deelnemers.</p>
<p>Wethouder Maud Hulshof: “Dit is een mooi resultaat voor Wageningen.”</p>
</article></body></html>
"""
SCRIPT_DOCUMENT = """Bericht met <script>alert(1)</script> in de titel

In Tilburg deden 300 mensen mee aan het experiment <script>alert(1)</script> Bijstand Anders.

Het welbevinden van de deelnemers in Tilburg nam toe. <b onmouseover="alert(2)">vet</b> en <img src=x onerror=alert(3)>.
"""
SCRIPT = "<script>alert(1)</script>"


class Site:
    def __init__(self, base: str, db_path: Path, proc: subprocess.Popen):
        self.base, self.db_path, self.proc = base, db_path, proc
        self.db = db_path.stem
        self.client = httpx.Client(base_url=base, timeout=30)

    def get(self, path: str, **kwargs) -> httpx.Response:
        return self.client.get(path, **kwargs)

    def json(self, path: str, **kwargs):
        response = self.get(path, **kwargs)
        assert response.status_code == 200, (path, response.status_code, response.text[:500])
        return response.json()

    def html(self, path: str) -> str:
        response = self.get(path)
        assert response.status_code == 200, (path, response.status_code, response.text[:500])
        return response.text

    def query(self, sql: str, params=None) -> list[dict]:
        import sqlite3

        conn = sqlite3.connect(f"file:{self.db_path}?mode=ro", uri=True)
        conn.row_factory = sqlite3.Row
        try:
            return [dict(r) for r in conn.execute(sql, params or [])]
        finally:
            conn.close()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@lru_cache(maxsize=1)
def start_site() -> Site:
    tmp = Path(tempfile.mkdtemp(prefix="evidence-site-"))
    extra = tmp / "extra"
    extra.mkdir()
    (extra / "wageningen_regionieuws.html").write_text(SECOND_SOURCE, encoding="utf-8")
    (extra / "script_injectie.txt").write_text(SCRIPT_DOCUMENT, encoding="utf-8")
    db_path = tmp / "evidence.db"
    build = subprocess.run([sys.executable, "-m", "ingest.cli", "build", str(SEEDS), str(extra), "--db", str(db_path)],
                           cwd=ROOT, capture_output=True, text=True)
    assert build.returncode == 0, build.stderr
    port = free_port()
    log = open(tmp / "server.log", "wb")
    proc = subprocess.Popen([sys.executable, "-m", "datasette", *datasette_args(str(db_path)),
                             "--host", "127.0.0.1", "--port", str(port)],
                            cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)
    atexit.register(_stop, proc)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        assert proc.poll() is None, (tmp / "server.log").read_text()
        try:
            if httpx.get(base + "/-/versions.json", timeout=2).status_code == 200:
                return Site(base, db_path, proc)
        except httpx.HTTPError:
            time.sleep(0.2)
    raise AssertionError("the server did not answer within 60 s")


def _stop(proc: subprocess.Popen) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()


@pytest.fixture(scope="session")
def site() -> Site:
    return start_site()


def record_id(site: Site, table: str, where: str, params=()) -> str:
    rows = site.query(f"select id from {table} where {where} order by id", params)
    assert rows, f"no {table} row where {where} {params}"
    return rows[0]["id"]


# -- the server as served --------------------------------------------------------------------

def test_served_read_only_with_a_time_limit(site):
    settings = site.json("/-/settings.json")
    assert settings["sql_time_limit_ms"] == 2000
    databases = site.json("/-/databases.json")
    assert [d["is_mutable"] for d in databases if d["name"] == site.db] == [False]
    write = site.get(f"/{site.db}.json", params={"sql": "delete from outcomes"})
    assert write.status_code == 400
    assert site.query("select count(*) as n from outcomes")[0]["n"] > 0


def test_a_slow_query_is_stopped_by_the_time_limit(site):
    slow = "with recursive c(x) as (select 1 union all select x + 1 from c) select count(*) from c"
    started = time.monotonic()
    response = site.get(f"/{site.db}.json", params={"sql": slow})
    assert response.status_code == 400
    assert "too long" in response.text
    assert time.monotonic() - started < 10


@pytest.mark.parametrize("path", [
    "/", "/{db}", "/{db}/outcomes", "/{db}/quotes", "/{db}/documents", "/{db}/arms", "/{db}/sample_sizes",
    "/{db}/experiments", "/{db}/municipality_mentions", "/{db}/municipalities", "/{db}/labels",
    "/-/search?q=uitstromen", "/-/claim", "/-/claim?claim=In+Wageningen+vonden+2%2C5+keer+zoveel+mensen+werk.",
    "/-/map", "/-/chart", "/-/chart?measure=outflow_to_work&comparator=non_participants",
    "/{db}/outcome_matrix", "/{db}/quotes_by_person?spreker=Hulshof&rol=", "/{db}/differing_figures?gemeente=",
    "/{db}/sources_for_experiment?experiment=Vertrouwen+Werkt", "/{db}/word_search?zoekwoorden=deelnemers",
])
def test_pages_answer_in_dutch(site, path):
    html = site.html(path.format(db=site.db))
    assert '<html lang="nl">' in html
    assert "Bewijsbank bijstandsexperimenten" in html
    for english in ("Powered by", "This data as", "Suggested facets", "Advanced export", "Run SQL"):
        assert english not in html


def test_unknown_record_is_a_dutch_404(site):
    response = site.get("/-/record/outcomes/0000000000000000")
    assert response.status_code == 404
    assert "Niet gevonden" in response.text


SCRIPT_PAGES = [
    "/{db}/documents/{doc}", "/{db}/documents", "/{db}/outcomes?municipality=Tilburg",
    "/-/record/outcomes/{outcome}", "/-/record/sample_sizes/{size}", "/-/search?q=alert",
    "/-/search?q=Tilburg+welbevinden", "/-/claim?claim=In+Tilburg+nam+het+welbevinden+toe.",
    "/-/claim?claim=%3C%2Fscript%3E%3Cscript%3Ealert(1)%3C%2Fscript%3E+in+Tilburg+nam+het+welbevinden+toe",
    "/-/feed.atom", "/{db}/quotes_by_person?spreker=&rol=",
]


@pytest.mark.parametrize("path", SCRIPT_PAGES)
def test_script_in_a_document_is_inert(site, path):
    doc = record_id(site, "documents", "text like ?", ("%<script>%",))
    outcome = record_id(site, "outcomes", "document_id = ?", (doc,))
    size = record_id(site, "sample_sizes", "document_id = ?", (doc,))
    body = site.html(path.format(db=site.db, doc=doc, outcome=outcome, size=size))
    assert SCRIPT not in body
    assert "<img src=x" not in body and "<b onmouseover" not in body
    if "claim=" not in path and "quotes_by_person" not in path:
        assert "&lt;script&gt;" in body or "&amp;lt;script&amp;gt;" in body


def test_claim_json_ld_cannot_close_its_script_element(site):
    html = site.html("/-/claim?claim=%3C%2Fscript%3E%3Cscript%3Ealert(1)%3C%2Fscript%3E+Wageningen+uitstroom")
    head = html.split('<script type="application/ld+json">', 1)[1].split("</script>", 1)[0]
    assert "alert(1)" in head  # the claim is there, escaped, inside the JSON-LD
    assert "<script>alert(1)" not in html
