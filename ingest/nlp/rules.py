"""SpanRuler-backed pattern sets: each data file of patterns becomes one matcher whose
spans carry the pattern's label and id (the id ends up on the record as its rule)."""

from __future__ import annotations

from spacy.language import Language
from spacy.pipeline.span_ruler import SpanRuler
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from .resources import jsonl


class PatternSet:
    def __init__(self, nlp: Language, filename: str):
        self.ruler = SpanRuler(nlp, name=filename, spans_key=None, phrase_matcher_attr="LOWER",
                               overwrite=True)
        self.ruler.add_patterns(jsonl(filename))

    def __call__(self, doc: Doc, longest: bool = True) -> list[Span]:
        spans = list(self.ruler.match(doc))
        return filter_spans(spans) if longest else spans
