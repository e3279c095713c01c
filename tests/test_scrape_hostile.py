"""Sites that misbehave, on a real server on 127.0.0.1: each fault is one line with its URL,
and the scrape (and every later build from the archive) goes on with everything else."""

import time

import pytest
import sqlite_utils

from fakesite import FakeClock, site  # noqa: F401 (a fixture)
from ingest.scrape.archive import Archive, archive_name
from ingest.scrape.crawl import scrape
from ingest.scrape.sources import MAX_DOCUMENTS, MAX_MINUTES, parse_sources

FAST = dict(delay=0.0, timeout=5.0, retries=0, backoff=0.01)
GOOD = "/nieuws/tilburg-vertrouwen-en-zelfregie.html"
GOOD_TITLE = "Experiment Vertrouwen en Zelfregie afgerond: meer deeltijdwerk"
# A page whose text holds a NUL: unreadable as a document (formats/__init__.py), whatever its links
BINARY = "binary file, not text (a NUL character at offset 15)"  # "Kapot\n\nBijstand"


@pytest.fixture
def archive(tmp_path):
    with Archive(tmp_path / "archive") as archive:
        yield archive


def listing(site, path, hrefs, head="", name="lijst", **extra):
    """Write a listing page at `path` linking `hrefs` (a.item); the source entry reading it."""
    page = site.root / path.lstrip("/")
    page.parent.mkdir(parents=True, exist_ok=True)
    items = "".join(f'<li><a class="item" href="{href}">{href}</a></li>' for href in hrefs)
    page.write_text(f"<html><head>{head}</head><body><main><ul>{items}</ul></main></body></html>")
    return {"name": name, "kind": "html-listing", "url": site.url(path), "links": "a.item", **extra}


def nested_page(title="Diep genest"):
    return (f"<html><head><title>{title}</title></head><body><main>{'<div>' * 1200}<p>Bijstand</p>"
            f"{'</div>' * 1200}</main></body></html>")


def unreadable_page(title="Kapot"):
    return f"<html><head><title>{title}</title></head><body><main><p>Bijstand\x00</p></main></body></html>"


def build_from(archive, db_path, nlp):
    """Build from the archive, as `evidence build --archive` does: the failures and the titles built."""
    from ingest.build import build

    failures = []
    archive.close()
    build([], str(db_path), nlp, archive=str(archive.folder), on_failure=lambda *failure: failures.append(failure))
    titles = sorted(r["title"] for r in sqlite_utils.Database(db_path).query(
        "SELECT title FROM documents WHERE status = 'ok'"))
    return failures, titles


# --- a response that trickles in ---

def test_a_response_that_trickles_in_fails_at_the_deadline_and_the_scrape_goes_on(site, archive):
    slow = ["/storingen/druppelkop.html", "/storingen/druppel.html"]  # headers, or only the body, byte by byte
    source = listing(site, "/traag/index.html", [*slow, GOOD])
    started = time.monotonic()
    summary = scrape(parse_sources([source]), archive, **FAST, max_seconds=1)
    assert time.monotonic() - started < 60  # each trickle would take more than a minute
    assert summary.failed == [(site.url(path), "download took longer than 1 s") for path in slow]
    assert summary.lines()[-2:] == [f"Error: {site.url(path)}: download took longer than 1 s" for path in slow]
    assert summary.fetched == [site.url("/traag/index.html"), site.url(GOOD)]
    assert archive.resource(site.url(GOOD))["kept"] == 1


# --- a page that breaks the parser ---

