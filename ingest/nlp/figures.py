"""Figures as Dutch writes them, read the same way in a document and in a claim: the unit of
a number (31 procent, 4 procentpunt, 300 euro, a score such as 7,2), a ratio ('2,5 keer zo
vaak', 'verdubbeld'), the words that deny them, and whether a finding is significant.

`unit_at` and `ratio_at` are the shared grammar (the claim reader, nlp/claims.py, uses
them too); `read_figures` reads an outcome's clause: its value and unit, the comparator's
value ('tegen 22 procent in de controlegroep') and 'van X naar Y'."""

from __future__ import annotations

from functools import lru_cache
from typing import NamedTuple

from spacy.tokens import Doc, Span

from .findings import NEGATIONS
from .numbers import FRACTIONS, clean, parse_number
from .resources import lexicon
from .rules import PatternSet
from .sentence_shapes import clauses


class Figures(NamedTuple):
    value: float | None
    unit: str | None
    comparator_value: float | None
    ratio: float | None
    implied_comparator: str | None  # "baseline" for 'van 31 naar 24 procent'


RATIO_WORDS = frozenset(lexicon()["ratio_words"])
DOUBLING = frozenset(lexicon()["doubling_words"])
PERCENT_WORDS = frozenset(lexicon()["percent_words"])
POINT_WORDS = tuple(lexicon()["percentage_point_words"])
SCORE_WORDS = frozenset(lexicon()["score_words"])
EURO_WORDS = frozenset(lexicon()["euro_words"])
TO_WORDS = frozenset(lexicon()["range_to_words"])


@lru_cache(maxsize=None)
def _people_nouns() -> frozenset:
    return frozenset(lexicon()["people_nouns"])


def ratio_at(toks: list, k: int) -> float | None:
    """The ratio toks[k] states: '2,5' before 'keer' or 'maal', or a word for doubling."""
    if toks[k].lower_ in DOUBLING:
        return 2.0
    if k + 1 < len(toks) and toks[k + 1].lower_ in RATIO_WORDS:
        return parse_number(toks[k].text)
    return None


def unit_at(toks: list, k: int) -> str | None | bool:
    """The unit of the number at toks[k]: percent, percentage_points, euro, None for a mark
    or score ('een 7,2'), False for a number that is none of these (a count, a year)."""
    nxt = toks[k + 1].lower_ if k + 1 < len(toks) else ""
    if toks[k].text.endswith("%") or nxt in PERCENT_WORDS:
        return "percent"
    if nxt.startswith(POINT_WORDS):
        return "percentage_points"
    if (k and toks[k - 1].text == "€") or nxt in EURO_WORDS:
        return "euro"
    if nxt in TO_WORDS and k + 2 < len(toks) and parse_number(toks[k + 2].text) is not None \
            and not toks[k + 2].is_alpha:
        return unit_at(toks, k + 2)  # "van 31 naar 24 procent"
    if nxt in SCORE_WORDS or ("," in toks[k].text and not toks[k].text.endswith(",")):
        return None
    return False


def ratio_of(doc: Doc, span: Span):
    """'2,5 keer zo vaak': the ratio a clause states, if any."""
    toks = list(span)
    for k in range(len(toks)):
        value = ratio_at(toks, k)
        if value is not None:
            return value
    return None


def implied_direction(measures: PatternSet, span: Span, start: int) -> str | None:
    """The direction a measure word implies ('gelukkiger': up, 'goedkoper': down), 'none'
    when a negation stands in the two words before it ('niet gelukkiger'), from `start` on."""
    implied = measures.field(span.id_, "implies")
    if implied is None:
        return None
    before = span.doc[max(start, span.start - 2):span.start]
    return "none" if any(t.lower_ in NEGATIONS for t in before) else implied


def significance(sent: Span) -> bool | None:
    """Whether a sentence says its finding is significant ('niet significant': False)."""
    for tok in sent:
        if tok.lower_.startswith("significant"):
            before = {t.lower_ for t in sent.doc[max(sent.start, tok.i - 3):tok.i]}
            return not (before & NEGATIONS)
    return None


def read_figures(doc: Doc, scope: Span, comp_at: int | None) -> Figures:
    """value, unit, comparator value and ratio in a clause. 'van 31 naar 24 procent' gives
    the new figure as the value and the old one as the comparator value."""
    people = _people_nouns()
    value = unit = comp_value = ratio = None
    toks = list(scope)
    found = []  # (token index, number, unit)
    for k, tok in enumerate(toks):
        nxt = toks[k + 1].lower_ if k + 1 < len(toks) else ""
        two = f"{tok.lower_} {nxt}"
        if two in FRACTIONS or (tok.lower_ in FRACTIONS and k and f"{toks[k-1].lower_} {tok.lower_}" not in FRACTIONS):
            # "de helft van de deelnemers", not "de helft van hun bijverdiensten"
            follow = [t.lower_ for t in toks[k + 1:k + 6]]
            if "van" in follow and any(w in people or w in ("hen", "them") for w in follow):
                found.append((tok.i, FRACTIONS.get(two, FRACTIONS.get(tok.lower_)), "percent"))
            continue
        stated = ratio_at(toks, k)
        if stated is not None:
            ratio = clean(stated)
            continue
        number = parse_number(tok.text)
        if number is None or tok.is_alpha:
            continue
        this_unit = unit_at(toks, k)
        if this_unit is not False:
            found.append((tok.i, clean(number), this_unit))
    van = next((f for f in found if f[0] > scope.start and doc[f[0] - 1].lower_ in ("van", "from")), None)
    naar = next((f for f in found if f[0] > scope.start and doc[f[0] - 1].lower_ in ("naar", "to", "tot")), None)
    if van and naar and van[0] < naar[0]:
        return Figures(naar[1], naar[2], van[1], ratio, "baseline")
    # the comparison runs to the end of its clause: "…dan de controlegroep, gemiddeld 0,4 punt"
    comp_end = next((c.end for c in clauses(doc[scope.start:scope.end]) if comp_at is not None
                     and c.start <= comp_at < c.end), scope.end)
    for i, number, this_unit in found:
        if comp_at is not None and comp_at <= i < comp_end:
            comp_value = comp_value if comp_value is not None else number
        elif value is None:
            value, unit = number, this_unit
    return Figures(value, unit, comp_value, ratio, None)
