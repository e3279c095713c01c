"""The figures of an outcome's clause: its value and unit, the comparator's value, a ratio
('2,5 keer zo vaak'), and whether the sentence calls the finding significant."""

from __future__ import annotations

from functools import lru_cache
from typing import NamedTuple

from spacy.tokens import Doc, Span

from .findings import NEGATIONS
from .numbers import FRACTIONS, clean, parse_number
from .resources import lexicon
from .sentence_shapes import clauses


class Figures(NamedTuple):
    value: float | None
    unit: str | None
    comparator_value: float | None
    ratio: float | None
    implied_comparator: str | None  # "baseline" for 'van 31 naar 24 procent'


@lru_cache(maxsize=None)
def _people_nouns() -> frozenset:
    return frozenset(lexicon()["people_nouns"])


def ratio_of(doc: Doc, span: Span):
    """'2,5 keer zo vaak': the ratio a clause states, if any."""
    for tok in span:
        if tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ in ("keer", "maal", "times"):
            value = parse_number(tok.text)
            if value is not None:
                return value
    return None


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
        after = toks[k + 2].lower_ if k + 2 < len(toks) else ""
        two = f"{tok.lower_} {nxt}"
        if two in FRACTIONS or (tok.lower_ in FRACTIONS and k and f"{toks[k-1].lower_} {tok.lower_}" not in FRACTIONS):
            # "de helft van de deelnemers", not "de helft van hun bijverdiensten"
            follow = [t.lower_ for t in toks[k + 1:k + 6]]
            if "van" in follow and any(w in people or w in ("hen", "them") for w in follow):
                found.append((tok.i, FRACTIONS.get(two, FRACTIONS.get(tok.lower_)), "percent"))
            continue
        number = parse_number(tok.text)
        if number is None or (tok.is_alpha and nxt not in ("keer", "times", "maal")):
            continue
        if tok.text.endswith("%") or nxt in ("%", "procent", "percent"):
            this_unit = "percent"
        elif nxt.startswith("procentpunt") or nxt.startswith("percentage"):
            this_unit = "percentage_points"
        elif nxt in ("keer", "times", "maal"):
            ratio = clean(number)
            continue
        elif (k and toks[k - 1].text == "€") or nxt == "euro":
            this_unit = "euro"
        elif nxt in ("naar", "tot", "to") and (after.endswith("%") or (
                k + 3 < len(toks) and toks[k + 3].lower_ in ("procent", "%"))):
            this_unit = "percent"  # "van 31 naar 24 procent"
        elif nxt in ("punt", "punten", "points", "point") or ("," in tok.text and not tok.text.endswith(",")):
            this_unit = None  # a mark or score: "een 7,2 tegen een 6,6"
        else:
            continue
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
