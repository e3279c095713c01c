"""Pattern sets: each data file of patterns (spaCy's SpanRuler format: label, pattern, id)
becomes a PhraseMatcher for phrases and a Matcher for token patterns. Spans carry the
pattern's label and id (the id ends up on the record as its rule). They run on a Doc or
on a Span, so a component can match only the sentences it needs."""

from __future__ import annotations

from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from .resources import jsonl


def _expand(pattern, lists: dict):
    """Token patterns may name a word list: {"LOWER": {"IN": "@inhabitants"}}."""
    if isinstance(pattern, list):
        return [_expand(t, lists) for t in pattern]
    if isinstance(pattern, dict):
        return {k: (sorted(lists[v[1:]]) if isinstance(v, str) and v.startswith("@") else _expand(v, lists))
                for k, v in pattern.items()}
    return pattern


class PatternSet:
    def __init__(self, nlp: Language, filename: str, lists: dict | None = None):
        self.phrases = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.tokens = Matcher(nlp.vocab)
        self.labels: dict[int, tuple[str, str]] = {}
        phrases: dict[str, list[str]] = {}
        for p in jsonl(filename):
            key = f"{p['label']}|{p['id']}"
            self.labels[nlp.vocab.strings.add(key)] = (p["label"], p["id"])
            if isinstance(p["pattern"], str):
                phrases.setdefault(key, []).append(p["pattern"])
            else:
                self.tokens.add(key, [_expand(p["pattern"], lists or {})])
        for key, texts in phrases.items():
            self.phrases.add(key, list(nlp.tokenizer.pipe(texts)))

    def __call__(self, doclike: Doc | Span, longest: bool = True) -> list[Span]:
        doc = doclike.doc if isinstance(doclike, Span) else doclike
        offset = doclike.start if isinstance(doclike, Span) else 0
        spans = []
        # On a Span, the PhraseMatcher answers in doc offsets and the Matcher in span offsets.
        for matcher, shift in ((self.phrases, 0), (self.tokens, offset)):
            if not len(matcher):
                continue
            for key, start, end in matcher(doclike):
                label, rule = self.labels[key]
                spans.append(Span(doc, start + shift, end + shift, label=label, span_id=rule))
        return filter_spans(spans) if longest else sorted(spans, key=lambda s: (s.start, -s.end))
