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
from .doc_records import add_record
from .doc_text import SentenceIndex, lowers, sentence_index, text_of
from .names import is_name_token, read_name

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


PRONOUNS = {"hij", "zij", "ze", "he", "she"}
# Nouns that stand for an organisation already named nearby ("laat de raad weten").
GENERIC_ORGS = {"raad", "vereniging", "organisatie", "instelling", "planbureau", "bureau", "dienst",
                "ministerie", "kabinet", "college", "stichting", "cliëntenraad", "koepel", "bond"}
NOT_NAMES = {"wat", "wie", "hoe", "waarom", "waar", "dat", "dit", "die", "deze", "het", "de", "een", "er",
             "ook", "maar", "en", "of", "toch", "nu", "dan", "zo", "volgens", "in", "op", "bij", "na", "voor",
             "ik", "we", "wij", "je", "jij", "u", "zij", "hij", "ze", "men", "the", "this", "that"}
LABEL_HEADS = {"groep", "groepen", "project", "experiment", "onderzoek", "aanpak", "regeling", "serie",
               "naam", "heet", "heette", "genaamd", "getiteld", "programma", "proef", "pilot", "traject",
               "werkwijze", "methode", "variant", "thema", "rubriek", "campagne", "titel", "motto"}
DASHES = {"–", "—", "-", "―"}
# Words before a speaker that are not part of the name: "de", "mijn collega", "onze".
DETERMINERS = {"de", "het", "een", "mijn", "onze", "ons", "zijn", "haar", "hun", "jouw", "uw"}


