"""The site against hostile input, on a real server (tests/siteserver.py): documents whose
canonical address is `javascript:` or holds BibTeX braces, SQL that builds huge results or
calls the site's own functions endlessly, slow queries in bulk, formulas in CSV exports,
odd methods and malformed parameters, and a feed URL that tries to break its XML.

The `hostile_site` server holds only the documents below; it is started once here."""

from __future__ import annotations

import asyncio
import importlib.util
import json
import re
import shutil
import socket
import threading
import time
import xml.etree.ElementTree as ET
from pathlib import Path
from types import SimpleNamespace

import httpx
import pytest

from conftest import ROOT
from siteserver import build, record_id, serve, stop

JAVASCRIPT_SOURCE = """<!DOCTYPE html>
<html lang="nl"><head><meta charset="utf-8">
<title>=HYPERLINK("https://kwaad.example";"klik") } , note = {ingevoegd</title>
<meta property="og:site_name" content="Kwaad } , howpublished = {x">
<meta property="og:url" content="javascript:alert(document.domain)">
<link rel="canonical" href="javascript:alert(document.domain)//">
<meta property="article:published_time" content="2020-06-02T09:00:00+02:00">
</head><body><article>
<h1>=HYPERLINK("https://kwaad.example";"klik") } , note = {ingevoegd</h1>
<p>Aan het experiment Vertrouwen Werkt in Wageningen deden 400 mensen mee.</p>
<p>De uitstroom naar werk was in de groep ‘zelf in actie’ twee keer zo hoog als bij de niet-deelnemers.</p>
</article></body></html>
"""
BRACE_SOURCE = """<!DOCTYPE html>
<html lang="nl"><head><meta charset="utf-8">
<title>Wageningen: uitstroom verdubbeld</title>
<link rel="canonical" href="https://kwaad.example/a},note={ingevoegd">
</head><body><article>
<p>Aan het experiment Vertrouwen Werkt in Wageningen deden 410 mensen mee.</p>
</article></body></html>
"""
CSP = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
       "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; "
       "form-action 'self'")
SLOW = "with recursive c(x) as (select 1 union all select x + 1 from c) select count(*) from c"


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    docs = tmp_path_factory.mktemp("hostile-docs")
    (docs / "aanval.html").write_text(JAVASCRIPT_SOURCE, encoding="utf-8")
    (docs / "accolade.html").write_text(BRACE_SOURCE, encoding="utf-8")
    site = serve(build(tmp_path_factory.mktemp("hostile") / "evidence.db", docs))
    yield site
    stop(site)


def _doc(site, like: str) -> str:
    return record_id(site, "documents", "source_url like ?", (like,))


# -- only http(s) addresses become links -------------------------------------------------

def test_a_javascript_address_is_never_a_link(hostile_site):
    site = hostile_site
    doc = _doc(site, "javascript:%")
    size = record_id(site, "sample_sizes", "document_id = ?", (doc,))
    record = site.html(f"/-/record/sample_sizes/{size}")
    assert 'href="javascript' not in record.lower()
    assert "geen webadres, daarom geen link" in record
    claim = site.html("/-/claim?claim=Aan+Vertrouwen+Werkt+in+Wageningen+deden+400+mensen+mee.")
    assert "javascript:" not in claim  # neither a link nor in the JSON-LD
    review = site.json("/-/claim.json", params={"claim": "Aan Vertrouwen Werkt in Wageningen deden 400 mensen mee."})
    cited = {c["name"]: c["url"] for c in review["claim_review"]["citation"]}
    assert cited and None in cited.values() and not any(str(u).startswith("javascript") for u in cited.values())
    bib = site.get(f"/-/cite/{doc}.bib").text
    assert "javascript" not in bib and not {"url", "howpublished"} & set(_bib_fields(bib))
    csl = json.loads(site.get(f"/-/cite/{doc}.json").text)[0]
    assert csl["URL"] == f"{site.base}/{site.db}/documents/{doc}"  # the document's page here instead


def test_an_http_address_is_still_a_link(hostile_site):
    doc = _doc(hostile_site, "https://%")
    size = record_id(hostile_site, "sample_sizes", "document_id = ?", (doc,))
    record = hostile_site.html(f"/-/record/sample_sizes/{size}")
    assert re.search(r'<a href="https://kwaad\.example/a},note={ingevoegd" rel="noopener nofollow">', record)


