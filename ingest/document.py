"""The Document every format ingestor produces and every later stage consumes."""

from __future__ import annotations

import hashlib
from bisect import bisect_right
from dataclasses import dataclass, field


def content_hash(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()


def short_id(*parts: str) -> str:
    """A deterministic 16-hex id from its parts (content hashes, offsets, fields)."""
    h = hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()
    return h[:16]


@dataclass
class Document:
    path: str  # the input path as given on the command line
    text: str  # the text all record offsets point into
    format: str  # txt, html or pdf
    content_hash: str  # sha256 of the raw bytes
    title: str | None = None
    published: str | None = None  # ISO date (or year-month) when the source gives one
    source_url: str | None = None
    publisher: str | None = None  # the site or organisation that published it
    author: str | None = None  # the person or desk that wrote it, where the document names one
    fetched: str | None = None
    archive_ref: str | None = None
    # For PDFs: (page number, start offset) of every page in `text`.
    pages: list[tuple[int, int]] = field(default_factory=list)

    @property
    def id(self) -> str:
        return self.content_hash[:16]

    def page_at(self, offset: int) -> int | None:
        """The PDF page the text at `offset` is on (None for a document without pages)."""
        k = bisect_right(self.pages, offset, key=lambda page: page[1]) - 1  # pages are in text order
        return self.pages[k][0] if k >= 0 else None
