"""The archive: every response kept as WARC records, with an index to find them again.

    archive/
      warc/evidence-<time>-<pid>-<n>.warc.gz   one file per scrape run, one gzip member per record
      index.db                                 captures (one row per WARC record) and resources

A response is written as a WARC `response` record with its HTTP headers, followed by the
`request` record that asked for it. An answer that brings nothing new (a 304, or a 200
with the same payload as the last one) is a `revisit` record that points at the bytes
already kept, so a page fetched a hundred times is stored once. The index is a lookup
aid: the WARC files alone say what each URL answered and when (`warcio index` lists them).
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import zlib
from dataclasses import dataclass
from functools import partial
from io import BytesIO
from pathlib import Path
from typing import Callable, Iterator
from urllib.parse import urlsplit

import sqlite_utils
from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed
from warcio.statusandheaders import StatusAndHeaders, StatusAndHeadersParserException
from warcio.warcwriter import WARCWriter

from .. import __version__
from ..document import Document
from ..errors import ArchiveError, InputError
from ..formats import parse_bytes
from .fetch import MAX_BYTES, USER_AGENT, Response, decode_body, media_type, utc_now

INDEX = "index.db"
WARC_DIR = "warc"
NOT_MODIFIED_PROFILE = "http://netpreserve.org/warc/1.0/revisit/server-not-modified"
# The name a document gets in the build (`documents.path`): host and path as a mirror would
# store them, ending in the extension its content type calls for, so the parser is chosen
# by what the server said the bytes are.
EXTENSIONS = {"text/html": ".html", "application/xhtml+xml": ".html", "application/pdf": ".pdf",
              "text/plain": ".txt"}
SCHEMA = Path(__file__).with_name("archive_index.sql")  # the index's tables, declared once
# The captures of a URL that answered with content (200, or a 304 confirming it), newest first.
CONTENT = ("SELECT * FROM captures WHERE url = ? AND status IN (200, 304) "
           "AND (status = 200 OR record = 'revisit') ORDER BY id DESC")


def parse_failure(error: Exception) -> str:
    """One line for an exception a parser should not have raised (the page fails, as data)."""
    if isinstance(error, RecursionError):
        return "nested too deeply to be read (more levels than Python's recursion limit)"
    return f"could not be read ({type(error).__name__}: {' '.join(str(error).split())[:200]})"


@dataclass(frozen=True)
class Capture:
    """One WARC record as the index knows it."""

    id: int
    url: str
    fetched: str
    status: int
    record: str
    sha256: str | None
    warc_digest: str | None
    content_type: str | None
    etag: str | None
    last_modified: str | None
    length: int | None
    warc_file: str
    offset: int
    refers_to: int | None

    @property
    def new(self) -> bool:
        """Whether this record holds bytes the archive did not have for this URL."""
        return self.record == "response"

    @property
    def ref(self) -> str:
        """Where the bytes are: `warcio extract --payload <archive>/<file> <offset>` prints them."""
        return f"{self.warc_file}#{self.offset}"


def archive_name(url: str, content_type: str | None) -> str:
    """The stable name of an archived document: host/path[?query], ending in its type's extension."""
    parts = urlsplit(url)
    path = parts.path or "/"
    if path.endswith("/"):
        path += "index"
    name = parts.netloc + path + (f"?{parts.query}" if parts.query else "")
    ext = EXTENSIONS.get(media_type(content_type), "")
    if ext and not name.lower().endswith((ext, ".htm") if ext == ".html" else ext):
        name += ext
    return name


