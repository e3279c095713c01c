"""Plain text: UTF-8 (or UTF-16 with a byte-order mark); offsets point into the decoded text."""

from __future__ import annotations

from ..document import Document
from ..errors import InputError
from .facts import read_facts


def decode(raw: bytes, path: str) -> str:
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError as e:
            raise InputError(path, f"not valid UTF-16, though it starts with its byte-order mark "
                                   f"(offset {e.start})") from None
    nul = raw.find(b"\x00")
    if nul >= 0:
        raise InputError(path, f"binary file, not text (a NUL byte at offset {nul})")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise InputError(
            path,
            f"not valid UTF-8 (byte 0x{raw[e.start]:02x} at offset {e.start}); "
            "convert it first, e.g. iconv -f windows-1252 -t utf-8",
        ) from None


def parse(raw: bytes, path: str) -> Document:
    text = decode(raw, path)
    control = sum(1 for c in text[:4096] if ord(c) < 32 and c not in "\t\n\r\f")
    if control > 8:
        raise InputError(path, "binary file, not text (control characters)")
    facts = read_facts(text)
    return Document(path=path, text=text, format="txt", content_hash="",
                    title=facts.title, published=facts.published, author=facts.author)
