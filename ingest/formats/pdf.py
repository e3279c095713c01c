"""PDF: text per page in reading order (tables come out row by row), with page offsets."""

from __future__ import annotations

import io
import logging
import re

from ..document import Document
from ..errors import InputError
from .dates import normalise_date
from .facts import read_facts

logging.getLogger("pypdf").setLevel(logging.ERROR)
_HYPHEN = re.compile(r"(\w)-\n(\w)")


def parse(raw: bytes, path: str) -> Document:
    if not raw.lstrip()[:5].startswith(b"%PDF"):
        raise InputError(path, f"not a PDF (it starts with {raw[:12]!r})")
    from pypdf import PdfReader
    from pypdf.errors import LimitReachedError, PdfReadError

    try:
        reader = PdfReader(io.BytesIO(raw))
        if reader.is_encrypted:
            try:
                reader.decrypt("")
            except Exception:
                raise InputError(path, "PDF is encrypted") from None
        parts, pages, offset = [], [], 0
        for number, page in enumerate(reader.pages, start=1):
            page_text = page.extract_text() or ""
            page_text = _HYPHEN.sub(r"\1\2", page_text).strip()
            pages.append((number, offset))
            parts.append(page_text)
            offset += len(page_text) + 2
        info = reader.metadata or {}
    except InputError:
        raise
    except LimitReachedError as e:  # a decompression bomb: pypdf stops at its own limits
        raise InputError(path, f"PDF decompresses to more than pypdf's limit ({e})") from None
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, IndexError, ZeroDivisionError,
            OverflowError, RecursionError, AssertionError, NotImplementedError, UnicodeError) as e:
        raise InputError(path, f"broken PDF ({type(e).__name__}: {e})") from None
    text = "\n\n".join(parts)
    if not text.strip():
        raise InputError(path, "PDF has no text layer (scanned? OCR it first)")
    # The title page says what the report is and when it appeared; the file's CreationDate
    # is when this copy was made (often years later), so it only stands in for a missing date.
    facts = read_facts(parts[0] if parts else "")
    created = str(info.get("/CreationDate") or "")
    if created.startswith("D:") and len(created) >= 10:
        created = normalise_date(f"{created[2:6]}-{created[6:8]}-{created[8:10]}")
    else:
        created = None
    return Document(path=path, text=text + "\n", format="pdf", content_hash="",
                    title=(info.get("/Title") or "").strip() or facts.title,
                    published=facts.published or created,
                    author=(info.get("/Author") or "").strip() or facts.author, pages=pages)
