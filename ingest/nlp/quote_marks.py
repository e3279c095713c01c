"""Quotation marks: where a quotation opens and where it closes.

Every Dutch style counts („…”, “…”, ‘…’, "…", ’…’). An apostrophe inside a word
(regio’s, auto's) is not a closing mark; a quotation never runs past a blank line or
MAX_QUOTE characters.
"""

from __future__ import annotations

MAX_QUOTE = 3000


def find_quotes(text: str, marks: dict) -> list[tuple[int, int]]:
    """(open, close) character positions of every balanced quotation in `text`."""
    out, i, n = [], 0, len(text)
    while i < n:
        ch = text[i]
        if ch in marks and _can_open(text, i):
            j = _find_close(text, i, marks[ch])
            if j is not None:
                out.append((i, j))
                i = j + 1
                continue
        i += 1
    return out


def _can_open(text: str, i: int) -> bool:
    before = text[i - 1] if i else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if after.isspace():
        return False
    return before.isspace() or before in "([:;—–-/„“‘'\"«"


def _find_close(text: str, i: int, closers: list) -> int | None:
    end = min(len(text), i + MAX_QUOTE)
    j = i + 1
    while j < end:
        ch = text[j]
        if ch == "\n" and text[j:j + 2] == "\n\n":
            return None
        if ch in closers:
            after = text[j + 1] if j + 1 < len(text) else " "
            before = text[j - 1]
            # regio’s / auto's: an apostrophe between letters is part of the word.
            if not after.isalnum() and not before.isspace():
                return j
        j += 1
    return None
