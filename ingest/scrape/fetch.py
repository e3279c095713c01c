"""The one network seam: polite HTTP GETs.

Politeness is the default, not an option: robots.txt is honoured (and its Crawl-delay),
requests to one host are spaced by `delay` seconds, 429 and 5xx answers are retried
with exponential backoff or after the server's Retry-After, bodies are capped, and the
User-Agent says who we are. A response must be complete within `max_seconds` (headers
and body, however slowly they trickle in). Every complete response (redirects, errors and 304s too)
is handed to `on_response`, which the scraper points at the archive.
"""

from __future__ import annotations

import os
import time
import zlib
from dataclasses import dataclass, field
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime
from typing import Callable
from urllib.parse import urldefrag, urljoin, urlsplit

import requests
import urllib3

from .. import __version__
from ..errors import FetchError, RobotsDisallowed
from ..formats import MAX_BYTES  # one size cap for what we download and what we read
from . import robots
from .discover import url_problem
from .wire import Session, Watchdog, cause

ROBOTS_AGENT = "bijstand-evidence"  # the product token robots.txt groups name
# Where a site operator reads who we are and how to reach us. A placeholder until the
# project has a public page: set EVIDENCE_CONTACT (a URL or mailto:) before a real crawl.
PLACEHOLDER_CONTACT = "https://bijstand-evidence.example/contact"
CONTACT = os.environ.get("EVIDENCE_CONTACT") or PLACEHOLDER_CONTACT
USER_AGENT = f"{ROBOTS_AGENT}/{__version__} (+{CONTACT})"
RETRY_STATUSES = {429, 500, 502, 503, 504}
REDIRECT_STATUSES = {301, 302, 303, 307, 308}


class OffHost(FetchError):
    """A URL (or a redirect) on a host the source does not list; it was not requested."""


@dataclass
class Response:
    """One HTTP response as it came over the wire (body still Content-Encoded, if it was)."""

    url: str
    status: int
    reason: str
    headers: list[tuple[str, str]]
    body: bytes
    fetched: str  # UTC, second precision: the WARC-Date of its record
    request_headers: list[tuple[str, str]] = field(default_factory=list)
    protocol: str = "HTTP/1.1"
    archived: object = None  # what the on_response hook returned (the archive's capture)

    def header(self, name: str) -> str | None:
        name = name.lower()
        return next((v for k, v in self.headers if k.lower() == name), None)

    @property
    def content_type(self) -> str:
        """The media type without parameters, lower case ('' when the server sent none)."""
        return media_type(self.header("Content-Type"))

    @property
    def content(self) -> bytes:
        return decode_body(self.body, self.header("Content-Encoding"), MAX_BYTES)


def media_type(value: str | None) -> str:
    return (value or "").split(";")[0].strip().lower()


def decode_body(body: bytes, encoding: str | None, limit: int) -> bytes:
    """`body` with its Content-Encoding (gzip or deflate) undone, refusing more than `limit` bytes."""
    encoding = (encoding or "identity").strip().lower()
    if encoding in ("identity", ""):
        return body
    if encoding not in ("gzip", "x-gzip", "deflate"):
        raise ValueError(f"unsupported Content-Encoding {encoding!r}")
    # deflate is zlib-wrapped by the RFC and raw in practice: try both.
    for wbits in ((zlib.MAX_WBITS | 16,) if "gzip" in encoding else (zlib.MAX_WBITS, -zlib.MAX_WBITS)):
        try:
            inflater = zlib.decompressobj(wbits)
            out = inflater.decompress(body, limit + 1)
        except zlib.error:
            continue
        if len(out) > limit or inflater.unconsumed_tail:
            raise ValueError(f"decoded body is larger than the limit of {limit:,} bytes")
        return out
    raise ValueError(f"body is not valid {encoding}")


