"""The archive: WARC records (warcio) with headers and fetch time, revisits, and Documents read back."""

import hashlib
import subprocess
import sys
from pathlib import Path

import pytest
import sqlite_utils
from warcio.archiveiterator import ArchiveIterator

from fakesite import site  # noqa: F401 (a fixture)
from ingest.scrape.archive import NOT_MODIFIED_PROFILE, Archive, archive_name
from ingest.errors import ArchiveError, InputError
from ingest.scrape.fetch import Fetcher
from ingest.formats import parse_bytes
from ingest.store import TABLES

FAST = dict(delay=0.0, timeout=0.5, retries=1, backoff=0.01)
WARCIO = Path(sys.executable).with_name("warcio")


@pytest.fixture
def archive(tmp_path):
    with Archive(tmp_path / "archive") as archive:
        yield archive


def fetch(archive, url, **options):
    """One GET through a fresh fetcher wired to the archive, as a scrape run does it."""
    fetcher = Fetcher(validators=archive.validators, on_response=archive.record, **{**FAST, **options})
    try:
        return fetcher.get(url)
    finally:
        fetcher.close()


def records(archive):
    out = []
    for path in sorted((archive.folder / "warc").glob("*.warc.gz")):
        with open(path, "rb") as f:
            for record in ArchiveIterator(f):
                out.append((record.rec_type, record.rec_headers, record.http_headers, record.content_stream().read()))
    return out


def test_a_response_is_a_warc_response_and_request_with_headers_and_fetch_time(site, archive):
    response = fetch(archive, site.url("/nieuws/index.html"))
    capture = response.archived
    types = [(t, h.get_header("WARC-Target-URI")) for t, h, _, _ in records(archive)]
    assert types == [("warcinfo", None),
                     ("response", site.url("/robots.txt")), ("request", site.url("/robots.txt")),
                     ("response", site.url("/nieuws/index.html")), ("request", site.url("/nieuws/index.html"))]
    _, resp_headers, http, payload = records(archive)[3]
    _, req_headers, req_http, _ = records(archive)[4]
    assert resp_headers.get_header("WARC-Date") == capture.fetched == response.fetched
    assert http.get_statuscode() == "200"
    assert http.get_header("ETag") == response.header("ETag")
    assert http.get_header("Content-Type") == "text/html; charset=utf-8"
    assert http.get_header("Content-Encoding") == "gzip"  # the bytes are kept as sent ...
    assert payload == (site.root / "nieuws" / "index.html").read_bytes()  # ... and read back decoded
    assert hashlib.sha256(payload).hexdigest() == capture.sha256
    assert req_headers.get_header("WARC-Concurrent-To") == resp_headers.get_header("WARC-Record-ID")
    assert req_http.get_header("User-Agent").startswith("bijstand-evidence/")
    assert (capture.record, capture.status, capture.content_type) == ("response", 200, "text/html")


