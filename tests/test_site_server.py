"""The published site against a real server: the database is built with the real
`evidence build` from the seed corpus plus two documents of our own (a second source
that reports other Wageningen figures, and one with <script> in its text), and served with
the exact arguments of `evidence serve` on 127.0.0.1 and a free port. A second server
(`own_site`) holds only tests/site_corpus, documents written for the site tests.

The fixtures are shared by the other test_site*.py modules and test_browser.py (they
import them); each server is started once per test run.
"""

from __future__ import annotations

import atexit
import re
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

from ingest.publish.web import datasette_args  # noqa: E402

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
OWN_CORPUS = ROOT / "tests" / "site_corpus" / "docs"  # documents written for the site tests


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
    return serve(build(tmp / "evidence.db", SEEDS, extra))


@lru_cache(maxsize=1)
def start_own_site() -> Site:
    tmp = Path(tempfile.mkdtemp(prefix="evidence-own-"))
    return serve(build(tmp / "evidence.db", OWN_CORPUS))


def build(db_path: Path, *paths) -> Path:
    """`evidence build PATHS --db db_path`, asserted to succeed."""
    done = subprocess.run([sys.executable, "-m", "ingest.cli", "build", *map(str, paths), "--db", str(db_path)],
                          cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return db_path


def serve(db_path: Path) -> Site:
    """`db_path` served with the exact arguments of `evidence serve`, on a free port;
    stopped at exit (or by `stop(site)`)."""
    port = free_port()
    log_path = db_path.with_suffix(".server.log")
    log = open(log_path, "wb")
    proc = subprocess.Popen([sys.executable, "-m", "datasette", *datasette_args(str(db_path)),
                             "--host", "127.0.0.1", "--port", str(port)],
                            cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)
    atexit.register(_stop, proc)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        assert proc.poll() is None, log_path.read_text()
        try:
            if httpx.get(base + "/-/versions.json", timeout=2).status_code == 200:
                return Site(base, db_path, proc)
        except httpx.HTTPError:
            time.sleep(0.2)
    raise AssertionError("the server did not answer within 60 s")


def stop(site: Site) -> None:
    site.client.close()
    _stop(site.proc)


def _stop(proc: subprocess.Popen) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()


@pytest.fixture(scope="session")
def site() -> Site:
    """The seed corpus plus the two documents above."""
    return start_site()


@pytest.fixture(scope="session")
def own_site() -> Site:
    """Only the documents of tests/site_corpus/docs: facts the tests can name."""
    return start_own_site()


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


def test_any_database_file_name_gets_the_whole_site(site, tmp_path):
    """metadata.yml names the database `evidence`; a file called otherwise is the same site."""
    other = tmp_path / "audit.db"
    other.write_bytes(site.db_path.read_bytes())
    audit = serve(other)
    try:
        assert audit.db == "audit"
        outcomes = audit.json("/audit/outcomes.json", params={"_size": 0})
        assert {"measure", "comparator", "province"} <= set(outcomes["facet_results"])
        assert "<h1>Uitkomsten" in audit.html("/audit/outcomes")
        assert {"outcome_matrix", "differing_figures"} <= {q["name"] for q in audit.json("/audit.json")["queries"]}
        home = audit.html("/")
        links = set(re.findall(r'href="(/audit[^"#]*)"', home.replace("&amp;", "&")))
        assert any("sources_for_experiment" in link for link in links)
        for link in links:
            assert audit.get(link).status_code == 200, link
    finally:
        stop(audit)


def test_a_slow_query_is_stopped_by_the_time_limit(site):
    slow = "with recursive c(x) as (select 1 union all select x + 1 from c) select count(*) from c"
    started = time.monotonic()
    response = site.get(f"/{site.db}.json", params={"sql": slow})
    assert response.status_code == 400
    assert "duurde te lang" in response.json()["error"]
    assert time.monotonic() - started < 10


@pytest.mark.parametrize("sql", [
    "select length(randomblob(200000000))",
    "select length(zeroblob(1000000000))",
    "select length(printf('%.*c', 1000000000, 'x'))",
])
def test_one_huge_value_cannot_outrun_the_time_limit(site, sql):
    """The time limit is checked between SQLite's steps; a single step building a huge
    value is stopped by SQLite's length limit instead."""
    for path in (f"/{site.db}.json", f"/{site.db}"):
        started = time.monotonic()
        response = site.get(path, params={"sql": sql})
        assert time.monotonic() - started < 1.5, path
        assert response.status_code == 400, (path, response.text[:300])
        if path.endswith(".json"):
            assert response.json()["error"]
    assert "te groot" in response.text  # the page says it in Dutch; the JSON keeps SQLite's words


ENGLISH = ("not found", "Invalid SQL", "must be", "syntax error", "Traceback", "Cannot", "unterminated", "Error")


@pytest.mark.parametrize("path, status, dutch", [
    ("/nope", 404, "Deze databank bestaat niet."),
    ("/{db}/nope", 404, "Deze tabel bestaat niet."),
    ("/{db}/outcomes/nope", 404, "Deze rij bestaat niet."),
    ("/{db}/outcomes.json?_size=5000", 400, "hoogstens 1000 rijen"),
    ("/{db}/outcomes?_size=5000", 400, "hoogstens 1000 rijen"),
    ("/{db}/outcomes?_sort=nope", 400, "Sorteren op ‘nope’ kan niet"),
    ("/{db}/outcomes.json?_sort_desc=nope", 400, "Sorteren op ‘nope’ kan niet"),
    ("/{db}?sql=selec", 400, "alleen-lezen"),
    ("/{db}.json?sql=delete+from+outcomes", 400, "alleen-lezen"),
    ("/{db}?sql=select+nope+from+outcomes", 400, "Kolom ‘nope’ bestaat niet."),
    ("/{db}/quotes?_search=capaciteit+OR&_searchmode=raw", 400, "De zoekvraag kon niet gelezen worden."),
    ("/-/record/outcomes/0000000000000000", 404, "Niet gevonden"),
    ("/-/cite/0000000000000000.bib", 404, "bestaat niet"),
])
def test_error_pages_are_dutch_and_fast(site, path, status, dutch):
    started = time.monotonic()
    response = site.get(path.format(db=site.db))
    assert time.monotonic() - started < 0.5  # Datasette's own handler took 0.3-1.8 s
    assert response.status_code == status
    text = response.json()["error"] if ".json" in path else response.text
    assert dutch in text
    if ".json" not in path:
        assert '<html lang="nl">' in text
        assert not [word for word in ENGLISH if word in text.split("<footer", 1)[0].split("</head>", 1)[1]]


@pytest.mark.parametrize("search", ['"', 'uitstroom"', '"uitstroom', '""', "uitstroom OR"])
def test_table_search_tolerates_stray_quotes(site, search):
    for table in ("documents", "quotes", "outcomes"):
        response = site.get(f"/{site.db}/{table}.json", params={"_search": search})
        assert response.status_code == 200, (table, search, response.text[:300])


def test_search_pages_past_the_end(site):
    data = site.json("/-/search.json", params={"q": "uitstroom", "pagina": "99999999999999999999"})
    assert data["total"] > 0 and data["results"]
    assert data["page"] == -(-data["total"] // 30)  # the last page
    assert site.json("/-/search.json", params={"q": "uitstroom", "pagina": "-3"})["page"] == 1


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