# -- BibTeX values cannot add fields ---------------------------------------------------------

def _bib_fields(bib: str) -> list[str]:
    """The field names of one BibTeX entry, read as BibTeX does: braces counted, a
    backslash does not hide a brace."""
    assert bib.startswith("@misc{") and bib.rstrip().endswith("}")
    body, depth, fields, current = bib.rstrip()[len("@misc{"):-1], 0, [], ""
    for char in body:
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
            assert depth >= 0, bib
        elif char == "," and depth == 0:
            fields.append(current)
            current = ""
            continue
        current += char if depth == 0 else ""
    fields.append(current)
    assert depth == 0, bib
    return [f.split("=")[0].strip() for f in fields[1:]]  # the first is the key


def test_braces_in_a_title_publisher_or_url_add_no_bibtex_field(hostile_site):
    expected = ["title", "author", "organization", "year", "month", "addendum", "language"]
    title_doc = _doc(hostile_site, "javascript:%")
    bib = hostile_site.get(f"/-/cite/{title_doc}.bib")
    assert bib.status_code == 200
    assert _bib_fields(bib.text) == expected
    assert r"\textbraceright{} , note = \textbraceleft{}ingevoegd" in bib.text
    url_doc = _doc(hostile_site, "https://%")
    bib = hostile_site.get(f"/-/cite/{url_doc}.bib").text
    assert _bib_fields(bib) == ["title", "author", "organization", "url", "howpublished", "addendum", "language"]
    assert "url = {https://kwaad.example/a%7D,note=%7Bingevoegd}" in bib


# -- Content-Security-Policy ---------------------------------------------------------------

@pytest.mark.parametrize("path, status", [
    ("/", 200), ("/{db}/outcomes", 200), ("/{db}/outcomes.json", 200), ("/{db}?sql=select+1", 200),
    ("/-/claim?claim=In+Wageningen+vonden+2%2C5+keer+zoveel+mensen+werk.", 200), ("/-/feed.atom", 200),
    ("/static/site.js", 200), ("/bestaat-niet", 404), ("/-/search", 200),
])
def test_every_answer_has_the_content_security_policy(hostile_site, path, status):
    response = hostile_site.get(path.format(db=hostile_site.db))
    assert response.status_code == status
    assert response.headers["content-security-policy"] == CSP
    assert response.headers["x-content-type-options"] == "nosniff"
    if response.headers["content-type"].startswith("text/html"):
        inline = [s for s in re.findall(r"<script([^>]*)>", response.text)
                  if "src=" not in s and "application/ld+json" not in s]
        assert inline == []  # the policy allows no inline script, so the site has none


# -- bounded results and functions -------------------------------------------------------

def _rss_peak_mb(site) -> float:
    status = Path(f"/proc/{site.proc.pid}/status").read_text()
    return int(re.search(r"VmHWM:\s+(\d+) kB", status).group(1)) / 1024


def test_a_page_of_huge_blobs_is_refused_without_the_memory(hostile_site):
    """80 blobs of 31 MB took 8 s and 3 GB; the result budget stops it after two."""
    sql = "select zeroblob(31000000) from municipalities limit 80"
    started = time.monotonic()
    page = hostile_site.get(f"/{hostile_site.db}", params={"sql": sql})
    data = hostile_site.get(f"/{hostile_site.db}.json", params={"sql": sql})
    assert time.monotonic() - started < 30
    assert page.status_code == 400 and data.status_code == 400
    assert "De uitkomst is te groot om te tonen (meer dan 64 MB tekst of blobs)" in page.text
    assert data.json()["ok"] is False
    assert _rss_peak_mb(hostile_site) < 1000
    assert hostile_site.get(f"/{hostile_site.db}/documents.json").status_code == 200  # the server lives on


def test_many_long_texts_in_one_row_are_refused(hostile_site):
    """SQLite builds a whole row before Python sees it: its heap limit stops one row of
    many 30 MB strings, and the result budget what Python is given."""
    big = "replace(hex(zeroblob(15000000)), '0', 'a')"
    page = hostile_site.get(f"/{hostile_site.db}", params={"sql": f"select {', '.join([big] * 6)}"})
    assert page.status_code == 400
    assert "De uitkomst is te groot om te maken" in page.text
    assert _rss_peak_mb(hostile_site) < 1000


