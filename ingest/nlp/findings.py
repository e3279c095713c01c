"""What the outcome readers pass each other: the spans of each sentence and the findings
they read from them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

from spacy.tokens import Span

from .doc_text import SentenceIndex
from .resources import lexicon

NEGATIONS = frozenset(lexicon()["negations"])
COMPARATOR_ARMS = {"control", "non_participants"}


class BySentence(NamedTuple):
    """The spans of each kind, by sentence index."""
    measures: dict[int, list[Span]]
    directions: dict[int, list[Span]]
    comparators: dict[int, list[Span]]
    arms: dict[int, list[Span]]


@dataclass
class Finding:
    """An outcome read from sentences first..last (indexes); `fields` become the record."""
    first: int
    last: int
    fields: dict


def group(index: SentenceIndex, spans) -> dict[int, list[Span]]:
    out: dict[int, list] = {}
    for span in spans:
        out.setdefault(index.of_token(span.start), []).append(span)
    return out
