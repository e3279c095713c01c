"""Sample sizes: a count of people (410 mensen, bijna 9.000 bijstandsgerechtigden,
driehonderd deelnemers, n = 300, '228 van hen deden mee', a table row 'Regelluw 76 17,1')
and what it counts, read from the words that belong to the number: participants,
intended, approached, registered, beneficiaries, one arm, or outflow."""

from __future__ import annotations

import re

from spacy.attrs import IS_ALPHA, LIKE_NUM
from spacy.language import Language
from spacy.tokens import Doc, Span

from .doc_records import add_record
from .doc_text import contains_phrase, lowers, padded_words, sentence_index
from .numbers import TENS, UNITS, as_int, parse_number
from .resources import gazetteer, lexicon
from .sentence_shapes import is_heading
from .span_keys import ARMS, MUNICIPALITIES, QUOTES, RECORDS, SENTENCES, attr

NOT_COUNTS = frozenset(lexicon()["not_counts"])
SUBCLAUSE_BREAKS = frozenset(lexicon()["subclause_breaks"])
ANAPHORA = {("van", "hen"), ("van", "wie"), ("of", "them"), ("of", "whom")}
RANGE_WORDS = frozenset(lexicon()["range_words"])
# Finite verbs that may stand between a number and a noun without the noun being counted
# ("In alle drie kregen deelnemers …").
VERBS = frozenset(lexicon()["count_verbs"])
_N = re.compile(r"^[nN]$")
NUMBER_WORDS = set(UNITS) | set(TENS)
WORD_ENDINGS = tuple(lexicon()["number_word_endings"])
NOUN_CUES = frozenset(lexicon()["count_nouns"])


@Language.factory("evidence_sample_sizes",
                  requires=[SENTENCES, attr(MUNICIPALITIES), attr(QUOTES), attr(ARMS)],
                  assigns=[attr(RECORDS)])
def make_sample_sizes(nlp: Language, name: str):
    return SampleSizeRecognizer()


