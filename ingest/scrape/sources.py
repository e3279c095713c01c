"""The sources to scrape, declared in YAML (ingest/scrape/sources.yml), checked before anything is fetched."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import soupsieve
import yaml

from ..errors import SourcesError
from .discover import url_problem

DEFAULT_SOURCES = Path(__file__).resolve().parent / "sources.yml"
KINDS = ("html-listing", "rss", "sitemap", "single", "pdf")
FIELDS = ("name", "kind", "url", "hosts", "links", "next", "include", "match", "max_pages", "max_documents",
          "max_minutes", "publisher", "verified", "notes")
MAX_DOCUMENTS = 500  # documents asked for per source and run, unless the source says otherwise
MAX_MINUTES = 60  # minutes a source may take per run (listing pages and documents), idem
LISTING_ONLY = ("links", "next")
_NAME = re.compile(r"^[a-z0-9][a-z0-9._-]*$")


@dataclass(frozen=True)
class Source:
    """One entry of sources.yml."""

    name: str
    kind: str  # html-listing, rss, sitemap, single (one page) or pdf (one PDF)
    url: str
    hosts: frozenset[str] = frozenset()  # other host names it may fetch from (besides the url's)
    links: str | None = None  # CSS selector of the article links (html-listing)
    next: str | None = None  # CSS selector of the next listing page (html-listing)
    include: tuple[str, ...] = ()  # keep a document whose title or text names one of these
    match: str | None = None  # regular expression a document URL must contain
    max_pages: int = 10  # listing pages, or sitemap files, read per run
    max_documents: int = MAX_DOCUMENTS  # documents asked for per run; the first ones listed
    max_minutes: float = MAX_MINUTES  # time per run, waits included; then the source stops
    publisher: str | None = None  # for documents that do not name their publisher
    verified: bool | None = None  # False: the url was written down, never fetched from here
    notes: str | None = None

    @property
    def allowed_hosts(self) -> frozenset[str]:
        """The host names every request of this source, redirects included, must be on."""
        return frozenset({urlsplit(self.url).hostname, *self.hosts})

    def wants(self, url: str) -> bool:
        """Whether a discovered URL is one of this source's documents (its `match`)."""
        return self.match is None or re.search(self.match, url) is not None

    def names_include(self, *texts: str | None) -> bool:
        """Whether any of `texts` names an include word (substring, any case: Dutch compounds)."""
        if not self.include:
            return True
        haystack = " ".join(t for t in texts if t).casefold()
        return any(word.casefold() in haystack for word in self.include)


def load_sources(path: str | Path | None = None, only: str | None = None) -> list[Source]:
    """Read and check a sources file (the project's own by default); `only` keeps the one
    source of that name."""
    path = path or DEFAULT_SOURCES
    label = str(path)
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise SourcesError(f"{label}: no such file") from None
    except (OSError, UnicodeDecodeError) as e:
        raise SourcesError(f"{label}: cannot be read ({e})") from None
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}: " if mark else ""
        raise SourcesError(f"{label}: not valid YAML ({where}{getattr(e, 'problem', None) or e})") from None
    sources = parse_sources(data, label)
    if only is None:
        return sources
    chosen = [s for s in sources if s.name == only]
    if not chosen:
        raise SourcesError(f"{label}: no source named {only!r} (there are: {', '.join(s.name for s in sources)})")
    return chosen


def parse_sources(data, label: str = "sources.yml") -> list[Source]:
    """Check the parsed YAML (a list of mappings) and turn it into Sources."""
    if not isinstance(data, list) or not data:
        raise SourcesError(f"{label}: expected a list of sources, one entry (name, kind, url, ...) per source")
    sources, names = [], {}
    for number, entry in enumerate(data, start=1):
        named = entry.get("name") if isinstance(entry, dict) else None
        where = f"entry {number}" + (f" ({named.strip()})" if isinstance(named, str) and named.strip() else "")

        def bad(message):
            return SourcesError(f"{label}: {where}: {message}")

        source = _source(entry, bad)
        if source.name in names:
            raise bad(f"name {source.name!r} is already used by entry {names[source.name]}")
        names[source.name] = number
        sources.append(source)
    return sources


