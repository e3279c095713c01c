"""One ingestor per file format: bytes in, Document out, no I/O beyond reading the file.

`read_path` is the single entry point; it enforces the limits every format shares
(size, emptiness) and picks the ingestor by extension, falling back to sniffing.
"""

from __future__ import annotations

import os
from pathlib import Path

from ..document import Document, content_hash
from ..errors import InputError
from . import html, pdf, txt

MAX_BYTES = int(os.environ.get("EVIDENCE_MAX_BYTES", 25 * 1024 * 1024))

INGESTORS = {
    ".txt": txt, ".text": txt, ".md": txt,
    ".html": html, ".htm": html, ".xhtml": html,
    ".pdf": pdf,
}


def sniff(raw: bytes):
    head = raw[:1024].lstrip().lower()
    if head.startswith(b"%pdf"):
        return pdf
    if head.startswith((b"<!doctype html", b"<html", b"<?xml")) or b"<body" in head:
        return html
    return txt


def iter_paths(paths):
    """Expand folders (recursively, sorted) into the files we know how to read."""
    for given in paths:
        p = Path(given)
        if p.is_dir():
            for child in sorted(p.rglob("*")):
                rel = child.relative_to(p)
                if child.is_file() and child.suffix.lower() in INGESTORS and not any(
                    part.startswith(".") for part in rel.parts
                ):
                    yield str(Path(given) / rel)
        else:
            yield str(given)


def _too_large(path: str, size: int, limit: int) -> InputError:
    return InputError(path, f"file is too large ({size:,} bytes; the limit is {limit:,})")


def parse_bytes(raw: bytes, path: str, url: str | None = None, max_bytes: int | None = None) -> Document:
    """Turn raw bytes into a Document (pure: no I/O). Raises InputError."""
    limit = MAX_BYTES if max_bytes is None else max_bytes
    if len(raw) > limit:
        raise _too_large(path, len(raw), limit)
    if not raw.strip():
        raise InputError(path, "file is empty")
    ingestor = INGESTORS.get(Path(path).suffix.lower()) or sniff(raw)
    doc = ingestor.parse(raw, path)
    doc.content_hash = content_hash(raw)
    doc.source_url = doc.source_url or url
    if not doc.text.strip():
        raise InputError(path, "no text found in the document")
    return doc


def read_path(path: str, max_bytes: int | None = None) -> Document:
    """Read one file and parse it. Raises InputError naming the file and the reason."""
    limit = MAX_BYTES if max_bytes is None else max_bytes
    try:
        size = os.path.getsize(path)
        if size > limit:
            raise _too_large(path, size, limit)
        with open(path, "rb") as f:
            raw = f.read()
    except FileNotFoundError:
        raise InputError(path, "no such file") from None
    except IsADirectoryError:
        raise InputError(path, "is a folder") from None
    except PermissionError:
        raise InputError(path, "permission denied") from None
    except OSError as e:
        raise InputError(path, f"cannot be read ({e.strerror or e})") from None
    return parse_bytes(raw, path, max_bytes=limit)
