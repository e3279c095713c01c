"""Who a document names, and reading a speaker at a token.

`People(doc)` collects every person the document introduces ("wethouder Linda Voortman",
"Mattias Gijsbertsen, wethouder", "Marjolein de Ruiter (38)") with their role, and reads
a speaker where the quote component points: a role and a name, an organisation ("het
CPB", "onderzoekers van de Universiteit Utrecht"), a generic noun for an organisation
named nearby ("de raad"), or a pronoun for the last person named.
"""

from __future__ import annotations

from typing import NamedTuple

from spacy.tokens import Doc

from .doc_text import lowers
from .names import is_name_token, read_name
from .resources import lexicon
from .span_keys import MUNICIPALITIES, ORGANISATIONS, PARAGRAPHS

PRONOUNS = frozenset(lexicon()["pronouns"])
# Nouns that stand for an organisation already named nearby ("laat de raad weten").
GENERIC_ORGS = frozenset(lexicon()["generic_organisations"])
NOT_NAMES = frozenset(lexicon()["not_names"])
# Words before a speaker that are not part of the name: "de", "mijn collega", "onze".
DETERMINERS = frozenset(lexicon()["determiners"])


class Speaker(NamedTuple):
    name: str
    role: str | None
    organisation: str | None


class People:
    def __init__(self, doc: Doc):
        lex = lexicon()
        self.doc = doc
        self.roles = lex["roles"]
        self.particles = set(lex["name_particles"])
        self.places = {i for m in doc.spans.get(MUNICIPALITIES, []) for i in range(m.start, m.end)}
        self.paras = [(p.start_char, p.end_char) for p in doc.spans.get(PARAGRAPHS, [])]
        self.known = self._introduced()

    def _introduced(self) -> dict:
        """Every 'role Name' / 'Name, role' in the document: full name -> role."""
        doc, people = self.doc, {}
        words = lowers(doc)
        for k, low in enumerate(words):
            if low == "(" and k + 2 < len(doc) and words[k + 2] == ")" and doc[k + 1].is_digit \
                    and 12 <= int(doc[k + 1].text) <= 110:
                # "Marjolein de Ruiter (38)": a person introduced by age, the way Dutch
                # journalism does, so that a later 'vertelt ze' can find her
                name = self.name_before(k - 1)
                if name:
                    people.setdefault(name, None)
                continue
            role = self.role(low)
            if not role:
                continue
            name = read_name(doc, k + 1)
            if name is not None:
                people.setdefault(name.text, role)
            # "Mattias Gijsbertsen, wethouder" / "– Anouk Verschuren, deelnemer"
            j = k - 1
            if j >= 0 and doc[j].text == ",":
                j -= 1
            name = self.name_before(j)
            if name:
                people.setdefault(name, role)
        return people

    def para_start(self, char: int) -> int:
        for start, end in self.paras:
            if start <= char < end + 1:
                return start
        return 0

    def role(self, low: str) -> str | None:
        """'wethouder', and compounds that end in one: 'collega-wethouder', 'oud-wethouder'."""
        return self.roles.get(low) or (self.roles.get(low.rsplit("-", 1)[-1]) if "-" in low else None)

    def name_before(self, j: int) -> str | None:
        """The full name (two words or more) that ends at token j."""
        doc, k = self.doc, j
        while k >= 0 and (is_name_token(doc[k]) or doc[k].lower_ in self.particles):
            k -= 1
        if k < j and is_name_token(doc[k + 1]) and doc[k + 1].lower_ not in NOT_NAMES:
            name = doc[k + 1:j + 1].text
            if len(name.split()) >= 2:
                return name
        return None

    def lookup(self, name: str) -> tuple[str, str | None]:
        """The full name and role of a person the document introduced ('Bloemhoff')."""
        if name in self.known:
            return name, self.known[name]
        family = name.split()[-1].lower()
        for full, role in self.known.items():
            if full.split()[-1].lower() == family and len(full) >= len(name):
                return full, role
        return name, None

    def persons_in(self, start: int, end: int) -> list[tuple[int, Speaker]]:
        """(token index, speaker) of every person named in doc[start:end]."""
        doc, found, i = self.doc, [], start
        while i < end:
            tok = doc[i]
            if self.role(tok.lower_) and i + 1 < end:
                who = self.who(i)
                if who and who.name != "gemeente":
                    found.append((i, who))
                    i += 2
                    continue
            if is_name_token(tok) and tok.lower_ not in NOT_NAMES:
                name = read_name(doc, i)
                if name is not None:
                    full, role = self.lookup(name.text)
                    if full in self.known:
                        found.append((i, Speaker(full, role, None)))
                        i = name.end
                        continue
            i += 1
        return found

    def _org_name(self, i: int, noun: str) -> str | None:
        """'de raad' -> the organisation named before it that ends in 'raad' or is put next to it."""
        doc = self.doc
        para_start = self.para_start(doc[i].idx)
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

    def who(self, i: int) -> Speaker | None:
        """Read a speaker at token i: 'wethouder Linda Voortman', 'beleidsadviseur X',
        'onderzoekers van de Universiteit Utrecht', 'Bloemhoff', 'het CPB', 'de raad'."""
        doc = self.doc
        n = len(doc)
        role = None
        j = i
        while j < n and doc[j].lower_ in DETERMINERS:
            j += 1
        # "De Deventer wethouder X", "de Tilburgse onderzoeker X": the place says where, not who
        if j + 1 < n and j in self.places and self.role(doc[j + 1].lower_):
            j += 1
        while j < n and self.role(doc[j].lower_):
            role = self.role(doc[j].lower_)
            j += 1
        if j < n and doc[j].lower_ == "gemeente":
            name = read_name(doc, j + 1)
            if name is None:
                return Speaker("gemeente", "organisatie", None)
            return Speaker(f"gemeente {name.text}", "organisatie", f"gemeente {name.text}")
        if role is None and j < n and doc[j].lower_ in GENERIC_ORGS:
            org = self._org_name(j, doc[j].lower_)
            return Speaker(org, "organisatie", org) if org else None
        # an unlisted role noun: "beleidsadviseur Thijs Oude Luttikhuis"
        k = j
        while role is None and k < min(j + 2, n) and doc[k].is_lower and doc[k].is_alpha:
            k += 1
        if k > j and k < n and is_name_token(doc[k]):
            role, j = "other", k
        if j < n and doc[j].lower_ in NOT_NAMES:
            return None
        if j < n and doc[j].text.isupper() and doc[j].is_alpha and 2 <= len(doc[j].text) <= 8:
            return Speaker(doc[j].text, role or "organisatie", doc[j].text)  # CPB, SZW, UWV
        name = read_name(doc, j)
        if name is not None:
            for span in doc.spans.get(ORGANISATIONS, []):
                if span.start == name.start:
                    return Speaker(span.text, role or "organisatie", span.text)
            if name.text.isupper() and len(name) == 1:  # CPB, SZW
                return Speaker(name.text, role or "organisatie", name.text)
            org = self._org_at(name.end)
            full, known_role = self.lookup(name.text)
            return Speaker(full, role or known_role, org)
        if role and j < n and doc[j].lower_ in ("van", "bij", "aan"):
            org = self._org_at(j)
            if org:
                return Speaker(org, role, org)
        return None

    def _org_at(self, i: int) -> str | None:
        """'van de Universiteit Utrecht' right after a name or role."""
        doc, j = self.doc, i
        if j < len(doc) and doc[j].lower_ in ("van", "bij", "aan", "namens"):
            j += 1
            while j < len(doc) and doc[j].lower_ in ("de", "het"):
                j += 1
            for span in doc.spans.get(ORGANISATIONS, []):
                if span.start == j:
                    return span.text
            if j < len(doc) and doc[j].lower_ == "gemeente":
                name = read_name(doc, j + 1)
                return f"gemeente {name.text}" if name is not None else None
            name = read_name(doc, j, max_tokens=6, organisation=True)
            if name is not None:
                return name.text  # "onderzoekers van Saxion"
        return None

    def pronoun(self, before_char: int, previous: Speaker | None) -> Speaker | None:
        """'zegt hij': the last person named before the quote in this or the previous
        paragraph, else the speaker of the previous quote."""
        para_start = self.para_start(before_char)
        window = self.doc.char_span(self.para_start(max(0, para_start - 2)), before_char, alignment_mode="contract")
        if window is not None:
            persons = self.persons_in(window.start, window.end)
            if persons:
                return persons[-1][1]
        return previous