def _source(entry, bad) -> Source:
    if not isinstance(entry, dict):
        raise bad("expected a mapping with name, kind and url")
    unknown = [k for k in entry if k not in FIELDS]
    if unknown:
        raise bad(f"unknown field {unknown[0]!r} (known fields: {', '.join(FIELDS)})")
    for key in ("name", "kind", "url"):
        if not isinstance(entry.get(key), str) or not entry[key].strip():
            raise bad(f"{key!r} is required (a text)")
    name, kind, url = entry["name"].strip(), entry["kind"].strip(), entry["url"].strip()
    if not _NAME.match(name):
        raise bad(f"name {name!r} should be lower case letters, digits and - . _ (e.g. tilburg-nieuws)")
    if kind not in KINDS:
        raise bad(f"kind {kind!r} is not one of {', '.join(KINDS)}")
    problem = url_problem(url)
    if problem:
        raise bad(f"url {url!r} is not a URL we can fetch ({problem})")
    hosts = entry.get("hosts") or ()
    if isinstance(hosts, str):
        hosts = (hosts,)
    if not isinstance(hosts, (list, tuple)) or not all(
            isinstance(h, str) and not url_problem(f"https://{h.strip()}/") and ":" not in h for h in hosts):
        raise bad("'hosts' should be a list of host names (www.example.nl, without scheme or port)")
    if kind == "html-listing" and not entry.get("links"):
        raise bad("'links' (a CSS selector of the article links) is required for kind html-listing")
    for key in LISTING_ONLY:
        if key in entry and kind != "html-listing":
            raise bad(f"{key!r} only applies to kind html-listing")
        if key in entry:
            _selector(entry[key], key, bad)
    include = entry.get("include") or ()
    if isinstance(include, str):
        include = (include,)
    if not isinstance(include, (list, tuple)) or not all(isinstance(w, str) and w.strip() for w in include):
        raise bad("'include' should be a list of words")
    if entry.get("match") is not None:
        try:
            re.compile(str(entry["match"]))
        except re.error as e:
            raise bad(f"match {entry['match']!r} is not a valid regular expression ({e})") from None
    caps = {key: entry.get(key, default) for key, default in
            (("max_pages", 10), ("max_documents", MAX_DOCUMENTS), ("max_minutes", MAX_MINUTES))}
    for key, value in caps.items():
        whole = key != "max_minutes"
        if isinstance(value, bool) or not isinstance(value, int if whole else (int, float)) or \
                not (value >= 1 if whole else value > 0):
            raise bad(f"{key} should be " + ("a whole number of at least 1" if whole else "a number above 0")
                      + f", not {value!r}")
    for key in ("publisher", "notes"):
        if entry.get(key) is not None and not isinstance(entry[key], str):
            raise bad(f"{key!r} should be a text")
    if entry.get("verified") is not None and not isinstance(entry["verified"], bool):
        raise bad("'verified' should be true or false")
    return Source(name=name, kind=kind, url=url, hosts=frozenset(h.strip().lower() for h in hosts),
                  links=entry.get("links"), next=entry.get("next"),
                  include=tuple(w.strip() for w in include),
                  match=None if entry.get("match") is None else str(entry["match"]),
                  **caps, publisher=entry.get("publisher"), verified=entry.get("verified"),
                  notes=entry.get("notes"))


def _selector(value, key, bad) -> None:
    if not isinstance(value, str) or not value.strip():
        raise bad(f"{key!r} should be a CSS selector")
    try:
        soupsieve.compile(value)
    except soupsieve.SelectorSyntaxError as e:
        raise bad(f"{key} {value!r} is not a valid CSS selector ({str(e).splitlines()[0]})") from None