def test_the_warc_files_pass_warcio_check(site, archive):
    fetch(archive, site.url("/nieuws/index.html"))
    fetch(archive, site.url("/nieuws/index.html"))
    fetch(archive, site.url("/rapporten/eindrapport.pdf"))
    archive.close()
    files = sorted(str(p) for p in (archive.folder / "warc").glob("*.warc.gz"))
    result = subprocess.run([str(WARCIO), "check", *files], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_not_modified_is_a_revisit_that_points_at_the_bytes_already_kept(site, archive):
    first = fetch(archive, site.url("/nieuws/index.html")).archived
    second_response = fetch(archive, site.url("/nieuws/index.html"))
    second = second_response.archived
    assert site.requests("/nieuws/index.html")[-1].headers["If-None-Match"] == first.etag
    assert (second_response.status, second.record, second.refers_to) == (304, "revisit", first.id)
    assert archive.payload(second) == archive.payload(first)
    assert archive.original(second) == first
    (_, headers, http, payload), = [r for r in records(archive) if r[0] == "revisit"
                                    and r[1].get_header("WARC-Target-URI").endswith("index.html")]
    assert (http.get_statuscode(), payload) == ("304", b"")  # headers only: the page is not stored twice
    assert headers.get_header("WARC-Profile") == NOT_MODIFIED_PROFILE
    assert headers.get_header("WARC-Refers-To-Date") == first.fetched


def test_the_same_bytes_again_are_a_revisit_too(site, archive):
    first = fetch(archive, site.url("/nieuws/index.html")).archived
    # A client without validators (or a server that ignores them) gets the whole page again.
    fetcher = Fetcher(on_response=archive.record, **FAST)
    again = fetcher.get(site.url("/nieuws/index.html"))
    assert again.status == 200
    assert (again.archived.record, again.archived.refers_to) == ("revisit", first.id)
    last = [r for r in records(archive) if r[0] == "revisit"][-1]
    assert last[1].get_header("WARC-Profile").endswith("/revisit/identical-payload-digest")


def test_a_changed_page_is_a_new_response_with_new_validators(site, archive):
    first = fetch(archive, site.url("/nieuws/index.html")).archived
    page = site.root / "nieuws" / "index.html"
    page.write_text(page.read_text().replace("Nieuws</h1>", "Nieuws en persberichten</h1>"))
    changed = fetch(archive, site.url("/nieuws/index.html")).archived
    assert (changed.record, changed.refers_to) == ("response", None)
    assert changed.etag != first.etag
    assert archive.validators(site.url("/nieuws/index.html"))["If-None-Match"] == changed.etag
    assert b"persberichten" in archive.payload(changed)


def test_an_archived_document_keeps_url_fetch_time_and_the_exact_bytes(site, archive):
    capture = fetch(archive, site.url("/rapporten/eindrapport.pdf")).archived
    document = archive.parse(capture, {"publisher": "Gemeente Nijmegen", "title": "Eindrapport"})
    assert document.path == f"127.0.0.1:{site.base.rsplit(':', 1)[1]}/rapporten/eindrapport.pdf"
    assert (document.source_url, document.fetched) == (site.url("/rapporten/eindrapport.pdf"), capture.fetched)
    assert (document.format, [n for n, _ in document.pages]) == ("pdf", [1, 2])
    # the source names the publisher, which the PDF does not; the title is the PDF's own headline
    assert (document.publisher, document.title) == ("Gemeente Nijmegen", "Eindrapport experiment Participatiewet Nijmegen")
    # The archive reference leads to the bytes whose hash is the document's id.
    warc_file, offset = document.archive_ref.split("#")
    with open(archive.folder / warc_file, "rb") as f:
        f.seek(int(offset))
        record = next(iter(ArchiveIterator(f)))
        assert record.rec_headers.get_header("WARC-Target-URI") == document.source_url
        raw = record.content_stream().read()
    assert hashlib.sha256(raw).hexdigest() == document.content_hash
    assert raw == (site.root / "rapporten" / "eindrapport.pdf").read_bytes()


def test_the_page_s_own_metadata_wins_over_the_fallback(site, archive):
    capture = fetch(archive, site.url("/nieuws/tilburg-vertrouwen-en-zelfregie.html")).archived
    document = archive.parse(capture, {"title": "Titel uit de feed", "published": "1999-01-01", "publisher": "X"})
    assert (document.title, document.published, document.publisher) == (
        "Experiment Vertrouwen en Zelfregie afgerond: meer deeltijdwerk", "2020-02-14", "Gemeente Tilburg")


def test_html_metadata_from_json_ld_through_trafilatura():
    raw = (Path(__file__).parent / "fixtures" / "site" / "nieuws" / "wageningen-bijstand-op-maat.html").read_bytes()
    document = parse_bytes(raw, "wageningen.html")
    # No meta tags here: the date and the publisher come from the JSON-LD block.
    assert (document.title, document.published, document.publisher) == (
        "Bijstand op Maat: de cijfers", "2019-11-05", "Gemeente Wageningen")
    assert "241 deelnemers" in document.text and "schema.org" not in document.text


@pytest.mark.parametrize("url,content_type,name", [
    ("https://www.tilburg.nl/nieuws/vertrouwen", "text/html", "www.tilburg.nl/nieuws/vertrouwen.html"),
    ("https://www.tilburg.nl/nieuws/vertrouwen.html", "text/html", "www.tilburg.nl/nieuws/vertrouwen.html"),
    ("https://www.tilburg.nl/nieuws/oud.htm", "text/html", "www.tilburg.nl/nieuws/oud.htm"),
    ("https://www.tilburg.nl/", "text/html", "www.tilburg.nl/index.html"),
    ("https://www.tilburg.nl/item.php?id=3", "text/html", "www.tilburg.nl/item.php?id=3.html"),
    ("https://www.cpb.nl/download/rapport", "application/pdf", "www.cpb.nl/download/rapport.pdf"),
    ("https://www.cpb.nl/rapport.html", "application/pdf", "www.cpb.nl/rapport.html.pdf"),
    ("https://www.cpb.nl/data", None, "www.cpb.nl/data"),
])
def test_archive_names_end_in_what_the_server_said_the_bytes_are(url, content_type, name):
    assert archive_name(url, content_type) == name


def test_building_from_a_missing_archive_says_so(tmp_path):
    with pytest.raises(ArchiveError, match=r"nope: no archive here \(run `evidence scrape` first\)"):
        Archive(tmp_path / "nope", create=False)
    assert not (tmp_path / "nope").exists()


# --- building from the archive ---

def keep(archive, *urls):
    for url in urls:
        archive.mark(url, source="proefstad", role="document", kept=1, reason=None)


def build_from(archive, db_path, nlp):
    from ingest.build import build

    failures = []
    archive.close()
    report = build([], str(db_path), nlp, archive=str(archive.folder),
                   on_failure=lambda name, reason: failures.append((name, reason)))
    return report, failures, sqlite_utils.Database(db_path)


def test_every_record_knows_the_pdf_page_its_evidence_starts_on(site, archive, tmp_path, nlp):
    pdf, html = site.url("/rapporten/eindrapport.pdf"), site.url("/nieuws/tilburg-vertrouwen-en-zelfregie.html")
    fetch(archive, pdf), fetch(archive, html)
    keep(archive, pdf, html)
    _, _, db = build_from(archive, tmp_path / "e.db", nlp)
    pages = {(row["format"], row["table"], row["start"], row["page"]) for row in db.query(
        "SELECT d.format, r.start, r.page, r.tbl AS [table] FROM documents d JOIN ("
        + " UNION ALL ".join(f"SELECT document_id, start, page, '{t}' AS tbl FROM {t}" for t in TABLES.values())
        + ") r ON r.document_id = d.id")}
    pdf_pages = {(table, start, page) for fmt, table, start, page in pages if fmt == "pdf"}
    assert pdf_pages == {("municipality_mentions", 0, 1), ("experiments", 0, 1), ("sample_sizes", 85, 1),
                         ("arms", 155, 2), ("outcomes", 252, 2)}
    assert {page for fmt, _, _, page in pages if fmt == "html"} == {None}
    assert all("page" in db[t].columns_dict for t in TABLES.values())


def test_extract_jsonl_keeps_its_format_without_pages():
    from conftest import jsonl, run_cli

    pdf = Path(__file__).parent / "fixtures" / "site" / "rapporten" / "eindrapport.pdf"
    result = run_cli("extract", "--jsonl", pdf)
    records = jsonl(result.stdout)
    assert records and not [r for r in records if "page" in r]


def test_the_author_is_kept_apart_from_the_publisher(site, archive, tmp_path, nlp):
    page = site.root / "nieuws" / "deventer-tussenstand.html"
    page.write_text(page.read_text().replace("<head>", '<head><meta name="author" content="Redactie Deventer">', 1))
    url = site.url("/nieuws/deventer-tussenstand.html")
    document = archive.parse(fetch(archive, url).archived, {"publisher": "Gemeente Deventer"})
    assert (document.author, document.publisher) == ("Redactie Deventer", "Gemeente Deventer")
    keep(archive, url)
    _, _, db = build_from(archive, tmp_path / "e.db", nlp)
    assert [(r["author"], r["publisher"]) for r in db["documents"].rows] == [("Redactie Deventer", "Gemeente Deventer")]


def test_trafilatura_finds_the_byline_author():
    raw = (b'<html><head><title>Bijstand</title><meta property="og:site_name" content="Gemeente Oss">'
           b'<script type="application/ld+json">{"@context": "https://schema.org", "@type": "NewsArticle",'
           b' "headline": "Bijstand", "author": {"@type": "Person", "name": "Anna de Vries"},'
           b' "datePublished": "2019-04-02"}</script></head>'
           b"<body><article><h1>Bijstand</h1><p>In Oss deden 300 mensen mee aan het experiment.</p>"
           b"</article></body></html>")
    document = parse_bytes(raw, "oss.html")
    assert (document.author, document.publisher, document.published) == ("Anna de Vries", "Gemeente Oss", "2019-04-02")


@pytest.mark.parametrize("start", [0, 60])  # the gzip header, or inside the compressed record
def test_a_damaged_warc_record_fails_its_document_and_the_build_goes_on(site, archive, tmp_path, nlp, start):
    good, bad = site.url("/nieuws/tilburg-vertrouwen-en-zelfregie.html"), site.url("/nieuws/deventer-tussenstand.html")
    fetch(archive, good)
    damaged = fetch(archive, bad).archived
    keep(archive, good, bad)
    warc = archive.folder / damaged.warc_file
    data = bytearray(warc.read_bytes())
    data[damaged.offset + start:damaged.offset + start + 40] = b"\0" * 40
    warc.write_bytes(bytes(data))
    report, failures, db = build_from(archive, tmp_path / "e.db", nlp)
    name = archive_name(bad, "text/html")
    assert report.documents == 1
    assert failures == [(name, f"the WARC record in {warc} at offset {damaged.offset} is damaged "
                               "(no WARC record starts there)")]
    assert [(r["path"], r["status"], r["error"]) for r in db.query("SELECT * FROM documents WHERE status = 'failed'")] \
        == [(name, "failed", failures[0][1])]


def test_a_record_whose_bytes_changed_is_damaged_too(site, archive):
    capture = fetch(archive, site.url("/feed.xml")).archived
    archive.db.execute("UPDATE captures SET sha256 = 'feed' WHERE id = ?", [capture.id])
    with pytest.raises(InputError, match="is damaged \\(its SHA-256 is not the one in the index\\)"):
        archive.payload(archive.latest(site.url("/feed.xml")))
    capture = fetch(archive, site.url("/sitemap.xml")).archived
    (archive.folder / capture.warc_file).unlink()
    with pytest.raises(InputError, match="is missing, but the archive index points at it"):
        archive.payload(capture)