@pytest.mark.parametrize("function, text, rows", [
    # 3,000 texts of 900,000 characters: about 70 s of stemming, ~100 calls between two
    # checks of the time limit (7 s for 300 before the functions saw the deadline)
    ("dutch_stem", "replace(hex(zeroblob(180000)), '00', 'werk ')", 3000),
    # 100,000 searches of 9,000 characters
    ("dutch_fts_query", "replace(printf('%.*c', 9000, 'a'), 'aaaaa', 'aaaa ')", 100_000),
])
def test_the_time_limit_holds_inside_the_sites_functions(hostile_site, function, text, rows):
    sql = (f"with recursive r(n) as (select 1 union all select n + 1 from r where n < {rows}) "
           f"select count({function}(t || n)) from r, (select {text} as t)")
    started = time.monotonic()
    response = hostile_site.get(f"/{hostile_site.db}.json", params={"sql": sql})
    assert time.monotonic() - started < 30
    assert response.status_code == 400
    assert response.json()["error"] == "De vraag duurde te lang en is afgebroken (de grens is 2 seconden)."


@pytest.mark.parametrize("sql", [
    "select dutch_stem(replace(hex(zeroblob(1000000)), '0', 'a'))",  # one word of 2 million letters: 14 s
    "select dutch_fts_query(replace(hex(zeroblob(20000)), '00', 'a '))",  # a search of 40,000 characters
    "select dutch_fts_query(replace(hex(zeroblob(2000000)), '00', 'ab '))",  # 6 million: 2 s in one call
])
def test_giant_input_to_the_sites_functions_is_refused(hostile_site, sql):
    started = time.monotonic()
    page = hostile_site.get(f"/{hostile_site.db}", params={"sql": sql})
    assert time.monotonic() - started < 30
    assert page.status_code == 400
    assert "De uitkomst is te groot om te maken" in page.text


def test_the_sites_functions_still_work(hostile_site):
    rows = hostile_site.json(f"/{hostile_site.db}.json", params={
        "sql": "select dutch_stem('uitstromen deelnemers') as s, dutch_fts_query('\"zelf in actie\" uitstroom') as q",
        "_shape": "array"})
    assert rows == [{"s": "uitstrom deelnemer", "q": '"zelf in actie" "uitstrom"'}]


# -- slow queries do not starve other pages --------------------------------------------------

HOLD_PLUGIN = '''"""A test's own SQL function: hold(folder) keeps its SQL thread until folder/release exists."""
import os
import time
import uuid

from datasette import hookimpl


def hold(folder):
    open(os.path.join(folder, "started-" + uuid.uuid4().hex), "w").close()
    deadline = time.monotonic() + 120  # only if the test died before releasing
    while not os.path.exists(os.path.join(folder, "release")) and time.monotonic() < deadline:
        time.sleep(0.01)
    return 1


@hookimpl
def prepare_connection(conn):
    conn.create_function("hold", 1, hold)
'''


@pytest.fixture(scope="module")
def holding_site(hostile_site, tmp_path_factory):
    """The hostile site's database served with the site's plugins plus `hold`."""
    folder = tmp_path_factory.mktemp("holding")
    plugins = folder / "plugins"
    shutil.copytree(ROOT / "plugins", plugins, ignore=shutil.ignore_patterns("__pycache__"))
    (plugins / "test_hold.py").write_text(HOLD_PLUGIN, encoding="utf-8")
    db = folder / "evidence.db"
    shutil.copy(hostile_site.db_path, db)
    site = serve(db, plugins_dir=plugins)
    yield site
    stop(site)


