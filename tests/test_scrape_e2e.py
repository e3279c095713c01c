"""`evidence scrape`, `update` and `build --archive` as a user runs them, against the fake site.

One story, told once per module (each step is a real CLI process): a first scrape meets
every fault; a second finds nothing changed; a feed item is added and `update` fetches it
alone and builds; the archive, copied and with the site gone, builds the same database.
"""

import os
import shutil
import socket
import sqlite3
from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import SEEDS, run_cli
from fakesite import FakeSite

# The timeout is below the slow page's 1.5 s, with room for a busy machine's ordinary pages.
FAST = ["--delay", "0", "--timeout", "1", "--retries", "2", "--backoff", "0.05"]
ENV = {**os.environ, "EVIDENCE_MAX_BYTES": "1000000", "EVIDENCE_CONTACT": "mailto:tests@example.org"}
SOURCES = """
- name: proefstad-nieuws
  kind: html-listing
  url: {base}/nieuws/index.html
  links: a.news-item, div.news-item
  next: a.next
  include: [bijstand, experiment]
  publisher: Gemeente Proefstad
- name: proefstad-feed
  kind: rss
  url: {base}/feed.xml
- name: proefstad-sitemap
  kind: sitemap
  url: {base}/sitemap.xml
  match: /nieuws/
- name: proefstad-eindrapport
  kind: pdf
  url: {base}/rapporten/eindrapport.pdf
  publisher: Gemeente Nijmegen
- name: proefstad-wageningen
  kind: single
  url: {base}/nieuws/wageningen-bijstand-op-maat.html
- name: proefstad-storingen
  kind: html-listing
  url: {base}/storingen/index.html
  links: a.news-item
- name: proefstad-kapotte-feed
  kind: rss
  url: {base}/storingen/kapot.xml
"""
NEW_ITEM = """  <item>
    <title>Apeldoorn: Vertrouwen Werkt</title>
    <link>/nieuws/apeldoorn-vertrouwen-werkt.html</link>
    <pubDate>Mon, 06 Jul 2020 09:00:00 +0200</pubDate>
  </item>
"""
NEW_ARTICLE = """<!doctype html><html lang="nl"><head><meta charset="utf-8">
<title>Apeldoorn: Vertrouwen Werkt</title><meta property="og:site_name" content="Gemeente Apeldoorn">
<meta property="article:published_time" content="2020-07-06"></head>
<body><main><article><h1>Apeldoorn: Vertrouwen Werkt</h1>
<p>Het experiment Vertrouwen Werkt in Apeldoorn is afgerond. Er deden 350 deelnemers mee.</p>
</article></main></body></html>
"""
# Faults answered 200 that the fetcher refuses (too large, wrong type) or gave up on (too slow):
# every run asks again.
REFUSED_200 = {"/storingen/groot.html", "/storingen/stroom.html", "/storingen/foto.html", "/storingen/traag.html"}


@dataclass
class Run:
    code: int
    stderr: str
    requests: list  # fakesite.Request, in arrival order

    def errors(self, base):
        return sorted(line.replace(base, "") for line in self.stderr.splitlines() if line.startswith("Error: "))

    def answered(self, status):
        return {r.path for r in self.requests if r.status == status}


@dataclass
class Story:
    base: str
    tmp: Path
    runs: dict


def evidence(*args):
    return run_cli(*args, env=ENV)