class SampleSizeRecognizer:
    def __init__(self):
        lex = lexicon()
        inhabitants = {form.lower() for form, (_, rule) in gazetteer().items() if rule.endswith("inhabitants")}
        self.people = set(lex["people_nouns"]) | inhabitants
        self.cues = [(pop, [c.lower() for c in cues]) for pop, cues in lex["population_cues"].items()]
        self.verb_cues = {pop: cues for pop, cues in self.cues if pop in ("approached", "registered", "outflow")}

    def __call__(self, doc: Doc) -> Doc:
        quote_tokens = {i for q in doc.spans.get(QUOTES, []) for i in range(q.start, q.end)}
        arms = list(doc.spans.get(ARMS, []))
        arm_at = {i: a for a in arms for i in range(a.start, a.end)}
        index = sentence_index(doc)
        flags = doc.to_array([LIKE_NUM, IS_ALPHA])
        words = lowers(doc)
        numbers = [i for i, (num, alpha) in enumerate(flags) if (num or alpha) and i not in quote_tokens
                   and (num or words[i] in NUMBER_WORDS or words[i].endswith(WORD_ENDINGS))
                   and (parse_number(doc[i].text) or 0) >= 2]
        munis = {m.start: m for m in doc.spans.get(MUNICIPALITIES, [])}
        prev_noun_end = 0
        for pos, i in enumerate(numbers):
            tok = doc[i]
            sent = index.sents[index.of_token(i)]
            found = self._count(doc, tok)
            if found is None:
                continue
            n, noun_end, explicit = found
            arm = self._arm_of(doc, tok, sent, arm_at, noun_end)
            prev_end = max(sent.start, prev_noun_end)
            prev_noun_end = noun_end
            next_start = numbers[pos + 1] if pos + 1 < len(numbers) and numbers[pos + 1] < sent.end else sent.end
            population, rule = self._population(doc, tok, sent, prev_end, next_start, noun_end, explicit)
            municipality, row = self._own_municipality(doc, tok, sent, noun_end, munis)
            if row and population is None:
                population, rule = "participants", "sample-table-row"  # "Groningen 1.142 …" in a table
            n_form = i >= 2 and doc[i - 1].text == "=" and _N.match(doc[i - 2].text)
            if arm is not None and (n_form or population in (None, "participants", "arm", "beneficiaries")):
                # "(n = 81)" right after an arm is that arm's size, whatever else the sentence counts
                population, rule = "arm", "sample-arm"
            if population is None:
                continue
            if not explicit and population == "beneficiaries":
                continue  # a bare number needs a verb that says what it counts
            arm_type = arm.label_ if population == "arm" and arm is not None else None
            if population == "arm" and arm_type is None:
                population, rule = "participants", "sample-participants"
            extra = {"fixed_municipality": True, "municipality_code": municipality.label_} if municipality else {}
            add_record(doc, "sample_size", sent.start_char, sent.end_char, rule,
                       anchor=tok.idx, n=n, population=population, arm_type=arm_type, **extra)
        return doc

    @staticmethod
    def _own_municipality(doc: Doc, tok, sent: Span, noun_end: int, munis: dict):
        """'140 in Oss', or a table row that starts with the municipality: 'Tilburg 1.089 …'."""
        j = noun_end
        if j + 1 < len(doc) and doc[j].lower_ in ("in", "uit") and (j + 1) in munis:
            return munis[j + 1], False
        before = [m for m in munis.values() if m.end == tok.i and m.start == sent.start]
        return (before[0], True) if before else (None, False)

    def _count(self, doc: Doc, tok):
        """(n, end of the counted noun phrase, whether a people noun says it counts people)."""
        if tok.lower_ in ("een", "één", "one") or tok.text.endswith("%"):
            return None
        value = as_int(parse_number(tok.text))
        if value is None or value < 2:
            return None
        n = len(doc)
        nxt = doc[tok.i + 1] if tok.i + 1 < n else None
        prev = doc[tok.i - 1] if tok.i else None
        if prev is not None and (prev.text in ("€", "$", "-", "/") or prev.lower_ in (
                "nr.", "nummer", "artikel", "blz.", "pagina", "tabel", "figuur", "kamerstuk")):
            return None
        if nxt is not None and (nxt.lower_ in NOT_COUNTS or nxt.text in ("%", "-", "/")):
            return None
        # "van 20 naar 36 procent": the unit after the range belongs to both numbers
        if nxt is not None and nxt.lower_ in RANGE_WORDS and tok.i + 3 < n and doc[tok.i + 2].like_num \
                and (doc[tok.i + 3].lower_ in NOT_COUNTS or doc[tok.i + 2].text.endswith("%")):
            return None
        year = 1900 <= value <= 2100 and "." not in tok.text and "," not in tok.text
        if prev is not None and prev.text == "=" and tok.i >= 2 and _N.match(doc[tok.i - 2].text):
            return value, tok.i + 1, True  # n = 300
        for k in range(tok.i + 1, min(tok.i + 4, n)):
            if doc[k].lower_ in self.people:
                return (None if year and k > tok.i + 1 else (value, k + 1, True))
            if doc[k].is_punct or doc[k].like_num or doc[k].lower_ in VERBS:
                break
        if year or value < 5 or tok.is_alpha:
            return None
        # "228 van hen deden mee", "1.480 schriftelijk uitgenodigd", "784 enrolled"
        if nxt is not None and (nxt.lower_, doc[tok.i + 2].lower_ if tok.i + 2 < n else "") in ANAPHORA:
            return value, tok.i + 3, True
        return value, tok.i + 1, False

    def _arm_of(self, doc: Doc, tok, sent: Span, arm_at: dict, noun_end: int):
        """The arm a count belongs to: 'Regelluw 76' (table row), '‘Extra ondersteuning’ 276',
        '(105 deelnemers)' after an arm, '150 bijstandsgerechtigden die niet meededen'."""
        if noun_end - 1 in arm_at:
            return arm_at[noun_end - 1]
        j = tok.i - 1
        while j >= sent.start and doc[j].text in ("(", ":", "’", "'", "”", "=", "n", "N", "telde", "zaten", "met"):
            j -= 1
        if j in arm_at and j >= sent.start:
            return arm_at[j]
        if tok.i > sent.start and doc[tok.i - 1].text == "(" or (tok.i >= 3 and doc[tok.i - 1].text == "="
                                                                and doc[tok.i - 3].text == "("):
            # the nearest arm before the parenthesis, not beyond the previous one
            # ("an exemption group … (n = 81), an earnings group allowed to keep … (n = 80)")
            opening = tok.i - 1 if doc[tok.i - 1].text == "(" else tok.i - 3
            start = max([t.i + 1 for t in doc[sent.start:opening] if t.text == ")"], default=sent.start)
            before = [a for a in set(arm_at.values()) if start <= a.start < opening and opening - a.end <= 25]
            if before:
                return max(before, key=lambda a: a.end)
        return None

    def _population(self, doc: Doc, tok, sent: Span, prev_end: int, next_start: int, noun_end: int,
                    explicit: bool = True):
        start = tok.i
        while start > max(sent.start, prev_end) and doc[start - 1].lower_ not in SUBCLAUSE_BREAKS:
            start -= 1
        end = max(noun_end, tok.i + 1)
        while end < min(sent.end, next_start) and doc[end].lower_ not in SUBCLAUSE_BREAKS:
            end += 1
        scopes = [doc[start:end]]
        if explicit and not is_heading(sent):
            scopes.append(sent)
        for scope in scopes:
            words = padded_words(scope)
            for population, cues in self.cues:
                # a bare number ("380 van hen", "1.480 uitgenodigd") needs a verb, not just a noun
                if any(contains_phrase(words, cue) for cue in cues if explicit or cue not in NOUN_CUES):
                    return population, f"sample-{population}"
        return None, None