def test_sql_holding_every_slot_leaves_the_other_pages_answering(holding_site, tmp_path):
    """Arbitrary SQL holds every slot of the line and more waits behind it: the table,
    search, feed and home pages are still answered, and no query beyond the slots starts
    until the held ones are let go. The held queries end when the test says so, not after
    some time, so the outcome does not depend on the machine's speed."""
    guard = _plugin("site_guard")
    site, flags = holding_site, tmp_path
    results: list[int] = []

    def held():
        with httpx.Client(base_url=site.base, timeout=180) as client:
            results.append(client.get(f"/{site.db}.json", params={"sql": f"select hold('{flags}') as h"}).status_code)

    threads = [threading.Thread(target=held) for _ in range(guard.SQL_SLOTS + 2)]
    for t in threads:
        t.start()
    started = lambda: len(list(flags.glob("started-*")))  # noqa: E731
    deadline = time.monotonic() + 120  # a safety net for a broken server, not a measurement
    while started() < guard.SQL_SLOTS and time.monotonic() < deadline:
        time.sleep(0.01)
    assert started() == guard.SQL_SLOTS
    with httpx.Client(base_url=site.base, timeout=120) as client:
        for path in (f"/{site.db}/outcomes", "/-/search?q=uitstromen", "/-/feed.atom", "/"):
            assert client.get(path).status_code == 200, path
    assert started() == guard.SQL_SLOTS  # the rest wait in line
    assert all(t.is_alive() for t in threads)
    (flags / "release").touch()
    for t in threads:
        t.join(timeout=180)
    assert results == [200] * (guard.SQL_SLOTS + 2)
    assert started() == guard.SQL_SLOTS + 2


def test_a_slow_query_is_stopped_at_the_time_limit_in_dutch(hostile_site):
    page = hostile_site.get(f"/{hostile_site.db}.json", params={"sql": SLOW})
    assert page.status_code == 400
    assert page.json()["error"] == "De vraag duurde te lang en is afgebroken (de grens is 2 seconden)."


