"""Experiment names as written: after a keyword (het experiment Bijstand op Maat, het
onderzoek ‘Weten wat werkt’, getiteld Zelf aan het stuur) or before one (ons Bijstand op
Maat project), and every later mention of a name found once."""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc, Span

from .doc_records import add_record
from .doc_text import lowers, sentence_index, text_of
from .resources import lexicon
from .span_keys import EXPERIMENTS, LABELS, MUNICIPALITIES, ORGANISATIONS, QUOTES, RECORDS, SENTENCES, attr

_NORM = re.compile(r"[^\w]+")
DETERMINERS = frozenset(lexicon()["determiners"])
INTERROGATIVES = frozenset(lexicon()["interrogatives"])


def normalise(name: str) -> str:
    return _NORM.sub(" ", name.lower()).strip()


@Language.factory("evidence_experiments",
                  requires=[SENTENCES, attr(ORGANISATIONS), attr(MUNICIPALITIES), attr(QUOTES), attr(LABELS)],
                  assigns=[attr(EXPERIMENTS), attr(RECORDS)])
def make_experiments(nlp: Language, name: str):
    return ExperimentRecognizer()


APPOSITION_ARTICLES = frozenset(lexicon()["apposition_articles"])


class ExperimentRecognizer:
    def __init__(self):
        lex = lexicon()
        self.before_keywords = set(lex["experiment_keywords"])
        self.intro = lex["experiment_intro"]
        self.naming = [tuple(v.split()) for v in lex["experiment_naming_verbs"]]
        self.stops = set(lex["experiment_name_stops"])
        self.soft_stops = set(lex["experiment_name_soft_stops"])
        self.glue = set(lex["experiment_name_glue"])

    def __call__(self, doc: Doc) -> Doc:
        labels = {s.start - 1: s for s in doc.spans.get(LABELS, [])}  # opening-mark token -> label
        muni_tokens = {i for s in doc.spans.get(MUNICIPALITIES, []) for i in range(s.start, s.end)}
        quote_tokens = {i for s in doc.spans.get(QUOTES, []) for i in range(s.start, s.end)}
        names: list[tuple[Span, str]] = []
        intros = [tuple(intro.split()) for intro in self.intro]
        first_words = {w[0] for w in intros}
        weak = set()  # names after 'project'/'programma': they count only when used again
        low_words = lowers(doc)
        for k, low in enumerate(low_words):
            if low not in self.before_keywords and low not in first_words:
                continue
            tok = doc[k]
            intro = None
            if low in first_words:
                intro = next((w for w in intros if tuple(low_words[k:k + len(w)]) == w), None)
            if low in self.before_keywords or intro:
                i = tok.i + (len(intro) if intro else 1)
                for words in intros + self.naming:
                    if tuple(low_words[i:i + len(words)]) == words:
                        i += len(words)
                        break
                if i + 1 < len(doc) and doc[i].is_space and not doc[i + 1].is_sent_start:
                    i += 1  # "onder de naam\nBijstand in Balans": a wrapped line
                if i in labels:  # het onderzoek ‘Weten wat werkt’, het project heette ‘Ruimte’
                    names.append((labels[i], "experiment-quoted-after-keyword"))
                    continue
                apposition = i < len(doc) and doc[i].text == ","  # "een experiment, Bijstand Anders, dat …"
                span = self._name_after(doc, i + 1 if apposition else i, muni_tokens)
                if span is not None and apposition and not (
                        span.end < len(doc) and doc[span.end].text == ","
                        and sum(t.text[:1].isupper() for t in span) >= 2):
                    span = None
                if span is not None:
                    if low in ("project", "programma") and not intro:
                        weak.add(span.text)
                    names.append((span, "experiment-after-keyword"))
            if low in self.before_keywords and tok.i > 1:
                span = self._name_before(doc, tok.i, muni_tokens)
                if span is not None:
                    names.append((span, "experiment-before-keyword"))
                span = self._name_in_apposition(doc, tok.i)
                if span is not None:
                    names.append((span, "experiment-apposition"))
        names = [(s, r) for s, r in names if s.text not in weak or text_of(doc).count(s.text) >= 2]
        known = {}
        for span, rule in names:
            if span.start in quote_tokens and rule != "experiment-quoted-after-keyword":
                continue
            known.setdefault(normalise(span.text), (span.text, rule))
        mentions = [span for span, _ in names]
        # Later mentions of a known name, anywhere in the text.
        for key, (text, rule) in known.items():
            for m in re.finditer(re.escape(text), text_of(doc)):
                span = doc.char_span(m.start(), m.end())
                if span is not None and all(span.start != s.start for s in mentions):
                    mentions.append(span)
        doc.spans[EXPERIMENTS] = sorted(mentions, key=lambda s: s.start)
        index = sentence_index(doc)
        for span in doc.spans[EXPERIMENTS]:
            key = normalise(span.text)
            if key not in known:
                continue
            sent = index.sents[index.of_token(span.start)]
            add_record(doc, "experiment", sent.start_char, sent.end_char, known[key][1],
                       anchor=span.start_char, name=known[key][0])
        return doc

    def _name_after(self, doc: Doc, i: int, muni_tokens: set) -> Span | None:
        org_tokens = {k for s in doc.spans.get(ORGANISATIONS, []) for k in range(s.start, s.end)}
        if i >= len(doc) or not doc[i].text[:1].isupper() or doc[i].lower_ in DETERMINERS:
            return None
        # a name may start with a place when more capitalised words follow (Haren Doet Mee)
        if i in muni_tokens and not (i + 1 < len(doc) and doc[i + 1].text[:1].isupper()
                                     and i + 1 not in muni_tokens):
            return None
        start, j = i, i
        title_case = False
        while j < len(doc) and j - start < 9:
            tok = doc[j]
            low = tok.lower_
            if j > start:
                if tok.is_space or (tok.is_punct and tok.text not in ("-", "?", "!")):
                    break
                if tok.text in ("?", "!"):
                    if doc[start].lower_ in INTERROGATIVES:
                        j += 1
                    break
                if low in self.stops:
                    break
                nxt = doc[j + 1] if j + 1 < len(doc) else None
                # "in Wageningen", "bij de gemeente": the name has ended, a place follows
                if low in self.soft_stops and nxt is not None and (
                        nxt.i in muni_tokens or nxt.lower_ == "gemeente" or nxt.i in org_tokens
                        or (nxt.lower_ == "de" and j + 2 < len(doc) and doc[j + 2].lower_ == "gemeente")):
                    break
                # a place right after a capitalised word is part of the name (Eigen Regie Epe)
                if j in muni_tokens and not (doc[j - 1].text[:1].isupper() and j - 1 not in muni_tokens):
                    break
                if tok.text[:1].isupper():
                    title_case = True
                elif title_case and low not in self.glue:
                    break
            j += 1
        # trailing glue words belong to the sentence, not the name
        while j - 1 > start and doc[j - 1].lower_ in self.soft_stops | {"de", "het", "op", "een"} \
                and doc[j - 1].text[:1].islower():
            j -= 1
        span = doc[start:j]
        if len(span) < 2 and not span.text.isupper():
            return None
        return span

    def _name_in_apposition(self, doc: Doc, k: int) -> Span | None:
        """'Bijstand op Maat (‘Tailored Assistance’), a randomised controlled trial', 'Samen
        Sterk, een experiment van …': the name before a comma, an article and the keyword."""
        j = k - 1
        while j > 0 and k - j <= 4 and doc[j].is_lower and doc[j].lower_ not in APPOSITION_ARTICLES:
            j -= 1  # randomised controlled
        if j <= 1 or doc[j].lower_ not in APPOSITION_ARTICLES or doc[j - 1].text != ",":
            return None
        end = j - 1
        if doc[end - 1].text == ")":  # a translation or abbreviation in parentheses
            opening = next((t for t in range(end - 2, max(0, end - 12), -1) if doc[t].text == "("), None)
            if opening is None:
                return None
            end = opening
        start = end
        while start > 0 and end - start < 8 and (doc[start - 1].text[:1].isupper()
                                                  or doc[start - 1].lower_ in self.glue):
            start -= 1
        while start < end and not doc[start].text[:1].isupper():
            start += 1
        span = doc[start:end]
        if sum(t.text[:1].isupper() for t in span) < 2 or span[0].lower_ in DETERMINERS or doc[start].is_sent_start:
            return None
        return span

    def _name_before(self, doc: Doc, k: int, muni_tokens: set) -> Span | None:
        """'Ons Bijstand op Maat project': capitalised words (and glue) right before the keyword."""
        j = k - 1
        caps = 0
        while j >= 0 and k - j <= 6:
            tok = doc[j]
            if tok.text[:1].isupper() and tok.lower_ not in DETERMINERS and j not in muni_tokens:
                caps += 1
            elif tok.lower_ in self.glue and tok.text[:1].islower():
                pass
            else:
                break
            j -= 1
        start = j + 1
        while start < k and doc[start].text[:1].islower():
            start += 1
        if caps < 2 or start >= k or doc[start].is_sent_start:
            return None
        return doc[start:k]