def test_a_page_that_breaks_the_parser_fails_alone_and_later_builds_go_on(site, archive, tmp_path, nlp):
    (site.root / "diep").mkdir()
    # Nested 1,200 deep: once a RecursionError that aborted the scrape and every later build;
    # read iteratively now. A page whose text cannot be stored fails alone, as data.
    (site.root / "diep" / "artikel.html").write_text(nested_page())
    (site.root / "diep" / "binair.html").write_text(unreadable_page())
    pages = listing(site, "/diep/index.html", ["/diep/artikel.html", "/diep/binair.html", GOOD])
    # A listing whose <base> is no URL made the link reader raise ValueError.
    broken = listing(site, "/diep/kapot.html", ["/nieuws/deventer-tussenstand.html"],
                     head='<base href="http://[oops/">', name="kapot")
    summary = scrape(parse_sources([pages, broken]), archive, **FAST)
    assert summary.failed == [(site.url("/diep/binair.html"), BINARY),
                              (site.url("/diep/kapot.html"), "could not be read (ValueError: Invalid IPv6 URL)")]
    assert summary.fetched == [site.url(p) for p in ("/diep/index.html", "/diep/artikel.html", "/diep/binair.html",
                                                     GOOD, "/diep/kapot.html")]
    assert archive.resource(site.url("/diep/artikel.html"))["kept"] == 1
    assert archive.resource(site.url("/diep/binair.html"))["reason"] == f"unreadable: {BINARY}"
    # Kept by an archive of before (when such pages were not checked): it fails alone, as data.
    archive.mark(site.url("/diep/binair.html"), source="lijst", role="document", kept=1, reason=None)
    failures, titles = build_from(archive, tmp_path / "e.db", nlp)
    assert failures == [(archive_name(site.url("/diep/binair.html"), "text/html"), BINARY)]
    assert titles == sorted(["Diep genest", GOOD_TITLE])


# --- a capture that turns unreadable ---

def test_the_last_good_capture_stays_built_until_a_newer_good_one_arrives(site, archive, tmp_path, nlp):
    url, page = site.url(GOOD), site.root / GOOD.lstrip("/")
    source = parse_sources([{"name": "tilburg", "kind": "single", "url": url}])
    good = page.read_text()
    assert scrape(source, archive, **FAST).fetched == [url]
    page.write_text(unreadable_page())
    summary = scrape(source, archive, **FAST)
    assert summary.failed == [(url, f"{BINARY}; the last good capture stays in the build")]
    assert summary.fetched == [url] and archive.resource(url)["kept"] == 1
    folder = archive.folder
    assert build_from(archive, tmp_path / "1.db", nlp) == ([], [GOOD_TITLE])
    with Archive(folder) as archive:
        page.write_text(good.replace("meer deeltijdwerk", "meer deeltijdwerk in Tilburg"))
        assert scrape(source, archive, **FAST).failed == []
        assert build_from(archive, tmp_path / "2.db", nlp) == ([], [GOOD_TITLE + " in Tilburg"])


def test_a_damaged_newest_record_falls_back_to_the_one_before(site, archive, tmp_path, nlp):
    url, page = site.url(GOOD), site.root / GOOD.lstrip("/")
    source = parse_sources([{"name": "tilburg", "kind": "single", "url": url}])
    scrape(source, archive, **FAST)
    page.write_text(page.read_text().replace("meer deeltijdwerk", "meer deeltijdwerk in Tilburg"))
    assert scrape(source, archive, **FAST).fetched == [url]
    newest = archive.latest(url)
    warc = archive.folder / newest.warc_file
    data = bytearray(warc.read_bytes())
    data[newest.offset:newest.offset + 40] = b"\0" * 40
    warc.write_bytes(bytes(data))
    assert build_from(archive, tmp_path / "e.db", nlp) == ([], [GOOD_TITLE])


# --- robots.txt redirected to another host ---

def robots_elsewhere(site):
    """robots.txt redirects to another host, whose rules would forbid the news."""
    site.faults["/robots.txt"] = "redirect:http://elders.example/regels.txt"
    (site.root / "regels.txt").write_text("User-agent: *\nDisallow: /nieuws/\n")


