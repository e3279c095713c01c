"""Quotes: the words between quotation marks, exactly, with who said them.

Every Dutch style counts („…”, “…”, ‘…’, "…", ’…’). An apostrophe inside a word
(regio’s, auto's) is not a closing mark. A short phrase in marks (de groep ‘Zelf in
actie’) is a label, kept in doc.spans["labels"] for the arm and experiment components.
The speaker comes from the same sentence ("aldus wethouder X", "zegt X", "X: „…”"),
from a neighbouring one ("volgens wethouder X …" followed by the quote), or is an
organisation when no person is named ("volgens de gemeente").
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc, Span

from .resources import lexicon
from .util import SentenceIndex, sentence_index, add_record, is_name_token, read_name

MAX_QUOTE = 3000
MIN_QUOTE_WORDS = 6
_WORD = re.compile(r"\w+")


@Language.factory("evidence_quotes")
def make_quotes(nlp: Language, name: str):
    return QuoteRecognizer()


def find_quotes(text: str, marks: dict) -> list[tuple[int, int]]:
    """(open, close) character positions of every balanced quotation in `text`."""
    out, i, n = [], 0, len(text)
    while i < n:
        ch = text[i]
        if ch in marks and _can_open(text, i):
            j = _find_close(text, i, marks[ch])
            if j is not None:
                out.append((i, j))
                i = j + 1
                continue
        i += 1
    return out


def _can_open(text: str, i: int) -> bool:
    before = text[i - 1] if i else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if after.isspace():
        return False
    return before.isspace() or before in "([:;—–-/„“‘'\"«"


def _find_close(text: str, i: int, closers: list) -> int | None:
    end = min(len(text), i + MAX_QUOTE)
    j = i + 1
    while j < end:
        ch = text[j]
        if ch == "\n" and text[j:j + 2] == "\n\n":
            return None
        if ch in closers:
            after = text[j + 1] if j + 1 < len(text) else " "
            before = text[j - 1]
            # regio’s / auto's: an apostrophe between letters is part of the word.
            if not after.isalnum() and not before.isspace():
                return j
        j += 1
    return None


class QuoteRecognizer:
    def __init__(self):
        lex = lexicon()
        self.marks = lex["quote_marks"]
        self.roles = lex["roles"]
        self.speech = set(lex["speech_verbs"])
        self.according = set(lex["according_to"])

    def __call__(self, doc: Doc) -> Doc:
        index = sentence_index(doc)
        people = self._people(doc)
        quotes, labels = [], []
        last_speaker = None
        for open_, close in find_quotes(doc.text, self.marks):
            inner = doc.char_span(open_ + 1, close, alignment_mode="expand")
            whole = doc.char_span(open_, close + 1, alignment_mode="expand")
            if inner is None or whole is None:
                continue
            n_words = len(_WORD.findall(doc.text[open_ + 1:close]))
            attribution = self._attribute(doc, whole, index, people, last_speaker)
            is_quote = n_words >= MIN_QUOTE_WORDS or (n_words >= 2 and attribution and attribution[4] == "adjacent")
            if not is_quote:
                labels.append(Span(doc, inner.start, inner.end, label="LABEL"))
                continue
            quotes.append(Span(doc, whole.start, whole.end, label="QUOTE"))
            if not attribution:
                continue
            speaker, role, organisation, (ev_start, ev_end), how, rule = attribution
            last_speaker = (speaker, role, organisation)
            add_record(doc, "quote", ev_start, ev_end, rule, anchor=ev_start,
                       text=doc.text[open_ + 1:close], speaker=speaker, role=role,
                       organisation=organisation, quote_start=open_ + 1, quote_end=close)
        doc.spans["quotes"] = quotes
        doc.spans["labels"] = labels
        return doc

    # -- people -------------------------------------------------------------------------
    def _people(self, doc: Doc) -> dict:
        """Every 'role Name' / 'Name, role' in the document: full name -> role."""
        people = {}
        for tok in doc:
            role = self.roles.get(tok.lower_)
            if not role:
                continue
            name = read_name(doc, tok.i + 1)
            if name is not None and len(name) >= 1:
                people.setdefault(name.text, role)
            # "Mattias Gijsbertsen, wethouder" / "Mattias Gijsbertsen Wethouder"
            j = tok.i - 1
            if j >= 0 and doc[j].text == ",":
                j -= 1
            k = j
            while k >= 0 and (is_name_token(doc[k]) or doc[k].lower_ in lexicon()["name_particles"]):
                k -= 1
            if k < j and is_name_token(doc[k + 1]):
                name = doc[k + 1:j + 1].text
                if len(name.split()) >= 2:
                    people.setdefault(name, role)
        return people

    def _lookup(self, name: str, people: dict):
        if name in people:
            return name, people[name]
        family = name.split()[-1].lower()
        for full, role in people.items():
            if full.split()[-1].lower() == family and len(full) >= len(name):
                return full, role
        return name, None

    def _who(self, doc: Doc, i: int, people: dict):
        """Read 'wethouder Linda Voortman' / 'onderzoekers van de Universiteit Utrecht' /
        'Bloemhoff' / 'de gemeente' starting at token i. Returns (speaker, role, organisation)."""
        role = None
        j = i
        while j < len(doc) and doc[j].lower_ in ("de", "het", "een"):
            j += 1
        while j < len(doc) and (doc[j].lower_ in self.roles):
            role = self.roles[doc[j].lower_]
            j += 1
        if j < len(doc) and doc[j].lower_ == "gemeente" and not is_name_token(doc[j + 1] if j + 1 < len(doc) else doc[j]):
            return "gemeente", "organisatie", None
        if j < len(doc) and doc[j].lower_ == "gemeente":
            name = read_name(doc, j + 1)
            if name is not None:
                return f"gemeente {name.text}", "organisatie", f"gemeente {name.text}"
        name = read_name(doc, j)
        if name is not None:
            org = self._org_at(doc, name.end)
            full, known_role = self._lookup(name.text, people)
            if org and org == full:
                return org, role or "organisatie", org
            return full, role or known_role, org
        if role and j < len(doc) and doc[j].lower_ in ("van", "bij", "aan"):
            org = self._org_at(doc, j)
            if org:
                return org, role, org
        return None

    def _org_at(self, doc: Doc, i: int) -> str | None:
        """'van de Universiteit Utrecht' right after a name or role."""
        j = i
        if j < len(doc) and doc[j].text == ",":
            return None
        if j < len(doc) and doc[j].lower_ in ("van", "bij", "aan", "namens"):
            j += 1
            while j < len(doc) and doc[j].lower_ in ("de", "het"):
                j += 1
            for span in doc.spans.get("organisations", []):
                if span.start == j:
                    return span.text
            if j < len(doc) and doc[j].lower_ == "gemeente":
                name = read_name(doc, j + 1)
                return f"gemeente {name.text}" if name is not None else None
        return None

    def _attribute(self, doc: Doc, whole: Span, index: SentenceIndex, people: dict, last):
        sents = index.sents
        first = index.of_token(whole.start)
        last_i = index.of_token(max(whole.end - 1, whole.start))
        start_sent, end_sent = sents[first], sents[last_i]
        # 1. after the quote: ",’ aldus wethouder X." / "”, zegt X."
        j = whole.end
        while j < len(doc) and (doc[j].text in (",", "-", "–", "—") or doc[j].is_space):
            j += 1
        if j < len(doc) and doc[j].lower_ in self.speech:
            k = j + 1
            if k < len(doc) and doc[k].lower_ in ("zo", "ook"):
                k += 1
            if k < len(doc) and doc[k].lower_ in ("hij", "zij", "ze", "she", "he") and last:
                sp = sents[index.of_token(k)]
                return (*last, (start_sent.start_char, max(sp.end_char, whole.end_char)), "adjacent", "quote-after-pronoun")
            who = self._who(doc, k, people)
            if who:
                sp = sents[index.of_token(k)]
                return (*who, (start_sent.start_char, max(sp.end_char, end_sent.end_char)), "adjacent", "quote-after-verb")
        # "…”, X zegt." / "…,” Bloemhoff zegt"
        if j < len(doc) and is_name_token(doc[j]):
            name = read_name(doc, j)
            if name is not None and name.end < len(doc) and doc[name.end].lower_ in self.speech:
                full, role = self._lookup(name.text, people)
                sp = sents[index.of_token(name.end)]
                return (full, role, None, (start_sent.start_char, sp.end_char), "adjacent", "quote-after-name")
        # 2. before the quote: "Wethouder X: “…”" / "zegt X: „…”"
        k = whole.start - 1
        while k >= 0 and doc[k].is_space:
            k -= 1
        if k >= 0 and doc[k].text in (":", ","):
            line_start = start_sent.start
            # the attribution runs from the sentence start (or last speech verb) to the colon
            head = doc[line_start:k]
            for t in head:
                if t.lower_ in self.speech or t.lower_ in self.according:
                    line_start = t.i + 1
            who = self._who(doc, line_start, people) if line_start < k else None
            if who is None:
                # "De wethouder, Linda Voortman:" -> scan for a role word
                for t in head:
                    if t.lower_ in self.roles:
                        who = self._who(doc, t.i, people)
                        break
            if who:
                return (*who, (start_sent.start_char, end_sent.end_char), "adjacent", "quote-before-colon")
        # "volgens de gemeente … ‘dat …’" in the same sentence
        for t in doc[start_sent.start:whole.start]:
            if t.lower_ in self.according:
                who = self._who(doc, t.i + 1, people)
                if who:
                    return (*who, (start_sent.start_char, end_sent.end_char), "same-sentence", "quote-according-to")
        # 3. a neighbouring sentence: the last person named just before the quote.
        for back in (1, 2):
            s_i = first - back
            if s_i < 0:
                break
            sent = sents[s_i]
            if "\n\n" in doc.text[sent.end_char:whole.start_char] and back > 1:
                break
            who = self._last_person(doc, sent, people)
            if who:
                return (*who, (sent.start_char, end_sent.end_char), "neighbour", "quote-previous-sentence")
        return None

    def _last_person(self, doc: Doc, sent: Span, people: dict):
        found = None
        for t in sent:
            if t.lower_ in self.roles:
                name = read_name(doc, t.i + 1)
                if name is not None:
                    found = self._who(doc, t.i, people)
        if found is None:
            for name in people:
                if name in sent.text:
                    found = (name, people[name], None)
        return found
