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
from .util import lowers, sentence_index


def _expand(pattern, lists: dict):
    """Token patterns may name a word list: {"LOWER": {"IN": "@inhabitants"}}."""
    if isinstance(pattern, list):
        return [_expand(t, lists) for t in pattern]
    if isinstance(pattern, dict):
        return {k: (sorted(lists[v[1:]]) if isinstance(v, str) and v.startswith("@") else _expand(v, lists))
                for k, v in pattern.items()}
    return pattern


def _triggers(pattern: list) -> set[str] | None:
    """Lower-case words one of which must occur for the token pattern to match (None: any)."""
    words: set[str] = set()
    for token in pattern:
        value = token.get("LOWER")
        if isinstance(value, str):
            words.add(value)
        elif isinstance(value, dict) and isinstance(value.get("IN"), list):
            words.update(value["IN"])
        else:
            return None
        if token.get("OP") not in ("?", "*"):
            return words
    return None


class PatternSet:
    def __init__(self, nlp: Language, filename: str, lists: dict | None = None):
        self.phrases = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.tokens = Matcher(nlp.vocab)
        self.labels: dict[int, tuple[str, str]] = {}
        self.triggers: set[str] | None = set()
        phrases: dict[str, list[str]] = {}
        for p in jsonl(filename):
            key = f"{p['label']}|{p['id']}"
            self.labels[nlp.vocab.strings.add(key)] = (p["label"], p["id"])
            if isinstance(p["pattern"], str):
                phrases.setdefault(key, []).append(p["pattern"])
            else:
                pattern = _expand(p["pattern"], lists or {})
                self.tokens.add(key, [pattern])
                words = _triggers(pattern)
                self.triggers = None if words is None or self.triggers is None else self.triggers | words
        for key, texts in phrases.items():
            self.phrases.add(key, list(nlp.tokenizer.pipe(texts)))

    def __call__(self, doclike: Doc | Span, longest: bool = True) -> list[Span]:
        doc = doclike.doc if isinstance(doclike, Span) else doclike
        offset = doclike.start if isinstance(doclike, Span) else 0
        spans = [self._span(doc, key, start, end) for key, start, end in self.phrases(doclike)] \
            if len(self.phrases) else []
        if len(self.tokens):
            for part in self._parts(doclike):
                # The Matcher answers in offsets of what it was given.
                shift = part.start if isinstance(part, Span) else 0
                spans += [self._span(doc, key, start + shift, end + shift) for key, start, end in self.tokens(part)]
        return filter_spans(spans) if longest else sorted(spans, key=lambda s: (s.start, -s.end))

    def _span(self, doc: Doc, key: int, start: int, end: int) -> Span:
        label, rule = self.labels[key]
        return Span(doc, start, end, label=label, span_id=rule)

    def _parts(self, doclike):
        """Only the sentences that hold a word a token pattern starts with: the Matcher is
        the costly part of every component, and most sentences hold none."""
        if self.triggers is None:
            return [doclike]
        doc = doclike.doc if isinstance(doclike, Span) else doclike
        words = lowers(doc)
        start, end = (doclike.start, doclike.end) if isinstance(doclike, Span) else (0, len(doc))
        hits = [i for i in range(start, end) if words[i] in self.triggers]
        if not hits:
            return []
        if isinstance(doclike, Span):
            return [doclike]
        index = sentence_index(doc)
        seen, parts = set(), []
        for i in hits:
            s_i = index.of_token(i)
            if s_i not in seen:
                seen.add(s_i)
                parts.append(index.sents[s_i])
        return parts
