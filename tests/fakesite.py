"""A small municipal website on 127.0.0.1, served by a real HTTP server in a thread.

It serves the files under a folder (a copy of tests/fixtures/site, so a test may add an
article) with ETag and Last-Modified, answers conditional requests with 304, gzips text
for clients that accept it, and has the faults of the real web at fixed paths (FAULTS).
Every request is logged, so a test can assert what was, and was not, asked for.

`http://proefstad.example` in a served file (or a redirect) is replaced by the server's
own address, so feeds and sitemaps can hold the absolute URLs the formats ask for;
`http://elders.example` by the same server under the name localhost: another host.
"""

from __future__ import annotations

import gzip
import hashlib
import mimetypes
import shutil
import threading
import time
from dataclasses import dataclass, field
from email.utils import formatdate, parsedate_to_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

SITE = Path(__file__).parent / "fixtures" / "site"
PLACEHOLDER = b"http://proefstad.example"
ELSEWHERE = b"http://elders.example"
SLOW_SECONDS = 1.5
BIG = 10 * 1024 * 1024
# A trickle sends one byte per TRICKLE_GAP seconds (less than any test's read timeout, so
# no read ever times out) for TRICKLE_BYTES bytes: a minute at least, so a test that
# finishes sooner has not waited for it, however slow the machine.
TRICKLE_GAP = 0.1
TRICKLE_BYTES = 600

# path -> fault. "first:N" answers N once, then serves the file; the rest always apply.
FAULTS = {
    "/storingen/herstel.html": "first:500",
    "/storingen/druk.html": "first:429",  # with Retry-After: 1
    "/storingen/traag.html": "slow",
    "/storingen/overbelast.html": "always:503",
    "/lus/a": "redirect:/lus/b",
    "/lus/b": "redirect:/lus/a",
    "/oud/concept.html": "redirect:/intern/concept.html",
    "/storingen/verhuisd.html": "redirect:http://elders.example/nieuws/deventer-tussenstand.html",
    "/storingen/kromme-verwijzing.html": "redirect:http://[oops/x",
    "/storingen/groot.html": "big-declared",
    "/storingen/stroom.html": "big-streamed",
    "/storingen/foto.html": "type:image/jpeg",
    "/storingen/druppel.html": "trickle-body",  # headers at once, then the body byte by byte
    "/storingen/druppelkop.html": "trickle-headers",  # even the status line byte by byte
}


@dataclass
class Request:
    path: str
    headers: dict
    at: float  # time.monotonic() when it arrived
    status: int | None = None  # what the server answered


@dataclass
class FakeSite:
    root: Path
    faults: dict = field(default_factory=lambda: dict(FAULTS))
    log: list[Request] = field(default_factory=list)

    def __post_init__(self):
        self._lock = threading.Lock()
        site = self

        class Handler(_Handler):
            pass

        Handler.site = site
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"
        self._thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05},
                                        daemon=True)

    @classmethod
    def copy_of(cls, folder: Path, source: Path = SITE) -> "FakeSite":
        """A site serving a fresh copy of `source` in `folder` (tests may change the copy)."""
        shutil.copytree(source, folder)
        return cls(folder)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()

    def url(self, path: str) -> str:
        return self.base + path

    def localise(self, data: bytes) -> bytes:
        """`data` with the placeholder hosts replaced by this server's addresses."""
        elsewhere = self.base.replace("127.0.0.1", "localhost").encode()
        return data.replace(PLACEHOLDER, self.base.encode()).replace(ELSEWHERE, elsewhere)

    def requests(self, path: str | None = None) -> list[Request]:
        with self._lock:
            return [r for r in self.log if path is None or r.path == path]

    def paths(self) -> list[str]:
        return [r.path for r in self.requests()]

    def mark(self) -> int:
        """A point in the log; `since(mark)` gives the requests after it."""
        return len(self.log)

    def since(self, mark: int) -> list[Request]:
        with self._lock:
            return self.log[mark:]


