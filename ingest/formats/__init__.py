"""One ingestor per file format: bytes in, Document out, no I/O beyond reading the file.

`read_path` is the single entry point; it enforces the limits every format shares (only
regular files, size in bytes and in characters, emptiness, NUL characters, text that was
decoded twice) and picks the ingestor by extension, falling back to sniffing. Every
limit is a setting (an environment variable) with a default that real documents never reach.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from ..document import Document, content_hash
from ..errors import InputError
from . import html, pdf, txt
from .encoding import MOJIBAKE

MAX_BYTES = int(os.environ.get("EVIDENCE_MAX_BYTES", 25 * 1024 * 1024))
# The pipeline's limit (nlp.max_length): a longer text is refused here, not half-read there
MAX_CHARS = int(os.environ.get("EVIDENCE_MAX_CHARS", 5_000_000))


INGESTORS = {
    ".txt": txt, ".text": txt, ".md": txt,
    ".html": html, ".htm": html, ".xhtml": html,
    ".pdf": pdf,
}
READABLE = (".txt", ".html", ".pdf")  # as the messages name them


def sniff(raw: bytes):
    head = raw[:1024].lstrip().lower()
    if head.startswith(b"%pdf"):
        return pdf
    if head.startswith((b"<!doctype html", b"<html", b"<?xml")) or b"<body" in head:
        return html
    return txt


def display_name(path: str) -> str:
    """A path as it can be printed and stored: a file name that is not UTF-8 keeps its
    other bytes as U+FFFD instead of the lone surrogates Python decodes them to."""
    return os.fsencode(path).decode("utf-8", "replace")


def iter_paths(paths):
    """Expand folders (recursively, sorted, hidden files left out) into their files. A
    file of a format we cannot read is yielded too, so that it is reported as such."""
    for given in paths:
        p = Path(given)
        if p.is_dir():
            for child in sorted(p.rglob("*")):
                rel = child.relative_to(p)
                if not child.is_dir() and not any(part.startswith(".") for part in rel.parts):
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
    try:
        doc = ingestor.parse(raw, path)
    except RecursionError:
        raise InputError(path, "nested too deeply to be read") from None
    doc.content_hash = content_hash(raw)
    doc.source_url = doc.source_url or url
    check_text(doc.text, path)
    return doc


def check_text(text: str, path: str) -> None:
    """The limits every format's text must keep. Raises InputError."""
    if not text.strip():
        raise InputError(path, "no text found in the document")
    if len(text) > MAX_CHARS:
        raise InputError(path, f"text is too long ({len(text):,} characters; the limit is {MAX_CHARS:,}, "
                               "EVIDENCE_MAX_CHARS)")
    nul = text.find("\x00")
    if nul >= 0:
        raise InputError(path, f"binary file, not text (a NUL character at offset {nul})")
    bad = MOJIBAKE.search(text)
    if bad:
        raise InputError(path, f"text was decoded with the wrong encoding ({bad.group()!r} at offset "
                               f"{bad.start()}); save it as UTF-8 and declare that")


def read_path(path: str, max_bytes: int | None = None) -> Document:
    """Read one file and parse it. Raises InputError naming the file and the reason.
    A file without an extension is sniffed; one with an extension we do not read is refused."""
    limit = MAX_BYTES if max_bytes is None else max_bytes
    suffix = Path(path).suffix.lower()
    if suffix and suffix not in INGESTORS:
        raise InputError(path, f"unsupported format ({suffix}; readable are {', '.join(READABLE)})")
    try:
        info = os.stat(path)
        if stat.S_ISDIR(info.st_mode):
            raise IsADirectoryError
        if not stat.S_ISREG(info.st_mode):  # a FIFO would hang, /dev/zero never ends
            raise InputError(path, "not a regular file (a device, pipe or socket)")
        if info.st_size > limit:
            raise _too_large(path, info.st_size, limit)
        with open(path, "rb") as f:
            raw = f.read(limit + 1)  # the file may have grown since
        if len(raw) > limit:
            raise _too_large(path, len(raw), limit)
    except FileNotFoundError:
        raise InputError(path, "no such file") from None
    except IsADirectoryError:
        raise InputError(path, "is a folder") from None
    except PermissionError:
        raise InputError(path, "permission denied") from None
    except OSError as e:
        raise InputError(path, f"cannot be read ({e.strerror or e})") from None
    return parse_bytes(raw, display_name(path), max_bytes=limit)
