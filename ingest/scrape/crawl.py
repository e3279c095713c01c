"""Scraping: sources -> discover -> fetch -> archive, incrementally.

Every run walks each source's listing pages, feed or sitemap and asks for every
document it lists, conditionally: what has not changed answers 304 (or the same bytes)
and is not stored again. A failure on one URL is counted and the run goes on.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Iterable
from urllib.parse import urlsplit

from ..errors import FetchError, InputError, RobotsDisallowed
from .archive import Archive, Capture, parse_failure
from .discover import Link, feed_links, listing_links, sitemap_links
from .fetch import Fetcher
from .sources import Source

HTML_TYPES = ("text/html", "application/xhtml+xml")
DOCUMENT_TYPES = (*HTML_TYPES, "application/pdf", "text/plain")
PDF_TYPES = ("application/pdf",)


@dataclass
class Summary:
    """What a run did, URL by URL (listing pages, feeds and sitemaps included)."""

    fetched: list[str] = field(default_factory=list)  # new or changed bytes archived
    unchanged: list[str] = field(default_factory=list)  # 304, or the same bytes again
    robots: list[str] = field(default_factory=list)  # not requested: robots.txt disallows them
    failed: list[tuple[str, str]] = field(default_factory=list)  # (url, reason)
    filtered: list[str] = field(default_factory=list)  # documents naming none of the include words
    too_old: list[str] = field(default_factory=list)  # published before --since: left out
    offsite: list[str] = field(default_factory=list)  # not requested: on a host the source does not list
    stopped: list[tuple[str, str]] = field(default_factory=list)  # (source, which cap stopped it)

    def lines(self) -> list[str]:
        """The summary for people: counts, then one `Error: <url>: <reason>` line per failure."""
        out = [f"{len(self.fetched)} fetched, {len(self.unchanged)} unchanged, "
               f"{len(self.robots)} skipped by robots.txt, {len(self.failed)} failed."]
        extra = []
        if self.filtered:
            extra.append(f"{_documents(self.filtered)} named none of the include words and left out")
        if self.too_old:
            extra.append(f"{_documents(self.too_old)} published before --since left out")
        if self.offsite:
            extra.append(f"{len(self.offsite)} link{'s' * (len(self.offsite) != 1)} to other hosts not "
                         "followed (a source's `hosts` lists those it may follow)")
        if extra:
            out.append("; ".join(extra) + ".")
        out += [f"Stopped: {name}: {reason}" for name, reason in self.stopped]
        out += [f"Error: {url}: {reason}" for url, reason in self.failed]
        return out


def _documents(urls: list) -> str:
    return f"{len(urls)} document{'s' * (len(urls) != 1)}"


def _all(label: str, items: list) -> Iterable:
    return items


class Scraper:
    """One run over some sources into an archive, through a polite fetcher."""

    def __init__(self, archive: Archive, fetcher: Fetcher, since: str | None = None,
                 track: Callable[[str, list], Iterable] = _all):
        self.archive, self.fetcher, self.since, self.track = archive, fetcher, since, track
        self.summary = Summary()
        self._requested: set[str] = set()  # a URL two sources list is asked for once per run
        self._deadline, self._stopped = float("inf"), False  # the max_minutes of the source being read

    def run(self, sources: list[Source]) -> Summary:
        for source in sources:
            self._deadline, self._stopped = self.fetcher.clock() + source.max_minutes * 60, False
            links = self.discover(source)
            cap = source.max_documents
            if len(links) > cap:
                self.summary.stopped.append((source.name, f"{len(links):,} documents found, more than its "
                                                          f"max_documents of {cap:,}: the first {cap:,} were asked for"))
                links = links[:cap]
            for done, link in enumerate(self.track(source.name, links)):
                if self._time_up(source, f"{len(links) - done:,} of its {len(links):,} documents were not asked for"):
                    break
                self.document(source, link)
        return self.summary

    def _time_up(self, source: Source, left: str) -> bool:
        """Whether the source has used its max_minutes (said once in the summary, with what was left)."""
        if self.fetcher.clock() < self._deadline:
            return False
        if not self._stopped:
            self._stopped = True
            self.summary.stopped.append((source.name, f"its max_minutes of {source.max_minutes:g} ran out; {left}"))
        return True

    def discover(self, source: Source) -> list[Link]:
        """The documents a source lists now (reading its listing pages, feed or sitemap)."""
        if source.kind in ("single", "pdf"):
            return [Link(source.url)]
        found: dict[str, Link] = {}
        if source.kind == "html-listing":
            page, seen = source.url, set()
            while page and page not in seen and len(seen) < source.max_pages and len(found) <= source.max_documents:
                if self._time_up(source, "not all its listing pages were read"):
                    break
                seen.add(page)
                got = self._index_page(source, page, "listing", HTML_TYPES)
                result = got and self._read(got, lambda body, url: listing_links(body, url, source.links, source.next))
                if not result:
                    break
                links, page = result
                recent, old = self._add(source, links, found)
                if old and not recent:
                    break  # listings run newest first: a page with nothing since --since ends the walk
        elif source.kind == "rss":
            # Feeds and sitemaps are often served with a wrong type: the XML parser judges them.
            got = self._index_page(source, source.url, "feed", None)
            if got is not None:
                self._add(source, self._read(got, feed_links) or [], found)
        elif source.kind == "sitemap":
            queue, read = [source.url], 0
            while queue and read < source.max_pages and len(found) <= source.max_documents:
                if self._time_up(source, "not all its sitemaps were read"):
                    break
                url = queue.pop(0)
                read += 1
                got = self._index_page(source, url, "sitemap", None)
                pages, children = (self._read(got, sitemap_links) if got else None) or ([], [])
                self._add(source, pages, found)
                queue += [c for c in children if c not in queue]
        return list(found.values())

    def document(self, source: Source, link: Link) -> None:
        """Fetch one document, archive it and decide whether it goes into the build."""
        capture = self._fetch(source, link.url, PDF_TYPES if source.kind == "pdf" else DOCUMENT_TYPES)
        if capture is None:
            return
        fallback = {"title": link.title, "published": link.published, "publisher": source.publisher}
        try:
            document = self.archive.parse(capture, fallback)
        except InputError as e:
            # A page that was good stays in the build as it was (the build reads the newest
            # capture that reads) until a good version arrives.
            before = self.archive.resource(capture.url)
            good_before = before is not None and before["kept"] == 1
            if capture.new:  # an unchanged unreadable page was reported when it arrived
                self.summary.failed.append((capture.url, e.reason + "; the last good capture stays in the build"
                                            * good_before))
            if not good_before:
                self.archive.mark(capture.url, source=source.name, role="document", kept=0,
                                  reason=f"unreadable: {e.reason}", title=None, published=None,
                                  publisher=source.publisher)
            return
        if self._before_since(document.published):
            # Left as the archive had it: --since limits what a run adds, it removes nothing.
            self.summary.too_old.append(capture.url)
            return
        kept = source.names_include(document.title, document.text)
        if not kept:
            self.summary.filtered.append(capture.url)
        self.archive.mark(capture.url, source=source.name, role="document", kept=int(kept),
                          reason=None if kept else f"names none of: {', '.join(source.include)}",
                          title=document.title, published=document.published, publisher=source.publisher)

    def _index_page(self, source: Source, url: str, role: str, accept) -> tuple[str, bytes] | None:
        """A listing page, feed or sitemap: its final URL and decoded bytes, or None if it failed."""
        capture = self._fetch(source, url, accept)
        if capture is None:
            return None
        self.archive.mark(capture.url, source=source.name, role=role, kept=0, reason=None)
        try:
            return capture.url, self.archive.payload(capture)
        except InputError as e:
            self.summary.failed.append((capture.url, e.reason))
            return None

    def _read(self, got: tuple[str, bytes], parse):
        url, body = got
        try:
            return parse(body, url)
        except InputError as e:
            self.summary.failed.append((url, e.reason))
        except Exception as e:  # a page that breaks the parser (RecursionError, ...) fails alone
            self.summary.failed.append((url, parse_failure(e)))
        return None

    def _add(self, source: Source, links: list[Link], found: dict) -> tuple[int, int]:
        """Add the links this source wants; how many were added and how many were older than --since."""
        recent = old = 0
        for link in links:
            if not source.wants(link.url):
                continue
            if urlsplit(link.url).hostname not in source.allowed_hosts:
                self.summary.offsite.append(link.url)
                continue
            if self._before_since(link.published or (self.archive.resource(link.url) or {}).get("published")):
                self.summary.too_old.append(link.url)
                old += 1
                continue
            recent += 1
            found.setdefault(link.url, link)
        return recent, old

    def _before_since(self, published: str | None) -> bool:
        # A month-only date ("2019-05") is older only if the whole month is.
        return bool(self.since and published) and published < self.since[:len(published)]

    def _fetch(self, source: Source, url: str, accept) -> Capture | None:
        """GET one URL of `source` and count the outcome; the archived capture, or None."""
        if url in self._requested:
            return None
        self._requested.add(url)
        try:
            response = self.fetcher.get(url, accept, hosts=source.allowed_hosts)
        except RobotsDisallowed:
            self.summary.robots.append(url)
            return None
        except FetchError as e:
            self.summary.failed.append((e.source, e.reason))
            return None
        capture = response.archived
        (self.summary.fetched if capture.new else self.summary.unchanged).append(url)
        return capture


def scrape(sources: list[Source], archive: Archive, since: str | None = None,
           track: Callable[[str, list], Iterable] = _all, **fetch_options) -> Summary:
    """Scrape `sources` into `archive`; `fetch_options` tune the Fetcher (delay, timeout, ...)."""
    fetcher = Fetcher(validators=archive.validators, on_response=archive.record, **fetch_options)
    try:
        return Scraper(archive, fetcher, since, track).run(sources)
    finally:
        fetcher.close()