class _Handler(BaseHTTPRequestHandler):
    site: FakeSite
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):  # the request log is ours; keep stderr quiet
        pass

    def do_GET(self):
        entry = self.entry = Request(self.path, dict(self.headers), time.monotonic())
        with self.site._lock:
            earlier = sum(1 for r in self.site.log if r.path == self.path)
            self.site.log.append(entry)
        fault = self.site.faults.get(self.path, "")
        try:
            self._answer(fault, earlier)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (a timeout or a size cap): that is the point

    def _answer(self, fault: str, earlier: int) -> int:
        kind, _, arg = fault.partition(":")
        if kind == "first" and earlier == 0 or kind == "always":
            extra = {"Retry-After": "1"} if arg == "429" else {}
            return self._send(int(arg), b"<html><body>Even geduld</body></html>", "text/html", extra)
        if kind == "redirect":
            return self._send(302, b"", "text/html", {"Location": self.site.localise(arg.encode()).decode()})
        if kind == "slow":
            time.sleep(SLOW_SECONDS)
        if kind == "big-declared":
            return self._send(200, b"x" * 1024, "text/html", {"Content-Length": str(BIG)})
        if kind == "big-streamed":
            return self._stream(BIG)
        if kind.startswith("trickle-"):
            return self._trickle(kind == "trickle-headers")
        path = self.site.root / self.path.lstrip("/").split("?")[0]
        if not path.is_file() or self.site.root.resolve() not in path.resolve().parents:
            return self._send(404, b"<html><body>Niet gevonden</body></html>", "text/html")
        body = self.site.localise(path.read_bytes())
        etag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
        modified = path.stat().st_mtime
        validators = {"ETag": etag, "Last-Modified": formatdate(modified, usegmt=True)}
        if self._not_modified(etag, modified):
            return self._send(304, b"", None, validators)
        kind_of = arg if kind == "type" else mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return self._send(200, body, kind_of, validators)

    def _not_modified(self, etag: str, modified: float) -> bool:
        # RFC 9110: If-None-Match, when sent, decides; If-Modified-Since only without it.
        if "If-None-Match" in self.headers:
            return etag in [t.strip() for t in self.headers["If-None-Match"].split(",")]
        since = self.headers.get("If-Modified-Since")
        if since:
            try:
                return int(modified) <= parsedate_to_datetime(since).timestamp()
            except (TypeError, ValueError):
                return False
        return False

    def _send(self, status: int, body: bytes, content_type: str | None, headers: dict | None = None) -> int:
        headers = dict(headers or {})
        if content_type and content_type.startswith(("text/", "application/xml", "application/rss")) and \
                "gzip" in self.headers.get("Accept-Encoding", "") and status == 200 and "Content-Length" not in headers:
            body = gzip.compress(body, mtime=0)
            headers["Content-Encoding"] = "gzip"
        self.entry.status = status  # before the client can have the answer, so a test never sees None
        self.send_response(status)
        if content_type:
            self.send_header("Content-Type", content_type + ("; charset=utf-8" if content_type.startswith("text/") else ""))
        headers.setdefault("Content-Length", str(len(body)))
        for name, value in headers.items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)
        return status

    def _trickle(self, headers_too: bool) -> int:
        """A 200 whose headers (or only its body) arrive one byte per TRICKLE_GAP seconds."""
        self.entry.status = 200
        body = b"<html><body>" + b"." * TRICKLE_BYTES + b"</body></html>"
        head = (b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nX-Padding: " + b"." * TRICKLE_BYTES
                + b"\r\nContent-Length: %d\r\n\r\n" % len(body))
        slow = head + body if headers_too else body
        if not headers_too:
            self.wfile.write(head)
            self.wfile.flush()
        for i in range(len(slow)):
            self.wfile.write(slow[i:i + 1])
            self.wfile.flush()
            time.sleep(TRICKLE_GAP)
        return 200

    def _stream(self, size: int) -> int:
        """A body without Content-Length, sent in chunks until the client hangs up."""
        self.entry.status = 200
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        chunk = b"<p>" + b"x" * 65536 + b"</p>"
        for _ in range(size // len(chunk) + 1):
            self.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
        self.wfile.write(b"0\r\n\r\n")
        return 200


class FakeClock:
    """A Fetcher's clock and sleep: time moves only when it sleeps, and every sleep is kept,
    so a test asserts the waits it asked for, however busy the machine is."""

    def __init__(self):
        self.now, self.sleeps = 0.0, []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds


@pytest.fixture
def site(tmp_path):
    """A fake site serving a fresh copy of tests/fixtures/site (import it into a test module)."""
    with FakeSite.copy_of(tmp_path / "site") as site:
        yield site