def _plugin(name: str):
    spec = importlib.util.spec_from_file_location(name, ROOT / "plugins" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_line_for_sql_sends_away_what_does_not_fit():
    guard = _plugin("site_guard")

    async def crowd():
        line = guard.Line()
        entered = [await line.enter() for _ in range(guard.SQL_SLOTS)]  # every slot taken
        waiting = [asyncio.ensure_future(line.enter()) for _ in range(guard.MAX_WAITING)]
        await asyncio.sleep(0)
        refused = await line.enter()  # the line is full: sent away at once
        line.leave()
        first = await waiting[0]
        for w in waiting[1:]:
            w.cancel()
        return entered, refused, first

    entered, refused, first = asyncio.run(crowd())
    assert entered == [True] * 2 and refused is False and first is True


def test_only_arbitrary_sql_and_canned_queries_wait_in_line():
    guard = _plugin("site_guard")
    ds = SimpleNamespace(databases={"evidence": None, "_internal": None},
                         metadata=lambda key, database: {"word_search": {"sql": "select 1"}})
    cases = [
        ("/evidence", {"sql": "select 1"}), ("/evidence.json", {"sql": "select 1"}),
        ("/evidence.csv", {"sql": "select 1"}), ("/evidence/word_search", {}), ("/evidence/word_search.json", {}),
        ("/evidence", {}), ("/evidence/outcomes", {}), ("/evidence/outcomes.json", {"sql": "x"}),
        ("/-/search", {"sql": "x"}), ("/-/claim", {}), ("/", {}), ("/_internal", {"sql": "select 1"}),
    ]
    assert [path for path, args in cases if guard.runs_user_sql(ds, path, args)] == [
        "/evidence", "/evidence.json", "/evidence.csv", "/evidence/word_search", "/evidence/word_search.json"]


# -- CSV exports carry no formulas -----------------------------------------------------------

def test_csv_cells_that_start_a_formula_are_quoted(hostile_site):
    sql = "select '=1+1' as a, '+31 6' as b, '-x' as c, '@SUM(A1)' as d, 'gewoon' as e, -3 as f, 2.5 as g"
    csv = hostile_site.get(f"/{hostile_site.db}.csv", params={"sql": sql})
    assert csv.status_code == 200
    assert csv.text.splitlines()[1] == "'=1+1,'+31 6,'-x,'@SUM(A1),gewoon,-3,2.5"
    rows = hostile_site.json(f"/{hostile_site.db}.json", params={"sql": sql, "_shape": "array"})
    assert rows[0]["a"] == "=1+1" and rows[0]["f"] == -3  # only CSV changes
    table = hostile_site.get(f"/{hostile_site.db}/documents.csv", params={"_col": "title"}).text
    assert """'=HYPERLINK(""https://kwaad.example"";""klik"")""" in table
    assert "\n=" not in table and ",=" not in table


# -- methods ---------------------------------------------------------------------------------

@pytest.mark.parametrize("method", ["TRACE", "FOO", "DELETE", "PUT", "POST", "OPTIONS", "PATCH"])
@pytest.mark.parametrize("path", ["/", "/{db}/outcomes", "/{db}/outcomes.json", "/-/search", "/-/feed.atom",
                                  "/-/claim.json", "/-/cite/{doc}.bib", "/static/site.js", "/-/versions.json"])
def test_unsupported_methods_answer_405(hostile_site, method, path):
    doc = _doc(hostile_site, "https://%")
    url = path.format(db=hostile_site.db, doc=doc)
    response = hostile_site.client.request(method, url)
    assert response.status_code == 405
    assert response.headers["allow"] == "GET, HEAD"
    text = response.json()["error"] if url.endswith(".json") else response.text
    assert f"De methode {method} kan hier niet; deze pagina kent alleen GET en HEAD." in text
    assert hostile_site.client.request("GET", url).status_code == 200
    assert hostile_site.client.request("HEAD", url).status_code == 200


# -- malformed parameters --------------------------------------------------------------------

@pytest.mark.parametrize("query, message", [
    ("_facet={bad", "De parameter _facet is geen geldige indeling"),
    ("_facet={}", "De parameter _facet is geen geldige indeling"),
    ('_facet={"simple": 3}', "De parameter _facet is geen geldige indeling"),
    ("_facet_array={", "De parameter _facet_array is geen geldige indeling"),
    ("_through={bad", "De parameter _through is geen geldige JSON"),
    ("_through=[]", "De parameter _through is geen geldige JSON"),
    ('_through={"table": "x"}', "De parameter _through is geen geldige JSON"),
    ("_timelimit=abc", "De parameter _timelimit moet een geheel aantal milliseconden zijn."),
    ('_through={"table": "x", "column": "y", "value": 1}', "Deze waarde van _through kan niet"),
    ("_shape=nope", "De parameter _shape kan zijn: arrays, objects, array, object of arrayfirst."),
])
def test_malformed_parameters_answer_400_in_dutch(hostile_site, query, message):
    for path in (f"/{hostile_site.db}/outcomes.json", f"/{hostile_site.db}/outcomes"):
        response = hostile_site.get(path + "?" + query)
        assert response.status_code == 400, (path, response.text[:300])
        assert message in (response.json()["error"] if path.endswith(".json") else response.text)


def test_well_formed_facet_json_still_works(hostile_site):
    data = hostile_site.json(f"/{hostile_site.db}/outcomes.json", params={"_facet": '{"simple": "measure"}'})
    assert "measure" in data["facet_results"]


# -- the feed stays valid XML ----------------------------------------------------------------

def _raw_get(site, target: str, host: str = "127.0.0.1") -> bytes:
    """A request as raw bytes (an HTTP client would percent-encode the quote)."""
    port = int(site.base.rsplit(":", 1)[1])
    with socket.create_connection(("127.0.0.1", port), timeout=30) as s:
        s.sendall(f"GET {target} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n".encode("latin-1"))
        data = b""
        while chunk := s.recv(65536):
            data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 200"), head
    if b"transfer-encoding: chunked" in head.lower():
        out = b""
        while body:
            size, _, body = body.partition(b"\r\n")
            if not int(size, 16):
                break
            out, body = out + body[:int(size, 16)], body[int(size, 16) + 2:]
        body = out
    return body


@pytest.mark.parametrize("target, host", [
    ('/-/feed.atom?x="/><evil>', "127.0.0.1"),
    ("/-/feed.atom?gemeente=Wageningen&x=%22%3E%3Cevil%3E&pagina=1", "127.0.0.1"),
    ("/-/feed.atom?x='&y=<&z=%00&w=%FF", "127.0.0.1"),
    ("/-/feed.atom", 'kwaad"><evil'),
])
def test_the_feed_is_valid_xml_whatever_the_request(hostile_site, target, host):
    feed = ET.fromstring(_raw_get(hostile_site, target, host))
    links = {link.get("rel"): link.get("href") for link in feed.findall("{http://www.w3.org/2005/Atom}link")}
    assert feed.findall(".//evil") == [] and feed.findall(".//{http://www.w3.org/2005/Atom}evil") == []
    # the self link keeps only the arguments the feed knows, percent-encoded
    expected = "/-/feed.atom?gemeente=Wageningen" if "gemeente" in target else "/-/feed.atom"
    assert links["self"].endswith(expected), links["self"]