class Archive:
    """A folder of WARC files and their index. Use as a context manager so the WARC is closed."""

    def __init__(self, folder: str | os.PathLike, create: bool = True):
        self.folder = Path(folder)
        self.db = None
        if not create and not (self.folder / INDEX).is_file():
            raise ArchiveError(f"{self.folder}: no archive here (run `evidence scrape` first)")
        try:
            if create:
                (self.folder / WARC_DIR).mkdir(parents=True, exist_ok=True)
        except OSError as e:
            raise ArchiveError(f"{self.folder}: cannot be created ({e.strerror or e})") from None
        try:
            self.db = sqlite_utils.Database(self.folder / INDEX)
            self.db.conn.executescript(SCHEMA.read_text(encoding="utf-8"))
        except sqlite3.Error as e:
            if self.db is not None:
                self.db.close()
            raise ArchiveError(f"{self.folder / INDEX}: not a usable archive index ({e})") from None
        self._out = None  # (file, writer, name) of the WARC being written, opened on first use

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def close(self) -> None:
        """Close the WARC file being written and the index (again is harmless)."""
        if self._out:
            self._out[0].close()
            self._out = None
        if self.db is not None:
            self.db.conn.commit()
            self.db.close()
            self.db = None

    # Writing

    def record(self, response: Response) -> Capture:
        """Write `response` (and its request) to the WARC file and the index; the new capture."""
        try:
            payload = decode_body(response.body, response.header("Content-Encoding"), MAX_BYTES)
        except ValueError:
            payload = response.body
        sha256 = hashlib.sha256(payload).hexdigest()
        previous = self.latest(response.url)
        unchanged = previous is not None and (
            response.status == 304 or (response.status == 200 and previous.sha256 == sha256))
        origin = self.original(previous) if unchanged else None
        f, writer, name = self._writer()
        http = StatusAndHeaders(f"{response.status} {response.reason}".strip(), _stored_headers(response),
                                protocol=response.protocol)
        date = {"WARC-Date": response.fetched}
        if unchanged:
            rec = writer.create_revisit_record(response.url, origin.warc_digest, origin.url, origin.fetched,
                                               http_headers=http, warc_headers_dict=date)
            if response.status == 304:
                rec.rec_headers.replace_header("WARC-Profile", NOT_MODIFIED_PROFILE)
        else:
            rec = writer.create_warc_record(response.url, "response", payload=BytesIO(response.body),
                                            length=len(response.body), http_headers=http, warc_headers_dict=date)
        f.seek(0, os.SEEK_END)
        offset = f.tell()
        writer.write_record(rec)
        parts = urlsplit(response.url)
        request_line = f"GET {parts.path or '/'}{'?' + parts.query if parts.query else ''} {response.protocol}"
        writer.write_record(writer.create_warc_record(
            response.url, "request",
            http_headers=StatusAndHeaders(request_line, response.request_headers, is_http_request=True),
            warc_headers_dict={**date, "WARC-Concurrent-To": rec.rec_headers.get_header("WARC-Record-ID")}))
        f.flush()
        row = {
            "url": response.url, "fetched": response.fetched, "status": response.status,
            "record": "revisit" if unchanged else "response",
            "sha256": origin.sha256 if unchanged else sha256,
            "warc_digest": origin.warc_digest if unchanged else rec.rec_headers.get_header("WARC-Payload-Digest"),
            "content_type": (origin.content_type if response.status == 304 and unchanged
                             else media_type(response.header("Content-Type")) or None),
            # A 304 need not repeat the validators; the ones it answered to still hold.
            "etag": response.header("ETag") or (previous.etag if unchanged else None),
            "last_modified": response.header("Last-Modified") or (previous.last_modified if unchanged else None),
            "length": len(response.body), "warc_file": name, "offset": offset,
            "refers_to": origin.id if unchanged else None,
        }
        with self.db.conn:
            cursor = self.db.conn.execute(
                f"INSERT INTO captures ({', '.join(map(_quote, row))}) VALUES ({', '.join('?' * len(row))})",
                list(row.values()))
        return Capture(id=cursor.lastrowid, **row)

    def mark(self, url: str, **fields) -> None:
        """Say what `url` is for: source, role, kept (and why not), title, published, publisher."""
        with self.db.conn:
            self.db["resources"].upsert({"url": url, **fields}, pk="url")

    def _writer(self):
        if self._out is None:
            stamp = utc_now().replace("-", "").replace(":", "")
            for n in range(1000):
                name = f"{WARC_DIR}/evidence-{stamp}-{os.getpid()}-{n}.warc.gz"
                try:
                    f = open(self.folder / name, "xb")
                    break
                except FileExistsError:
                    continue
            writer = WARCWriter(f, gzip=True)
            writer.write_record(writer.create_warcinfo_record(Path(name).name, {
                "software": f"bijstand-evidence/{__version__} (warcio)",
                "http-header-user-agent": USER_AGENT, "robots": "obey",
                "format": "WARC File Format 1.0"}))
            self._out = (f, writer, name)
        return self._out

    # Reading

    def latest(self, url: str) -> Capture | None:
        """The last capture of `url` that answered with content (200, or 304 confirming it)."""
        return next(self.contents(url), None)

    def contents(self, url: str) -> Iterator[Capture]:
        """The captures of `url` that answered with content, newest first."""
        return (Capture(**row) for row in self.db.query(CONTENT, [url]))

    def validators(self, url: str) -> dict:
        """Conditional-request headers for what we hold of `url` (empty when we hold nothing)."""
        capture = self.latest(url)
        headers = {}
        if capture and capture.etag:
            headers["If-None-Match"] = capture.etag
        if capture and capture.last_modified:
            headers["If-Modified-Since"] = capture.last_modified
        return headers

    def resource(self, url: str) -> dict | None:
        return next(self.db.query("SELECT * FROM resources WHERE url = ?", [url]), None)

    def original(self, capture: Capture) -> Capture:
        """The `response` record holding the bytes a capture stands for (itself, or what it revisits)."""
        if capture.refers_to is None:
            return capture
        row = next(self.db.query("SELECT * FROM captures WHERE id = ?", [capture.refers_to]), None)
        if row is None:
            raise InputError(capture.url, f"capture {capture.id} in {self.folder / INDEX} refers to a missing capture")
        return Capture(**row)

    def payload(self, capture: Capture) -> bytes:
        """The decoded payload of a capture, read back from its WARC file.

        A missing or damaged record is an InputError: that document fails, the build goes on.
        """
        capture = self.original(capture)
        path = self.folder / capture.warc_file
        where = f"the WARC record in {path} at offset {capture.offset}"
        try:
            with open(path, "rb") as f:
                f.seek(capture.offset)
                record = next(iter(ArchiveIterator(f)))
                raw = record.raw_stream.read()
                encoding = record.http_headers.get_header("Content-Encoding") if record.http_headers else None
            payload = decode_body(raw, encoding, MAX_BYTES)
        except FileNotFoundError:
            raise InputError(capture.url, f"{path} is missing, but the archive index points at it") from None
        except StopIteration:
            raise InputError(capture.url, f"{where} is missing") from None
        except ArchiveLoadFailed:
            raise InputError(capture.url, f"{where} is damaged (no WARC record starts there)") from None
        except (StatusAndHeadersParserException, EOFError, OSError, zlib.error) as e:
            raise InputError(capture.url, f"{where} is damaged ({str(e).strip()[:200]})") from None
        except ValueError as e:  # a Content-Encoding that does not decode
            raise InputError(capture.url, str(e)) from None
        if capture.sha256 and hashlib.sha256(payload).hexdigest() != capture.sha256:
            raise InputError(capture.url, f"{where} is damaged (its SHA-256 is not the one in the index)")
        return payload

    def parse(self, capture: Capture, fallback: dict) -> Document:
        """The Document for a capture, with its provenance; `fallback` fills title, published
        and publisher where the bytes name none (from the feed and the source)."""
        original = self.original(capture)
        payload = self.payload(original)
        try:
            document = parse_bytes(payload, archive_name(original.url, original.content_type), original.url)
        except InputError:
            raise
        except Exception as e:  # a page that breaks a parser (RecursionError, ...) fails alone
            raise InputError(original.url, parse_failure(e)) from None
        document.source_url = original.url
        document.fetched = original.fetched
        document.archive_ref = original.ref
        for key in ("title", "published", "publisher"):
            if not getattr(document, key) and fallback.get(key):
                setattr(document, key, fallback[key])
        return document

    def document_readers(self) -> Iterator[tuple[str, Callable[[], Document]]]:
        """(name, read) for every kept document, by URL; read() parses it or raises InputError."""
        rows = list(self.db.query("SELECT * FROM resources WHERE role = 'document' AND kept = 1 ORDER BY url"))
        for row in rows:
            capture = self.latest(row["url"])
            if capture is not None:
                yield archive_name(row["url"], capture.content_type), partial(self.parse_newest, row["url"], row)

    def parse_newest(self, url: str, fallback: dict) -> Document:
        """The Document of the newest capture of `url` that reads: one that turned out
        unreadable (a broken page, a damaged record) does not displace the last good one.
        When none reads, the newest one's InputError."""
        error, tried = None, set()
        for capture in self.contents(url):
            if (capture.refers_to or capture.id) in tried:
                continue  # a revisit of bytes already tried
            tried.add(capture.refers_to or capture.id)
            try:
                return self.parse(capture, fallback)
            except InputError as e:
                error = error or e
        raise error or InputError(url, "the archive holds no capture of it with content")


def _stored_headers(response: Response) -> list[tuple[str, str]]:
    # The payload is stored de-chunked (urllib3 undoes the chunking), so a Transfer-Encoding
    # header would tell WARC readers to de-chunk it again. Content-Encoding stays: those
    # bytes are kept exactly as sent.
    return [(k, v) for k, v in response.headers if k.lower() != "transfer-encoding"]


def _quote(column: str) -> str:
    return f'"{column}"'
