"""Sample sizes: a count of people (410 mensen, bijna 9.000 bijstandsgerechtigden,
driehonderd deelnemers, n = 300) and what it counts, read from the words around it:
participants, intended, approached, registered, beneficiaries, one arm, or outflow."""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc, Span

from .numbers import APPROX, as_int, parse_number
from .resources import lexicon
from .util import add_record, contains_phrase, padded_words, sentence_index

NOT_COUNTS = {"%", "procent", "procentpunt", "procentpunten", "keer", "euro", "jaar", "jaren", "maanden",
              "maand", "weken", "week", "dagen", "uur", "percent", "times", "years", "months", "€"}
SUBCLAUSE_BREAKS = {",", ";", ":", "en", "maar", "terwijl", "want", "(", ")", "and", "but", "whereas"}
_N_EQUALS = re.compile(r"^[nN]$")


@Language.factory("evidence_sample_sizes")
def make_sample_sizes(nlp: Language, name: str):
    return SampleSizeRecognizer()


class SampleSizeRecognizer:
    def __init__(self):
        lex = lexicon()
        self.people = set(lex["people_nouns"])
        self.cues = [(pop, [c.lower() for c in cues]) for pop, cues in lex["population_cues"].items()]

    def __call__(self, doc: Doc) -> Doc:
        quote_tokens = {i for q in doc.spans.get("quotes", []) for i in range(q.start, q.end)}
        arms = list(doc.spans.get("arms", []))
        index = sentence_index(doc)
        for tok in doc:
            if tok.i in quote_tokens or not (tok.like_num or (tok.is_alpha and parse_number(tok.text))):
                continue
            n = self._count(doc, tok)
            if n is None:
                continue
            sent = index.sents[index.of_token(tok.i)]
            population, rule = self._population(doc, tok, sent)
            if population is None:
                continue
            arm_type = None
            if population == "arm":
                clause = self._subclause(doc, tok, sent)
                near = [a for a in arms if clause.start <= a.start < clause.end] or \
                       [a for a in arms if sent.start <= a.start < sent.end]
                if not near:
                    population, rule = "participants", "sample-participants"
                else:
                    arm_type = min(near, key=lambda a: abs(a.start - tok.i)).label_
            add_record(doc, "sample_size", sent.start_char, sent.end_char, rule,
                       anchor=tok.idx, n=n, population=population, arm_type=arm_type)
        return doc

    def _count(self, doc: Doc, tok) -> int | None:
        if tok.lower_ in ("een", "één") or tok.text.endswith("%"):
            return None
        value = as_int(parse_number(tok.text))
        if value is None or value < 2:
            return None
        nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
        prev = doc[tok.i - 1] if tok.i else None
        if prev is not None and (prev.text in ("€", "$") or prev.lower_ in ("nr.", "nummer", "artikel")):
            return None
        if nxt is not None and nxt.lower_ in NOT_COUNTS:
            return None
        # n = 300 / N=300
        if prev is not None and prev.text == "=" and tok.i >= 2 and _N_EQUALS.match(doc[tok.i - 2].text):
            return value
        # the people noun within the next three words: "410 mensen", "300 Tilburgse bijstandsgerechtigden"
        for k in range(tok.i + 1, min(tok.i + 4, len(doc))):
            if doc[k].lower_ in self.people:
                if 1900 <= value <= 2100 and "." not in tok.text and k > tok.i + 1:
                    return None
                return value
            if doc[k].is_punct or doc[k].like_num:
                return None
        return None

    def _subclause(self, doc: Doc, tok, sent: Span) -> Span:
        start = tok.i
        while start > sent.start and doc[start - 1].lower_ not in SUBCLAUSE_BREAKS:
            start -= 1
        end = tok.i + 1
        while end < sent.end and doc[end].lower_ not in SUBCLAUSE_BREAKS:
            end += 1
        return doc[start:end]

    def _population(self, doc: Doc, tok, sent: Span):
        for scope in (self._subclause(doc, tok, sent), sent):
            words = padded_words(scope)
            for population, cues in self.cues:
                if any(contains_phrase(words, cue) for cue in cues):
                    return population, f"sample-{population}"
        return None, None
