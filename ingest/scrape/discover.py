"""Finding documents: links on listing pages, items in RSS/Atom feeds, URLs in sitemaps.

Pure functions of the bytes and the URL they came from; they fetch nothing.
"""

from __future__ import annotations

import ipaddress
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from urllib.parse import urldefrag, urljoin, urlsplit

from bs4 import BeautifulSoup

from ..errors import DiscoveryError
from ..formats.dates import normalise_date


@dataclass(frozen=True)
class Link:
    """A document to fetch, with what the page that listed it says about it."""

    url: str
    title: str | None = None
    published: str | None = None  # ISO date, from a feed or a sitemap's lastmod


_HOST = re.compile(r"^[\w.-]+$")  # \w: internationalised names are fine, requests encodes them


def url_problem(url: str) -> str | None:
    """Why `url` is not an http(s) URL we can fetch (None if it is one)."""
    if any(c.isspace() for c in url):
        return "it contains a space"
    try:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https"):
            return "not an http(s) URL"
        parts.port  # noqa: B018 -- raises for a port out of range or not a number
    except ValueError as e:  # urllib's own words: "Invalid IPv6 URL", "Port out of range 0-65535"
        return str(e)[:1].lower() + str(e)[1:]
    host = parts.hostname or ""
    if not host:
        return "it names no host"
    if ":" in host:
        try:
            ipaddress.IPv6Address(host)
        except ValueError:
            return f"{host!r} is not an IPv6 address"
    elif not _HOST.match(host):
        return f"{host!r} is not a host name"
    return None


def absolute(base: str, href: str | None) -> str | None:
    """`href` resolved against `base`, without its #fragment; None unless it is an http(s)
    URL we can fetch (a broken href in the wild is a link not followed, not an error)."""
    if not href or not href.strip():
        return None
    try:
        url = urldefrag(urljoin(base, href.strip().replace(" ", "%20")))[0]
    except ValueError:  # e.g. "http://[oops/a": an unclosed IPv6 bracket
        return None
    return None if url_problem(url) else url


def listing_links(html: bytes, url: str, links: str, next_page: str | None = None) -> tuple[list[Link], str | None]:
    """The article links (CSS selector `links`) and the next listing page (`next_page`) of a listing.

    A selector may name the <a> itself or an element around it (a teaser card).
    """
    soup = BeautifulSoup(html, "html.parser")
    base_tag = soup.find("base", href=True)
    base = urljoin(url, base_tag["href"]) if base_tag else url
    found: dict[str, Link] = {}
    for element in soup.select(links):
        href = _href(element)
        target = absolute(base, href)
        if target and target not in found:
            found[target] = Link(target)
    following = None
    if next_page:
        element = soup.select_one(next_page)
        following = absolute(base, _href(element)) if element is not None else None
    return list(found.values()), following


def _href(element) -> str | None:
    if element.name != "a":
        element = element.find("a", href=True)
    return element.get("href") if element is not None else None


def feed_links(xml: bytes, url: str) -> list[Link]:
    """The items of an RSS 2.0, RSS 1.0 (RDF) or Atom feed, in feed order."""
    root = _parse_xml(xml, url)
    if _local(root.tag) not in ("rss", "feed", "RDF"):
        raise DiscoveryError(url, f"not an RSS or Atom feed (its root element is <{_local(root.tag)}>)")
    found: dict[str, Link] = {}
    for item in root.iter():
        if _local(item.tag) not in ("item", "entry"):
            continue
        fields = {_local(child.tag): child for child in reversed(list(item))}  # first of each wins
        target = absolute(url, _item_link(item, fields))
        if target and target not in found:
            title = _text(fields.get("title"))
            when = next((_date(_text(fields[k])) for k in ("pubDate", "published", "date", "updated", "issued")
                         if k in fields), None)
            found[target] = Link(target, title, when)
    return list(found.values())


def _item_link(item, fields) -> str | None:
    for child in item:
        # Atom: <link href="..."/>, the alternate one when several are given.
        if _local(child.tag) == "link" and child.get("href") and child.get("rel", "alternate") == "alternate":
            return child.get("href")
    link = _text(fields.get("link"))
    if link:
        return link
    guid = fields.get("guid")
    if guid is not None and guid.get("isPermaLink", "true") == "true":
        return _text(guid)
    return None


def sitemap_links(xml: bytes, url: str) -> tuple[list[Link], list[str]]:
    """The page URLs (with lastmod) of a sitemap, and the sitemaps a sitemap index lists."""
    root = _parse_xml(xml, url)
    kind = _local(root.tag)
    if kind not in ("urlset", "sitemapindex"):
        raise DiscoveryError(url, f"not a sitemap (its root element is <{kind}>)")
    pages: dict[str, Link] = {}
    sitemaps: list[str] = []
    for entry in root:
        fields = {_local(child.tag): _text(child) for child in entry}
        target = absolute(url, fields.get("loc"))
        if not target:
            continue
        if kind == "sitemapindex":
            if target not in sitemaps:
                sitemaps.append(target)
        elif target not in pages:
            pages[target] = Link(target, None, _date(fields.get("lastmod")))
    return list(pages.values()), sitemaps


def _parse_xml(xml: bytes, url: str):
    # expat (not lxml) keeps this dependency-free; it resolves no external entities and
    # limits entity expansion, so a hostile feed cannot read files or blow up memory.
    try:
        return ET.fromstring(xml.lstrip(b"\xef\xbb\xbf \t\r\n"))
    except ET.ParseError as e:
        raise DiscoveryError(url, f"malformed XML ({e})") from None


def _local(tag) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _text(element) -> str | None:
    if element is None:
        return None
    text = element if isinstance(element, str) else "".join(element.itertext())
    return " ".join(text.split()) or None


def _date(value: str | None) -> str | None:
    """RFC 822 dates (RSS) and ISO 8601 (Atom, sitemaps) to YYYY-MM-DD."""
    if not value:
        return None
    try:
        return parsedate_to_datetime(value).date().isoformat()
    except (TypeError, ValueError, IndexError):
        return normalise_date(value)
