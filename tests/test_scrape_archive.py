"""The archive: WARC records (warcio) with headers and fetch time, revisits, and Documents read back."""

import hashlib
import subprocess
import sys
from pathlib import Path

import pytest
from warcio.archiveiterator import ArchiveIterator

from fakesite import FakeSite
from ingest.archive import NOT_MODIFIED_PROFILE, Archive, archive_name
from ingest.errors import ArchiveError
from ingest.fetch import Fetcher
from ingest.formats import parse_bytes

FAST = dict(delay=0.0, timeout=0.5, retries=1, backoff=0.01)
WARCIO = Path(sys.executable).with_name("warcio")


@pytest.fixture
def site(tmp_path):
    with FakeSite.copy_of(tmp_path / "site") as site:
        yield site


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
    assert (document.publisher, document.title) == ("Gemeente Nijmegen", "Eindrapport")  # the PDF names neither
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