class QuoteRecognizer:
    def __init__(self):
        lex = lexicon()
        self.marks = lex["quote_marks"]
        self.roles = lex["roles"]
        self.speech = set(lex["speech_verbs"])
        self.according = set(lex["according_to"])
        self.particles = set(lex["name_particles"])

    def __call__(self, doc: Doc) -> Doc:
        index = sentence_index(doc)
        self._places = {i for m in doc.spans.get("municipalities", []) for i in range(m.start, m.end)}
        self._paras = [(p.start_char, p.end_char) for p in doc.spans.get("paragraphs", [])]
        people = self._people(doc)
        quotes, labels = [], []
        previous = None  # (quote end char, speaker tuple) of the last attributed quote
        for open_, close in find_quotes(text_of(doc), self.marks):
            inner = doc.char_span(open_ + 1, close, alignment_mode="expand")
            whole = doc.char_span(open_, close + 1, alignment_mode="expand")
            if inner is None or whole is None:
                continue
            n_words = len(_WORD.findall(text_of(doc)[open_ + 1:close]))
            if n_words < MIN_QUOTE_WORDS and self._is_label(doc, whole, n_words):
                labels.append(Span(doc, inner.start, inner.end, label="LABEL"))
                continue
            attribution = self._attribute(doc, whole, index, people, previous)
            if n_words < MIN_QUOTE_WORDS and (not attribution or attribution[4] not in ("adjacent", "same-sentence")):
                labels.append(Span(doc, inner.start, inner.end, label="LABEL"))
                continue
            quotes.append(Span(doc, whole.start, whole.end, label="QUOTE"))
            if not attribution:
                continue
            speaker, role, organisation, (ev_start, ev_end), how, rule = attribution
            previous = (whole.end_char, (speaker, role, organisation))
            add_record(doc, "quote", ev_start, ev_end, rule, anchor=ev_start,
                       text=text_of(doc)[open_ + 1:close], speaker=speaker, role=role,
                       organisation=organisation, quote_start=open_ + 1, quote_end=close)
        doc.spans["quotes"] = quotes
        doc.spans["labels"] = labels
        return doc

    def _is_label(self, doc: Doc, whole: Span, n_words: int) -> bool:
        """A short phrase in marks after 'de groep', 'het project' … or written in title case."""
        before = doc[max(0, whole.start - 2):whole.start]
        if any(t.lower_ in LABEL_HEADS for t in before):
            return True
        inner = [t for t in doc[whole.start + 1:whole.end - 1] if t.is_alpha]
        return n_words <= 3 and bool(inner) and inner[0].text[:1].isupper()

    def _para_start(self, char: int) -> int:
        for start, end in self._paras:
            if start <= char < end + 1:
                return start
        return 0

    # -- people -------------------------------------------------------------------------
    def _people(self, doc: Doc) -> dict:
        """Every 'role Name' / 'Name, role' in the document: full name -> role."""
        people = {}
        words = lowers(doc)
        for k, low in enumerate(words):
            if low == "(" and k + 2 < len(doc) and words[k + 2] == ")" and doc[k + 1].is_digit \
                    and 12 <= int(doc[k + 1].text) <= 110:
                # "Marjolein de Ruiter (38)": a person introduced by age, the way Dutch
                # journalism does, so that a later 'vertelt ze' can find her
                name = self._name_before(doc, k - 1)
                if name:
                    people.setdefault(name, None)
                continue
            role = self._role(low)
            if not role:
                continue
            tok = doc[k]
            name = read_name(doc, tok.i + 1)
            if name is not None:
                people.setdefault(name.text, role)
            # "Mattias Gijsbertsen, wethouder" / "– Anouk Verschuren, deelnemer"
            j = tok.i - 1
            if j >= 0 and doc[j].text == ",":
                j -= 1
            name = self._name_before(doc, j)
            if name:
                people.setdefault(name, role)
        return people

    def _role(self, low: str) -> str | None:
        """'wethouder', and compounds that end in one: 'collega-wethouder', 'oud-wethouder'."""
        return self.roles.get(low) or (self.roles.get(low.rsplit("-", 1)[-1]) if "-" in low else None)

    def _name_before(self, doc: Doc, j: int) -> str | None:
        """The full name (two words or more) that ends at token j."""
        k = j
        while k >= 0 and (is_name_token(doc[k]) or doc[k].lower_ in self.particles):
            k -= 1
        if k < j and is_name_token(doc[k + 1]) and doc[k + 1].lower_ not in NOT_NAMES:
            name = doc[k + 1:j + 1].text
            if len(name.split()) >= 2:
                return name
        return None

    def _lookup(self, name: str, people: dict):
        if name in people:
            return name, people[name]
        family = name.split()[-1].lower()
        for full, role in people.items():
            if full.split()[-1].lower() == family and len(full) >= len(name):
                return full, role
        return name, None

    def _persons_in(self, doc: Doc, start: int, end: int, people: dict) -> list:
        """(token index, (speaker, role, organisation)) of every person named in doc[start:end]."""
        found = []
        i = start
        while i < end:
            tok = doc[i]
            if self._role(tok.lower_) and i + 1 < end:
                who = self._who(doc, i, people)
                if who and who[0] != "gemeente":
                    found.append((i, who))
                    i += 2
                    continue
            if is_name_token(tok) and tok.lower_ not in NOT_NAMES:
                name = read_name(doc, i)
                if name is not None:
                    full, role = self._lookup(name.text, people)
                    if full in people:
                        found.append((i, (full, role, None)))
                        i = name.end
                        continue
            i += 1
        return found

    def _org_name(self, doc: Doc, i: int, noun: str, people: dict) -> str | None:
        """'de raad' -> the organisation named before it that ends in 'raad' or is put next to it."""
        para_start = self._para_start(doc[i].idx)
        window = doc.char_span(max(0, para_start - 600), doc[i].idx, alignment_mode="expand")
        if window is None:
            return None
        best = None
        for tok in window:
            if not tok.text[:1].isupper() or tok.lower_ in NOT_NAMES:
                continue
            if tok.lower_.endswith(noun) or (tok.text.isupper() and len(tok.text) >= 2):
                span = read_name(doc, tok.i, max_tokens=6, organisation=True) or doc[tok.i:tok.i + 1]
                best = span.text
            elif tok.i + 3 < len(doc) and doc[tok.i + 1].text == "," and doc[tok.i + 3].lower_ == noun:
                best = tok.text  # "Divosa, de vereniging van …"
        return best

    def _who(self, doc: Doc, i: int, people: dict):
        """Read a speaker at token i: 'wethouder Linda Voortman', 'beleidsadviseur X',
        'onderzoekers van de Universiteit Utrecht', 'Bloemhoff', 'het CPB', 'de raad'.
        Returns (speaker, role, organisation) or None."""
        n = len(doc)
        role = None
        j = i
        while j < n and doc[j].lower_ in DETERMINERS:
            j += 1
        # "De Deventer wethouder X", "de Tilburgse onderzoeker X": the place says where, not who
        if j + 1 < n and j in self._places and self._role(doc[j + 1].lower_):
            j += 1
        while j < n and self._role(doc[j].lower_):
            role = self._role(doc[j].lower_)
            j += 1
        if j < n and doc[j].lower_ == "gemeente":
            name = read_name(doc, j + 1)
            if name is None:
                return "gemeente", "organisatie", None
            return f"gemeente {name.text}", "organisatie", f"gemeente {name.text}"
        if role is None and j < n and doc[j].lower_ in GENERIC_ORGS:
            org = self._org_name(doc, j, doc[j].lower_, people)
            return (org, "organisatie", org) if org else None
        # an unlisted role noun: "beleidsadviseur Thijs Oude Luttikhuis"
        k = j
        while role is None and k < min(j + 2, n) and doc[k].is_lower and doc[k].is_alpha:
            k += 1
        if k > j and k < n and is_name_token(doc[k]):
            role, j = "other", k
        if j < n and doc[j].lower_ in NOT_NAMES:
            return None
        if j < n and doc[j].text.isupper() and doc[j].is_alpha and 2 <= len(doc[j].text) <= 8:
            return doc[j].text, role or "organisatie", doc[j].text  # CPB, SZW, UWV
        name = read_name(doc, j)
        if name is not None:
            for span in doc.spans.get("organisations", []):
                if span.start == name.start:
                    return span.text, role or "organisatie", span.text
            if name.text.isupper() and len(name) == 1:  # CPB, SZW
                return name.text, role or "organisatie", name.text
            org = self._org_at(doc, name.end)
            full, known_role = self._lookup(name.text, people)
            return full, role or known_role, org
        if role and j < n and doc[j].lower_ in ("van", "bij", "aan"):
            org = self._org_at(doc, j)
            if org:
                return org, role, org
        return None

    def _org_at(self, doc: Doc, i: int) -> str | None:
        """'van de Universiteit Utrecht' right after a name or role."""
        j = i
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
            name = read_name(doc, j, max_tokens=6, organisation=True)
            if name is not None:
                return name.text  # "onderzoekers van Saxion"
        return None

    def _pronoun(self, doc: Doc, before_char: int, people: dict, previous):
        """'zegt hij': the last person named before the quote in this or the previous paragraph."""
        para_start = self._para_start(before_char)
        window = doc.char_span(self._para_start(max(0, para_start - 2)), before_char, alignment_mode="contract")
        if window is not None:
            persons = self._persons_in(doc, window.start, window.end, people)
            if persons:
                return persons[-1][1]
        return previous[1] if previous else None

    # -- attribution --------------------------------------------------------------------
    def _attribute(self, doc: Doc, whole: Span, index: SentenceIndex, people: dict, previous):
        sents = index.sents
        n = len(doc)
        first = index.of_token(whole.start)
        last_i = index.of_token(max(whole.end - 1, whole.start))
        start_sent, end_sent = sents[first], sents[last_i]

        def passage(to_token: int):
            to = sents[index.of_token(min(to_token, n - 1))]
            return start_sent.start_char, max(to.end_char, end_sent.end_char)

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
                    who = self._pronoun(doc, whole.start_char, people, previous)
                    if who:
                        return (*who, passage(k), "adjacent", "quote-after-pronoun")
                who = self._who(doc, k, people)
                if who:
                    return (*who, passage(k), "adjacent", "quote-after-verb")
            if low in ("laat", "laten", "liet", "lieten"):
                weten = next((t.i for t in doc[j + 1:min(j + 8, n)] if t.lower_ == "weten"), None)
                if weten:
                    who = self._who(doc, j + 1, people)
                    if who:
                        return (*who, passage(weten), "adjacent", "quote-laat-weten")
            if is_name_token(doc[j]) and low not in NOT_NAMES:
                name = read_name(doc, j)
                if name is not None and (dash or (name.end < n and doc[name.end].lower_ in self.speech)):
                    full, role = self._lookup(name.text, people)
                    return (full, role, None, passage(name.end), "adjacent",
                            "quote-after-dash" if dash else "quote-after-name")
        # 2. before the quote: "Wethouder X: „…”", "Het CPB merkt op: „…”", "zegt X: „…”"
        k = whole.start - 1
        while k >= 0 and doc[k].is_space:
            k -= 1
        if k >= 0 and doc[k].text.endswith(":"):
            head = doc[start_sent.start:k + (0 if doc[k].text == ":" else 1)]
            who = self._who_in_head(doc, head, people, previous, whole)
            if who:
                return (*who, (start_sent.start_char, end_sent.end_char), "adjacent", "quote-before-colon")
        # 3. in the same sentence: "volgens de gemeente … ‘dat …’", "Wethouder X noemt dat ‘…’"
        for t in doc[start_sent.start:whole.start]:
            if t.lower_ in self.according:
                who = self._who(doc, t.i + 1, people)
                if who:
                    return (*who, (start_sent.start_char, end_sent.end_char), "same-sentence", "quote-according-to")
        persons = self._persons_in(doc, start_sent.start, whole.start, people)
        spoken = any(t.lower_ in self.speech for t in doc[start_sent.start:whole.start])
        if persons and spoken:
            return (*persons[0][1], (start_sent.start_char, end_sent.end_char), "same-sentence", "quote-same-sentence")
        if spoken:
            # "Het CPB, dat …, benadrukt dat ‘…’", "De onderzoekers van Tilburg University schrijven dat ‘…’"
            who = self._who(doc, start_sent.start, people)
            if who and who[0] != "gemeente":
                return (*who, (start_sent.start_char, end_sent.end_char), "same-sentence", "quote-subject")
        # 4. straight on from the previous quote of the same speaker
        if previous and whole.start_char - previous[0] < 400:
            between = doc.char_span(previous[0], whole.start_char, alignment_mode="contract")
            if between is not None and "\n\n" not in between.text and not self._persons_in(
                    doc, between.start, between.end, people):
                return (*previous[1], (start_sent.start_char, end_sent.end_char), "neighbour", "quote-continued")
        # 5. a neighbouring sentence: the last person named just before the quote
        for back in (1, 2):
            s_i = first - back
            if s_i < 0:
                break
            sent = sents[s_i]
            if "\n\n" in text_of(doc)[sent.end_char:whole.start_char] and back > 1:
                break
            persons = self._persons_in(doc, sent.start, sent.end, people)
            if persons:
                return (*persons[-1][1], (sent.start_char, end_sent.end_char), "neighbour", "quote-previous-sentence")
            if sent[0].lower_ in PRONOUNS:
                who = self._pronoun(doc, sent.start_char, people, previous)
                if who:
                    return (*who, (sent.start_char, end_sent.end_char), "neighbour", "quote-previous-pronoun")
        return None

    def _who_in_head(self, doc: Doc, head: Span, people: dict, previous, whole: Span):
        """The speaker in the words before a colon."""
        tokens = list(head)
        for t in tokens:
            if t.lower_ in ("laat", "laten", "liet", "lieten") and any(x.lower_ == "weten" for x in tokens):
                return self._who(doc, t.i + 1, people)
        for t in tokens:
            if t.lower_ in self.speech or t.lower_ in self.according:
                after = doc[t.i + 1] if t.i + 1 < len(doc) else None
                if after is not None and after.lower_ in PRONOUNS:
                    return self._pronoun(doc, whole.start_char, people, previous)
                who = self._who(doc, t.i + 1, people) if t.i + 1 < head.end else None
                if who:
                    return who
                return self._who(doc, head.start, people)  # "Het CPB merkt op:"
        who = self._who(doc, head.start, people)
        if who:
            return who
        persons = self._persons_in(doc, head.start, head.end, people)
        return persons[0][1] if persons else None
