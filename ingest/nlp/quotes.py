"""Quotes: the words between quotation marks, exactly, with who said them.

The marks are found by `quote_marks`. A short phrase in marks (de groep ‘Zelf in
actie’) is a label, kept in doc.spans[LABELS] for the arm and experiment components.
The speaker comes from the same sentence ("aldus wethouder X", "zegt X", "X: „…”"),
from a neighbouring one ("volgens wethouder X …" followed by the quote), or is an
organisation when no person is named ("volgens de gemeente"); `people` reads who.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from spacy.language import Language
from spacy.tokens import Doc, Span

from .doc_records import add_record
from .doc_text import SentenceIndex, sentence_index, text_of
from .names import is_name_token, read_name
from .people import NOT_NAMES, PRONOUNS, People, Speaker
from .quote_marks import find_quotes
from .resources import lexicon
from .span_keys import LABELS, MUNICIPALITIES, ORGANISATIONS, PARAGRAPHS, QUOTES, RECORDS, SENTENCES, attr

MIN_QUOTE_WORDS = 6
_WORD = re.compile(r"\w+")
LABEL_HEADS = frozenset(lexicon()["label_heads"])
DASHES = {"–", "—", "-", "―"}


class Attribution(NamedTuple):
    speaker: Speaker
    evidence: tuple[int, int]  # character offsets of the sentences that attribute the quote
    how: str                   # adjacent, same-sentence or neighbour
    rule: str


class Previous(NamedTuple):
    """The last attributed quote: where it ended and who said it."""
    end: int
    speaker: Speaker


@Language.factory("evidence_quotes",
                  requires=[SENTENCES, attr(PARAGRAPHS), attr(ORGANISATIONS), attr(MUNICIPALITIES)],
                  assigns=[attr(QUOTES), attr(LABELS), attr(RECORDS)])
def make_quotes(nlp: Language, name: str):
    return QuoteRecognizer()


class QuoteRecognizer:
    def __init__(self):
        lex = lexicon()
        self.marks = lex["quote_marks"]
        self.speech = set(lex["speech_verbs"])
        self.according = set(lex["according_to"])

    def __call__(self, doc: Doc) -> Doc:
        index = sentence_index(doc)
        people = People(doc)
        text = text_of(doc)
        quotes, labels = [], []
        previous = None
        for open_, close in find_quotes(text, self.marks):
            inner = doc.char_span(open_ + 1, close, alignment_mode="expand")
            whole = doc.char_span(open_, close + 1, alignment_mode="expand")
            if inner is None or whole is None:
                continue
            n_words = len(_WORD.findall(text[open_ + 1:close]))
            if n_words < MIN_QUOTE_WORDS and self._is_label(doc, whole, n_words):
                labels.append(Span(doc, inner.start, inner.end, label="LABEL"))
                continue
            attribution = self._attribute(doc, whole, index, people, previous)
            if n_words < MIN_QUOTE_WORDS and (not attribution or attribution.how not in ("adjacent", "same-sentence")):
                labels.append(Span(doc, inner.start, inner.end, label="LABEL"))
                continue
            quotes.append(Span(doc, whole.start, whole.end, label="QUOTE"))
            if not attribution:
                continue
            speaker = attribution.speaker
            previous = Previous(whole.end_char, speaker)
            ev_start, ev_end = attribution.evidence
            add_record(doc, "quote", ev_start, ev_end, attribution.rule, anchor=ev_start,
                       text=text[open_ + 1:close], speaker=speaker.name, role=speaker.role,
                       organisation=speaker.organisation, quote_start=open_ + 1, quote_end=close)
        doc.spans[QUOTES] = quotes
        doc.spans[LABELS] = labels
        return doc

    def _is_label(self, doc: Doc, whole: Span, n_words: int) -> bool:
        """A short phrase in marks after 'de groep', 'het project' … or written in title case."""
        before = doc[max(0, whole.start - 2):whole.start]
        if any(t.lower_ in LABEL_HEADS for t in before):
            return True
        inner = [t for t in doc[whole.start + 1:whole.end - 1] if t.is_alpha]
        return n_words <= 3 and bool(inner) and inner[0].text[:1].isupper()

    def _attribute(self, doc: Doc, whole: Span, index: SentenceIndex, people: People,
                   previous: Previous | None) -> Attribution | None:
        sents = index.sents
        n = len(doc)
        first = index.of_token(whole.start)
        last_i = index.of_token(max(whole.end - 1, whole.start))
        start_sent, end_sent = sents[first], sents[last_i]

        def passage(to_token: int):
            to = sents[index.of_token(min(to_token, n - 1))]
            return start_sent.start_char, max(to.end_char, end_sent.end_char)

        sentence = (start_sent.start_char, end_sent.end_char)
        said_before = previous.speaker if previous else None

        # 1. after the quote, in the same paragraph
        j = whole.end
        dash = False
        while j < n and (doc[j].text in (",", *DASHES) or (doc[j].is_space and "\n\n" not in doc[j].text)):
            dash = dash or doc[j].text in DASHES
            j += 1
        if j + 1 < n and doc[j].is_space and "\n\n" in doc[j].text and doc[j + 1].text in DASHES \
                and (whole.start == 0 or (doc[whole.start - 1].is_space and "\n\n" in doc[whole.start - 1].text)):
            # a quote set as its own paragraph, signed on the next line: "— Name, role"
            dash, j = True, j + 2
            while j < n and doc[j].is_space and "\n\n" not in doc[j].text:
                j += 1
        if j < n and not doc[j].is_space:
            low = doc[j].lower_
            if low in self.speech:
                k = j + 1
                while k < n and doc[k].lower_ in ("zo", "ook", "nog", "daarover", "dan"):
                    k += 1
                if k < n and doc[k].lower_ in PRONOUNS:
                    who = people.pronoun(whole.start_char, said_before)
                    if who:
                        return Attribution(who, passage(k), "adjacent", "quote-after-pronoun")
                who = people.who(k)
                if who:
                    return Attribution(who, passage(k), "adjacent", "quote-after-verb")
            if low in ("laat", "laten", "liet", "lieten"):
                weten = next((t.i for t in doc[j + 1:min(j + 8, n)] if t.lower_ == "weten"), None)
                if weten:
                    who = people.who(j + 1)
                    if who:
                        return Attribution(who, passage(weten), "adjacent", "quote-laat-weten")
            if is_name_token(doc[j]) and low not in NOT_NAMES:
                name = read_name(doc, j)
                if name is not None and (dash or (name.end < n and doc[name.end].lower_ in self.speech)):
                    full, role = people.lookup(name.text)
                    return Attribution(Speaker(full, role, None), passage(name.end), "adjacent",
                                       "quote-after-dash" if dash else "quote-after-name")
        # 2. before the quote: "Wethouder X: „…”", "Het CPB merkt op: „…”", "zegt X: „…”"
        k = whole.start - 1
        while k >= 0 and doc[k].is_space:
            k -= 1
        if k >= 0 and doc[k].text.endswith(":"):
            head = doc[start_sent.start:k + (0 if doc[k].text == ":" else 1)]
            who = self._who_in_head(doc, head, people, previous, whole)
            if who:
                return Attribution(who, sentence, "adjacent", "quote-before-colon")
        # 3. in the same sentence: "volgens de gemeente … ‘dat …’", "Wethouder X noemt dat ‘…’"
        for t in doc[start_sent.start:whole.start]:
            if t.lower_ in self.according:
                who = people.who(t.i + 1)
                if who:
                    return Attribution(who, sentence, "same-sentence", "quote-according-to")
        persons = people.persons_in(start_sent.start, whole.start)
        spoken = any(t.lower_ in self.speech for t in doc[start_sent.start:whole.start])
        if persons and spoken:
            return Attribution(persons[0][1], sentence, "same-sentence", "quote-same-sentence")
        if spoken:
            # "Het CPB, dat …, benadrukt dat ‘…’",
            # "De onderzoekers van Tilburg University schrijven dat ‘…’"
            who = people.who(start_sent.start)
            if who and who.name != "gemeente":
                return Attribution(who, sentence, "same-sentence", "quote-subject")
        # 4. straight on from the previous quote of the same speaker
        if previous and whole.start_char - previous.end < 400:
            between = doc.char_span(previous.end, whole.start_char, alignment_mode="contract")
            if between is not None and "\n\n" not in between.text \
                    and not people.persons_in(between.start, between.end):
                return Attribution(previous.speaker, sentence, "neighbour", "quote-continued")
        # 5. a neighbouring sentence: the last person named just before the quote
        for back in (1, 2):
            s_i = first - back
            if s_i < 0:
                break
            sent = sents[s_i]
            if "\n\n" in text_of(doc)[sent.end_char:whole.start_char] and back > 1:
                break
            persons = people.persons_in(sent.start, sent.end)
            if persons:
                return Attribution(persons[-1][1], (sent.start_char, end_sent.end_char), "neighbour",
                                   "quote-previous-sentence")
            if sent[0].lower_ in PRONOUNS:
                who = people.pronoun(sent.start_char, said_before)
                if who:
                    return Attribution(who, (sent.start_char, end_sent.end_char), "neighbour",
                                       "quote-previous-pronoun")
        return None

    def _who_in_head(self, doc: Doc, head: Span, people: People, previous: Previous | None,
                     whole: Span) -> Speaker | None:
        """The speaker in the words before a colon."""
        tokens = list(head)
        for t in tokens:
            if t.lower_ in ("laat", "laten", "liet", "lieten") and any(x.lower_ == "weten" for x in tokens):
                return people.who(t.i + 1)
        for t in tokens:
            if t.lower_ in self.speech or t.lower_ in self.according:
                after = doc[t.i + 1] if t.i + 1 < len(doc) else None
                if after is not None and after.lower_ in PRONOUNS:
                    return people.pronoun(whole.start_char, previous.speaker if previous else None)
                who = people.who(t.i + 1) if t.i + 1 < head.end else None
                if who:
                    return who
                return people.who(head.start)  # "Het CPB merkt op:"
        who = people.who(head.start)
        if who:
            return who
        persons = people.persons_in(head.start, head.end)
        return persons[0][1] if persons else None