@pytest.fixture(scope="module")
def story(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("story")
    runs = {}
    with FakeSite.copy_of(tmp / "site") as site:
        (tmp / "sources.yml").write_text(SOURCES.format(base=site.base))
        scrape = ["--sources", tmp / "sources.yml", "--archive", tmp / "archive", *FAST]

        def run(name, *args):
            mark = site.mark()
            result = evidence(*args)
            runs[name] = Run(result.returncode, result.stderr, site.since(mark))

        run("first", "scrape", *scrape)
        run("second", "scrape", *scrape)
        feed = site.root / "feed.xml"
        feed.write_text(feed.read_text().replace("  <item>", NEW_ITEM + "  <item>", 1))
        (site.root / "nieuws" / "apeldoorn-vertrouwen-werkt.html").write_text(NEW_ARTICLE)
        run("update", "update", *scrape, "--db", tmp / "update.db")
        base = site.base
    # The site is gone: a copy of the archive is all the offline build has.
    shutil.copytree(tmp / "archive", tmp / "copy")
    result = evidence("build", "--archive", tmp / "copy", "--db", tmp / "offline.db")
    runs["offline"] = Run(result.returncode, result.stderr, [])
    return Story(base, tmp, runs)


def test_the_first_run_reports_every_fault_with_its_reason(story):
    first = story.runs["first"]
    assert first.code == 1
    assert "Scraped 7 sources into" in first.stderr
    assert ("17 fetched, 0 unchanged, 2 skipped by robots.txt, 10 failed.\n"
            "1 document named none of the include words and left out; 1 link to other hosts not followed "
            "(a source's `hosts` lists those it may follow).\n") in first.stderr
    host = story.base.split("//")[1].split(":")[0]
    assert first.errors(story.base) == sorted([
        "Error: /storingen/traag.html: timed out after 1 s (3 tries)",
        "Error: /storingen/overbelast.html: HTTP 503 Service Unavailable (3 tries)",
        "Error: /storingen/weg.html: HTTP 404 Not Found",
        "Error: /lus/a: redirect loop: /lus/a -> /lus/b -> /lus/a",
        "Error: /storingen/groot.html: body of 10,485,760 bytes is larger than the limit of 1,000,000",
        "Error: /storingen/stroom.html: body is larger than the limit of 1,000,000 bytes",
        "Error: /storingen/foto.html: unexpected content type image/jpeg "
        "(expected text/html, application/xhtml+xml, application/pdf, text/plain)",
        "Error: /storingen/verhuisd.html: redirected to "
        + story.base.replace(host, "localhost") + "/nieuws/deventer-tussenstand.html, "
        f"but host localhost is not one of the source's hosts ({host}); add it to its `hosts` to follow it",
        "Error: /storingen/kromme-verwijzing.html: HTTP 302 with a bad Location header "
        "'http://[oops/x' (Invalid IPv6 URL)",
        "Error: /storingen/kapot.xml: malformed XML (mismatched tag: line 5, column 2)",
    ])
    # A progress bar per source, labelled with how many documents it lists.
    assert "proefstad-nieuws (6 documents)" in first.stderr


def test_faults_are_retried_as_promised(story):
    requests = story.runs["first"].requests

    def answers(path):
        return [r for r in requests if r.path == path]

    assert [r.status for r in answers("/storingen/herstel.html")] == [500, 200]
    first, second = answers("/storingen/druk.html")
    assert (first.status, second.status) == (429, 200) and second.at - first.at >= 0.95  # Retry-After: 1
    overloaded = [r.at for r in answers("/storingen/overbelast.html")]
    # Lower bounds only (a real wait is never shorter; a busy machine made the first gap 0.14 s,
    # so "shorter than the second" flaked): test_the_backoff_doubles_exactly asserts the waits.
    assert len(overloaded) == 3 and overloaded[2] - overloaded[1] >= 0.1 and overloaded[1] - overloaded[0] >= 0.05
    assert len(answers("/storingen/traag.html")) == 3
    for once in ("/storingen/weg.html", "/lus/a", "/lus/b", "/storingen/groot.html", "/storingen/foto.html"):
        assert len(answers(once)) == 1, once


def test_disallowed_and_off_host_pages_are_never_requested(story):
    every = [r for run in story.runs.values() for r in run.requests]
    assert every and not [r.path for r in every if r.path.startswith("/intern/")]
    assert {r.headers["Host"].split(":")[0] for r in every} == {"127.0.0.1"}
    assert {r.headers["User-Agent"] for r in every} == {"bijstand-evidence/0.1.0 (+mailto:tests@example.org)"}
    # robots.txt once per run, before anything else.
    for name in ("first", "second", "update"):
        assert story.runs[name].requests[0].path == "/robots.txt"
        assert [r.path for r in story.runs[name].requests].count("/robots.txt") == 1


def test_a_second_run_fetches_nothing_that_has_not_changed(story):
    second = story.runs["second"]
    assert "0 fetched, 17 unchanged, 2 skipped by robots.txt, 10 failed." in second.stderr
    # herstel.html and druk.html now answer at once, and (like everything else) 304.
    assert second.answered(200) == {"/robots.txt"} | REFUSED_200
    conditional = [r for r in second.requests if r.status == 304]
    assert len(conditional) == 17
    assert all("If-None-Match" in r.headers and "If-Modified-Since" in r.headers for r in conditional)


def test_a_new_feed_item_is_the_only_new_fetch_and_update_builds(story):
    update = story.runs["update"]
    assert "2 fetched, 16 unchanged, 2 skipped by robots.txt, 10 failed." in update.stderr
    assert update.answered(200) == {"/robots.txt", "/feed.xml", "/nieuws/apeldoorn-vertrouwen-werkt.html"} | REFUSED_200
    assert "Built " in update.stderr and update.code == 1  # built, but URLs failed
    with sqlite3.connect(story.tmp / "update.db") as db:
        titles = {t for t, in db.execute("SELECT title FROM documents WHERE status = 'ok'")}
    assert "Apeldoorn: Vertrouwen Werkt" in titles
    assert "Nieuwe fietsenstalling" not in titles  # named none of the include words


def dump(path):
    conn = sqlite3.connect(path)
    try:
        return list(conn.iterdump())
    finally:
        conn.close()


def test_a_build_from_a_copy_of_the_archive_alone_gives_the_same_database(story):
    offline = story.runs["offline"]
    assert offline.code == 0, offline.stderr
    assert offline.stderr.startswith("Built ")
    assert dump(story.tmp / "offline.db") == dump(story.tmp / "update.db")
    with sqlite3.connect(story.tmp / "offline.db") as db:
        n, = db.execute("SELECT count(*) FROM documents WHERE status = 'ok' AND archive_ref IS NOT NULL").fetchone()
    assert n == 9


# --- update keeps a larger database ---

@pytest.fixture
def dead_host(tmp_path):
    """A sources file whose one host refuses every connection."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    path = tmp_path / "dood.yml"
    path.write_text(f"- name: dood\n  kind: rss\n  url: http://127.0.0.1:{port}/feed.xml\n")
    return path


def test_update_with_a_failing_host_keeps_the_larger_database(tmp_path, dead_host):
    db = tmp_path / "evidence.db"
    assert evidence("build", SEEDS, "--db", db).returncode == 0
    before = db.read_bytes()
    scrape = ["--sources", dead_host, "--archive", tmp_path / "archive", *FAST, "--retries", "0"]
    result = evidence("update", *scrape, "--db", db)
    assert result.returncode == 2
    assert result.stderr.splitlines()[-1] == (
        f"Error: {db}: the new database would hold 0 readable documents, fewer than the 5 of the current one; "
        "the old database was kept (--allow-shrink replaces it anyway)")
    assert db.read_bytes() == before
    # Given the corpus again, update builds it with the archive and swaps it in.
    assert evidence("update", SEEDS, *scrape, "--db", db).returncode == 1  # the host still failed
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM documents WHERE status = 'ok'").fetchone() == (5,)
    result = evidence("update", *scrape, "--db", db, "--allow-shrink")
    assert "Built " in result.stderr
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM documents").fetchone() == (0,)


# --- one clear line instead of a traceback ---

def test_a_corrupt_archive_index_is_one_error_line(tmp_path, dead_host):
    archive = tmp_path / "archive"
    archive.mkdir()
    (archive / "index.db").write_bytes(b"dit is geen database" * 100)
    for args in (["scrape", "--sources", dead_host, "--archive", archive],
                 ["build", "--archive", archive, "--db", tmp_path / "x.db"]):
        result = evidence(*args)
        assert (result.returncode, result.stderr) == (
            2, f"Error: {archive / 'index.db'}: not a usable archive index (file is not a database)\n")


def test_an_archive_that_cannot_be_created_is_one_error_line(tmp_path, dead_host):
    (tmp_path / "bestand").write_text("")
    archive = tmp_path / "bestand" / "archive"
    result = evidence("scrape", "--sources", dead_host, "--archive", archive)
    assert (result.returncode, result.stderr) == (2, f"Error: {archive}: cannot be created (Not a directory)\n")


def test_a_bad_url_in_the_sources_file_is_one_error_line_naming_the_source(tmp_path):
    sources = tmp_path / "s.yml"
    sources.write_text("- name: kapot\n  kind: single\n  url: http://[::1/x\n")
    result = evidence("scrape", "--sources", sources, "--archive", tmp_path / "archive")
    assert (result.returncode, result.stderr) == (
        2, f"Error: {sources}: entry 1 (kapot): url 'http://[::1/x' is not a URL we can fetch (invalid IPv6 URL)\n")
    assert not (tmp_path / "archive").exists()


def test_scraping_with_the_placeholder_contact_warns(tmp_path, dead_host):
    env = {k: v for k, v in ENV.items() if k != "EVIDENCE_CONTACT"}
    result = run_cli("scrape", "--sources", dead_host, "--archive", tmp_path / "archive", *FAST, "--retries", "0",
                     env=env)
    assert result.stderr.splitlines()[0] == (
        "Warning: the User-Agent names the placeholder https://bijstand-evidence.example/contact; set "
        "EVIDENCE_CONTACT to a page or address where site operators can reach you.")