def utc_now() -> str:
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def retry_after(value: str | None, now: float | None = None) -> float | None:
    """Seconds to wait from a Retry-After header (delta-seconds or an HTTP date), else None."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - (time.time() if now is None else now))


class Fetcher:
    """Polite GETs with robots.txt, per-host delay, retries, size cap and conditional requests.

    `validators(url)` gives the conditional headers (If-None-Match, If-Modified-Since) of
    what is already archived for `url`; `on_response(response)` archives each response.
    """

    def __init__(self, *, delay: float = 1.0, timeout: float = 20.0, retries: int = 3,
                 backoff: float = 2.0, max_retry_after: float = 120.0, max_bytes: int = MAX_BYTES,
                 max_seconds: float = 300.0, max_redirects: int = 5, user_agent: str = USER_AGENT,
                 validators: Callable[[str], dict] | None = None,
                 on_response: Callable[[Response], object] | None = None,
                 sleep: Callable[[float], None] = time.sleep, clock: Callable[[], float] = time.monotonic):
        self.delay, self.timeout, self.retries, self.backoff = delay, timeout, retries, backoff
        self.max_retry_after, self.max_bytes, self.max_seconds = max_retry_after, max_bytes, max_seconds
        self.max_redirects, self.user_agent = max_redirects, user_agent
        self.validators = validators or (lambda url: {})
        self.on_response = on_response or (lambda response: None)
        self.sleep, self.clock = sleep, clock  # for the waits between requests (tests pass their own)
        self.session = Session()
        self._robots: dict[tuple, tuple[robots.Robots, str | None]] = {}
        self._next_request: dict[str, float] = {}  # host -> monotonic time it may be asked again
        self._crawl_delay: dict[str, float] = {}

    def close(self) -> None:
        self.session.close()

    def get(self, url: str, accept: tuple[str, ...] | None = None,
            hosts: frozenset[str] | None = None) -> Response:
        """GET `url`, following redirects; the final response is a 200 or a 304.

        `accept` lists media types (or prefixes such as 'text/') a 200 may have; another
        type fails before its body is read. `hosts`, if given, are the host names every
        hop must be on. Raises RobotsDisallowed or FetchError.
        """
        response = self._follow(url, accept, polite=True, hosts=hosts)
        if response.status >= 400:
            raise FetchError(response.url, f"HTTP {response.status} {response.reason}".strip())
        return response

    def allowed(self, url: str, hosts: frozenset[str] | None = None) -> bool:
        """Whether robots.txt lets us fetch `url` (reads robots.txt once per site); its
        redirects are followed only to `hosts` (or, without them, the site's own host)."""
        rules, unreachable = self._rules(url, hosts)
        if unreachable:
            raise FetchError(url, f"robots.txt could not be read ({unreachable}), so the site was not crawled")
        return rules.allowed(url)

    def _follow(self, url: str, accept, polite: bool, hosts: frozenset[str] | None = None) -> Response:
        """Follow redirects, checking the URL, its host, robots.txt (when `polite`) and
        sending validators (idem) at every hop."""
        chain = [urldefrag(url)[0]]
        for _ in range(self.max_redirects + 1):
            hop = chain[-1]
            problem = url_problem(hop)
            if problem:
                raise FetchError(url, f"not a URL we can fetch: {hop} ({problem})")
            host = urlsplit(hop).hostname
            if hosts and host not in hosts:
                via = f"redirected to {hop}, but " if len(chain) > 1 else ""
                raise OffHost(url, f"{via}host {host} is not one of the source's hosts "
                                      f"({', '.join(sorted(hosts))}); add it to its `hosts` to follow it")
            if polite and not self.allowed(hop, hosts):
                raise RobotsDisallowed(hop)
            response = self._with_retries(hop, self.validators(hop) if polite else {}, accept)
            if response.status not in REDIRECT_STATUSES:
                return response
            location = response.header("Location")
            if not location:
                raise FetchError(hop, f"HTTP {response.status} without a Location header")
            try:
                target = urldefrag(urljoin(hop, location.strip()))[0]
            except ValueError as e:
                raise FetchError(hop, f"HTTP {response.status} with a bad Location header {location!r} ({e})") from None
            if target in chain:
                raise FetchError(url, "redirect loop: " + " -> ".join(chain + [target]))
            chain.append(target)
        raise FetchError(url, f"more than {self.max_redirects} redirects")

    def _with_retries(self, url: str, headers: dict, accept) -> Response:
        """One URL, retried on 429/5xx, timeouts and dropped connections; returns any other answer."""
        host = urlsplit(url).netloc
        tries = self.retries + 1
        for attempt in range(1, tries + 1):
            self._wait_turn(host)
            try:
                response = self._request(url, headers, accept)
            except (requests.Timeout, urllib3.exceptions.ReadTimeoutError):
                failure, wait = f"timed out after {self.timeout:g} s", None
            except (requests.ConnectionError, urllib3.exceptions.ProtocolError) as e:
                failure, wait = f"connection failed ({cause(e)})", None
            else:
                response.archived = self.on_response(response)
                if response.status not in RETRY_STATUSES:
                    return response
                failure = f"HTTP {response.status} {response.reason}".strip()
                wait = retry_after(response.header("Retry-After"))
                if wait is not None and wait > self.max_retry_after:
                    raise FetchError(url, f"{failure}; asked to retry after {wait:.0f} s, "
                                          f"more than the limit of {self.max_retry_after:g} s")
            if attempt == tries:
                raise FetchError(url, f"{failure} ({tries} tries)")
            # The whole host waits, not just this URL: a 429 or 503 speaks for the server.
            self._hold(host, self.backoff * 2 ** (attempt - 1) if wait is None else wait)
        raise AssertionError("unreachable")

    def _request(self, url: str, headers: dict, accept) -> Response:
        """One GET, complete within max_seconds: the Watchdog ends a response whose headers
        or body trickle in, which the per-read timeout alone would let run for ever."""
        too_slow = f"download took longer than {self.max_seconds:g} s"
        with Watchdog(self.max_seconds) as watchdog:
            try:
                response = self._download(url, headers, accept, too_slow)
            except (requests.RequestException, urllib3.exceptions.HTTPError, OSError):
                if watchdog.expired:
                    raise FetchError(url, too_slow) from None
                raise
            if watchdog.expired:  # a body without a length may seem to end when the socket is shut
                raise FetchError(url, too_slow)
        return response

    def _download(self, url: str, headers: dict, accept, too_slow: str) -> Response:
        sent = {"User-Agent": self.user_agent, "Accept-Encoding": "gzip, deflate", **headers}
        started = time.monotonic()
        try:
            r = self.session.get(url, headers=sent, timeout=self.timeout, stream=True, allow_redirects=False)
        except (requests.exceptions.InvalidURL, requests.exceptions.MissingSchema,
                requests.exceptions.InvalidSchema) as e:
            raise FetchError(url, f"not a URL we can fetch ({e})") from None
        fetched = utc_now()
        with r:
            if r.status_code == 200 and accept:
                kind = media_type(r.headers.get("Content-Type"))
                if kind and not kind.startswith(tuple(accept)):
                    raise FetchError(url, f"unexpected content type {kind} (expected {', '.join(accept)})")
            declared = r.headers.get("Content-Length", "")
            if declared.isdigit() and int(declared) > self.max_bytes:
                raise FetchError(url, f"body of {int(declared):,} bytes is larger than the limit of {self.max_bytes:,}")
            body = bytearray()
            for chunk in r.raw.stream(64 * 1024, decode_content=False):
                body += chunk
                if len(body) > self.max_bytes:
                    raise FetchError(url, f"body is larger than the limit of {self.max_bytes:,} bytes")
                if time.monotonic() - started > self.max_seconds:
                    raise FetchError(url, too_slow)
            return Response(url=url, status=r.status_code, reason=r.reason or "",
                            headers=list(r.raw.headers.items()), body=bytes(body), fetched=fetched,
                            request_headers=list(r.request.headers.items()),
                            protocol="HTTP/1.0" if r.raw.version == 10 else "HTTP/1.1")

    def _wait_turn(self, host: str) -> None:
        pause = self._next_request.get(host, 0.0) - self.clock()
        if pause > 0:
            self.sleep(pause)
        self._next_request[host] = self.clock() + max(self.delay, self._crawl_delay.get(host, 0.0))

    def _hold(self, host: str, seconds: float) -> None:
        self._next_request[host] = max(self._next_request.get(host, 0.0), self.clock() + seconds)

    def _rules(self, url: str, hosts: frozenset[str] | None) -> tuple[robots.Robots, str | None]:
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        hosts = frozenset(hosts or {parts.hostname})
        if (origin, hosts) not in self._robots:
            self._robots[origin, hosts] = self._read_robots(origin, parts.netloc, hosts)
        return self._robots[origin, hosts]

    def _read_robots(self, origin: str, host: str, hosts: frozenset[str]) -> tuple[robots.Robots, str | None]:
        """robots.txt as RFC 9309 reads it: 4xx allows all (401/403 forbid all), unreachable
        forbids all. Its redirects are held to `hosts` like every other request: one to
        another host is neither requested nor archived, and counts as unavailable (a 4xx)."""
        try:
            response = self._follow(origin + "/robots.txt", None, polite=False, hosts=hosts)
        except OffHost:
            return robots.Robots.allow_all(), None
        except FetchError as e:
            return robots.Robots.disallow_all(), e.reason
        if response.status in (401, 403):
            return robots.Robots.disallow_all(), None
        if response.status >= 400:
            return robots.Robots.allow_all(), None
        try:
            text = response.content.decode("utf-8", errors="replace")
        except ValueError as e:
            return robots.Robots.disallow_all(), str(e)
        rules = robots.parse(text, ROBOTS_AGENT)
        if rules.crawl_delay:
            self._crawl_delay[host] = min(rules.crawl_delay, self.max_retry_after)
        return rules, None
