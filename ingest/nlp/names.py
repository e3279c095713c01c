"""Reading a person's or an organisation's name from capitalised words and particles."""

from __future__ import annotations

from spacy.tokens import Doc, Span

from .resources import lexicon
from .span_keys import MUNICIPALITIES, ORGANISATIONS


def is_name_token(tok) -> bool:
    t = tok.text
    return len(t) > 1 and t[0].isupper() and not t.isupper() or (len(t) == 2 and t[1] == "." and t[0].isupper())


def read_name(doc: Doc, i: int, max_tokens: int = 5, organisation: bool = False) -> Span | None:
    """A person's name starting at token i: capitalised words and particles (van, de, ter).
    With `organisation`, 'en' may join capitalised words too (Cliëntenraad Werk en Inkomen)."""
    particles = set(lexicon()["name_particles"]) | ({"en", "&"} if organisation else set())
    if i >= len(doc) or not is_name_token(doc[i]) or doc[i].lower_ in ("gemeente", "de", "het"):
        return None
    j, last_cap = i, None
    while j < len(doc) and j - i < max_tokens:
        tok = doc[j]
        if is_name_token(tok) and tok.lower_ not in lexicon()["roles"]:
            last_cap = j
        elif tok.lower_ in particles and j + 1 < len(doc) and j > i - 1:
            # "Daan Kuipers van Wageningen University": after a full name, 'van' + an
            # organisation or a municipality says where the person works, not who they are.
            if not organisation and last_cap is not None and last_cap > i and _starts_place(doc, j + 1):
                break
        else:
            break
        if tok.whitespace_ == "" and j + 1 < len(doc) and not doc[j + 1].is_punct:
            break
        j += 1
    if last_cap is None:
        return None
    return doc[i:last_cap + 1]


def _starts_place(doc: Doc, i: int) -> bool:
    """Token i begins an organisation or a municipality mention."""
    return any(span.start == i for key in (ORGANISATIONS, MUNICIPALITIES) for span in doc.spans.get(key, []))
