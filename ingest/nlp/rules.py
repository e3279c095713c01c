"""Pattern sets: each data file of patterns (spaCy's SpanRuler format: label, pattern, id)
becomes a PhraseMatcher for phrases and a Matcher for token patterns. Spans carry the
pattern's label and id (the id ends up on the record as its rule). They run on a Doc or
on a Span, so a component can match only the sentences it needs.

Any other field of a pattern says how a component treats its matches and is read with
`PatternSet.field(span.id_, name)`: a direction cue that is a `quantifier` ("meer" counts
only before what it quantifies), one `not_before_participle` ("beter ondersteund"), a
measure word that `implies` a direction ("gelukkiger": up). All patterns of one id carry
the same fields."""

from __future__ import annotations

from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from .doc_text import lowers, sentence_index
from .resources import jsonl


def _expand(pattern, lists: dict):
    """Token patterns may name a word list: {"LOWER": {"IN": "@inhabitants"}}."""
    if isinstance(pattern, list):
        return [_expand(t, lists) for t in pattern]
    if isinstance(pattern, dict):
        return {k: (sorted(lists[v[1:]]) if isinstance(v, str) and v.startswith("@") else _expand(v, lists))
                for k, v in pattern.items()}
    return pattern


def _triggers(pattern: list) -> set[str] | None:
    """Lower-case words one of which must occur for the token pattern to match (None: any).

    Any required token with a word list will do, since the Matcher runs on the whole
    sentence; the most selective one is taken, judged by its shortest word (function
    words such as 'de', 'die', 'niet' are short and occur in nearly every sentence)."""
    candidates = []
    for token in pattern:
        if token.get("OP") in ("?", "*") or (isinstance(token.get("OP"), str) and token["OP"].startswith("{0")):
            continue
        value = token.get("LOWER")
        if isinstance(value, str):
            candidates.append({value})
        elif isinstance(value, dict) and isinstance(value.get("IN"), list):
            candidates.append(set(value["IN"]))
    if not candidates:
        return None
    return max(candidates, key=lambda words: (min(map(len, words)), -len(words)))


class PatternSet:
    """Token patterns are grouped by the words that trigger them (see `_triggers`), one
    Matcher per group, and a sentence is given only to the Matchers whose words it holds:
    the Matcher is the costly part of every component, and most sentences need none."""

    def __init__(self, nlp: Language, filename: str, lists: dict | None = None):
        self.phrases = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.labels: dict[int, tuple[str, str]] = {}
        self.fields: dict[str, dict] = {}
        groups: dict[frozenset | None, Matcher] = {}
        phrases: dict[str, list[str]] = {}
        for p in jsonl(filename):
            key = f"{p['label']}|{p['id']}"
            fields = {k: v for k, v in p.items() if k not in ("id", "label", "pattern")}
            if self.fields.setdefault(p["id"], fields) != fields:
                raise ValueError(f"{filename}: the patterns of {p['id']} differ in their fields")
            self.labels[nlp.vocab.strings.add(key)] = (p["label"], p["id"])
            if isinstance(p["pattern"], str):
                phrases.setdefault(key, []).append(p["pattern"])
            else:
                pattern = _expand(p["pattern"], lists or {})
                words = _triggers(pattern)
                group = None if words is None else frozenset(words)
                groups.setdefault(group, Matcher(nlp.vocab)).add(key, [pattern])
        for key, texts in phrases.items():
            # "intensive support" is also written "an intensive-support group"
            texts = texts + [t.replace(" ", "-") for t in texts if t.count(" ") == 1]
            self.phrases.add(key, list(nlp.tokenizer.pipe(texts)))
        self.always = [m for words, m in groups.items() if words is None]
        self.matchers = [m for words, m in groups.items() if words is not None]
        self.by_word: dict[str, list[int]] = {}
        for k, words in enumerate(w for w in groups if w is not None):
            for word in words:
                self.by_word.setdefault(word, []).append(k)

    def field(self, rule: str, name: str, default=None):
        """A field of the patterns with id `rule` (see the module's docstring)."""
        return self.fields.get(rule, {}).get(name, default)

    def __call__(self, doclike: Doc | Span, longest: bool = True) -> list[Span]:
        doc = doclike.doc if isinstance(doclike, Span) else doclike
        spans = [self._span(doc, key, start, end) for key, start, end in self.phrases(doclike)] \
            if len(self.phrases) else []
        for part, matchers in self._parts(doclike):
            # A Matcher answers in offsets of what it was given.
            shift = part.start if isinstance(part, Span) else 0
            for matcher in matchers:
                spans += [self._span(doc, key, start + shift, end + shift) for key, start, end in matcher(part)]
        return filter_spans(spans) if longest else sorted(spans, key=lambda s: (s.start, -s.end))

    def _span(self, doc: Doc, key: int, start: int, end: int) -> Span:
        label, rule = self.labels[key]
        return Span(doc, start, end, label=label, span_id=rule)

    def _parts(self, doclike) -> list[tuple]:
        """(the doc or one sentence, the Matchers to run on it)."""
        if not self.matchers:
            return [(doclike, self.always)] if self.always else []
        doc = doclike.doc if isinstance(doclike, Span) else doclike
        words = lowers(doc)
        start, end = (doclike.start, doclike.end) if isinstance(doclike, Span) else (0, len(doc))
        hits = [(i, self.by_word[words[i]]) for i in range(start, end) if words[i] in self.by_word]
        if isinstance(doclike, Span) or self.always:
            needed = sorted({k for _, ks in hits for k in ks})
            chosen = self.always + [self.matchers[k] for k in needed]
            return [(doclike, chosen)] if chosen else []
        index = sentence_index(doc)
        per_sentence: dict[int, set[int]] = {}
        for i, ks in hits:
            per_sentence.setdefault(index.of_token(i), set()).update(ks)
        return [(index.sents[s_i], [self.matchers[k] for k in sorted(ks)]) for s_i, ks in per_sentence.items()]