def test_a_robots_txt_redirected_off_the_source_s_hosts_is_unavailable_and_not_archived(site, archive):
    robots_elsewhere(site)
    summary = scrape(parse_sources([{"name": "tilburg", "kind": "single", "url": site.url(GOOD)}]), archive, **FAST)
    assert (summary.fetched, summary.failed, summary.robots) == ([site.url(GOOD)], [], [])
    assert [(r.headers["Host"].split(":")[0], r.path) for r in site.requests()] == [
        ("127.0.0.1", "/robots.txt"), ("127.0.0.1", GOOD)]
    archived = [row["url"] for row in archive.db.query("SELECT url FROM captures ORDER BY id")]
    assert archived == [site.url("/robots.txt"), site.url(GOOD)]  # the redirect, not where it points


def test_a_robots_txt_redirected_to_one_of_the_source_s_hosts_is_followed(site, archive):
    robots_elsewhere(site)
    source = parse_sources([{"name": "tilburg", "kind": "single", "url": site.url(GOOD), "hosts": ["localhost"]}])
    summary = scrape(source, archive, **FAST)
    assert (summary.fetched, summary.robots) == ([], [site.url(GOOD)])
    assert [r.path for r in site.requests()] == ["/robots.txt", "/regels.txt"]


# --- per-source caps ---

def test_a_listing_of_ten_thousand_links_stops_at_max_documents(site, archive):
    source = listing(site, "/veel/index.html", [f"{GOOD}?n={n}" for n in range(10_000)], max_documents=5)
    summary = scrape(parse_sources([source]), archive, **FAST)
    reason = "10,000 documents found, more than its max_documents of 5: the first 5 were asked for"
    assert summary.stopped == [("lijst", reason)]
    assert f"Stopped: lijst: {reason}" in summary.lines()
    assert summary.fetched == [site.url("/veel/index.html")] + [site.url(f"{GOOD}?n={n}") for n in range(5)]
    assert len(site.requests()) == 1 + 1 + 5  # robots.txt, the listing, five documents
    assert summary.failed == []


def test_a_source_stops_when_its_max_minutes_run_out(site, archive):
    clock = FakeClock()  # every request waits 10 s (the delay) on this clock, so 30 s is three requests
    source = listing(site, "/veel/index.html", [f"{GOOD}?n={n}" for n in range(4)], max_minutes=0.5)
    other = {"name": "ander", "kind": "single", "url": site.url("/nieuws/deventer-tussenstand.html")}
    summary = scrape(parse_sources([source, other]), archive, **{**FAST, "delay": 10},
                     clock=clock, sleep=clock.sleep)
    reason = "its max_minutes of 0.5 ran out; 2 of its 4 documents were not asked for"
    assert summary.stopped == [("lijst", reason)]
    assert f"Stopped: lijst: {reason}" in summary.lines()
    assert summary.fetched == [site.url("/veel/index.html"), site.url(f"{GOOD}?n=0"), site.url(f"{GOOD}?n=1"),
                               other["url"]]  # the next source has time of its own



def test_max_minutes_also_stops_the_walk_over_listing_pages(site, archive):
    # 10 s per request: robots.txt at 0 s, page 1 at 10 s, page 2 at 20 s; 15 s were up before page 3.
    clock = FakeClock()
    source = {"name": "nieuws", "kind": "html-listing", "url": site.url("/nieuws/index.html"),
              "links": "a.news-item, div.news-item", "next": "a.next", "max_minutes": 0.25}
    summary = scrape(parse_sources([source]), archive, **{**FAST, "delay": 10}, clock=clock, sleep=clock.sleep)
    assert summary.stopped == [("nieuws", "its max_minutes of 0.25 ran out; not all its listing pages were read")]
    assert [r.path for r in site.requests()] == ["/robots.txt", "/nieuws/index.html", "/nieuws/pagina-2.html"]
    assert summary.fetched == [site.url("/nieuws/index.html"), site.url("/nieuws/pagina-2.html")]

def test_the_caps_have_sane_defaults():
    source, = parse_sources([{"name": "a", "kind": "rss", "url": "https://www.proefstad.nl/feed"}])
    assert (source.max_documents, source.max_minutes) == (MAX_DOCUMENTS, MAX_MINUTES) == (500, 60)
