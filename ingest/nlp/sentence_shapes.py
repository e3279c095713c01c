"""The shape of a sentence: its clauses, and whether it is a heading."""

from __future__ import annotations

from spacy.tokens import Span

from .doc_text import text_of
from .resources import lexicon


def clauses(sent: Span) -> list[Span]:
    """Split a sentence at commas, semicolons and contrastive words."""
    breaks = set(lexicon()["clause_breaks"])
    doc = sent.doc
    out, start = [], sent.start
    for tok in sent:
        if tok.lower_ in breaks and tok.i > start:
            out.append(doc[start:tok.i])
            start = tok.i if tok.is_alpha else tok.i + 1
    if start < sent.end:
        out.append(doc[start:sent.end])
    return [c for c in out if len(c)]


def is_heading(sent: Span) -> bool:
    """A title or heading: one short line of its own, with no closing punctuation."""
    text = sent.text.strip()
    if not text or text[-1] in ".!?…:;\"”’»)" or len(sent) > 14:
        return False
    doc_text = text_of(sent.doc)
    before = doc_text[:sent.start_char].rstrip(" \t")
    after = doc_text[sent.start_char + len(sent.text.rstrip()):]
    return (not before or before.endswith("\n")) and (not after.strip(" \t") or after.lstrip(" \t").startswith("\n"))
