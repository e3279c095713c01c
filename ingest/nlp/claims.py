"""Reading a claim: what a Dutch sentence such as "In Tilburg vonden deelnemers 2,5 keer zo
vaak werk als niet-deelnemers" says, in the fields of the outcome and sample-size records.

A claim is read with the extractor's own pipeline and pattern files: municipality (and
the name as written when that municipality has been dissolved into another), experiment,
measure, arm, direction (with negation), comparator, and its figures in the units of the
outcome records (percent, procentpunt, a score such as 7,9, a ratio), or a number of
people. Judging it against the sources is `ingest.publish.claims`.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from functools import lru_cache

from .experiments import normalise
from .figures import DOUBLING, implied_direction, ratio_at, unit_at
from .findings import COMPARATOR_ARMS, NEGATIONS
from .numbers import FRACTIONS, parse_number
from .resources import current_code, lexicon, municipalities, plain_name
from .span_keys import ARMS, MUNICIPALITIES

# Measures that the words "werk" and "baan" give; a more specific measure in the same
# words ("parttime werk", "voltijds werk") is what the claim is about.
GENERIC_MEASURES = {"outflow_to_work", "employment"}


@dataclass
class Claim:
    text: str
    municipality_code: str | None = None
    municipality: str | None = None
    written: str | None = None  # a dissolved municipality as the claim names it (Haren)
    experiment: str | None = None
    kind: str | None = None  # outcome or sample_size
    measure: str | None = None
    arm_type: str | None = None
    direction: str | None = None
    comparator: str | None = None
    value: float | None = None
    unit: str | None = None  # percent, percentage_points, or None: a score (7,9)
    comparator_value: float | None = None
    ratio: float | None = None
    negated: bool = False  # "geen 2,5 keer zo vaak": the figure is denied
    count: int | None = None
    population: str | None = None
    problems: list[str] = field(default_factory=list)


_lock = threading.Lock()


@lru_cache(maxsize=1)
def _load():
    from . import load_pipeline
    from .rules import PatternSet

    nlp = load_pipeline()
    return nlp, {name: PatternSet(nlp, f"{name}.jsonl") for name in ("measures", "directions", "comparators")}


def parser():
    with _lock:  # the first call loads the pipeline (about a second)
        return _load()


def parse_claim(text: str, experiments: list[dict]) -> Claim:
    """What a claim says; `experiments` are the names (and codes) in the database."""
    from .doc_records import records

    nlp, patterns = parser()
    doc = nlp(text)
    claim = Claim(text=text)
    places = list(doc.spans.get(MUNICIPALITIES, []))
    if places:
        claim.municipality_code = places[0].label_
        claim.municipality = municipalities()[claim.municipality_code]["name"]
        claim.written = dissolved_name(places[0].text, claim.municipality_code)
    padded = f" {normalise(text)} "
    named = [e for e in experiments if len(normalise(e["name"])) >= 8 and f" {normalise(e['name'])} " in padded]
    if named:
        claim.experiment = max(named, key=lambda e: len(e["name"]))["name"]
    markers = set(lexicon()["comparison_markers"])
    comp_at = next((t.i for t in doc if t.lower_ in markers and t.i > 0), len(doc))
    for arm in doc.spans.get(ARMS, []):
        if arm.label_ in COMPARATOR_ARMS:
            claim.comparator = claim.comparator or arm.label_
        elif arm.start < comp_at and claim.arm_type is None:
            claim.arm_type = arm.label_
    comparators = patterns["comparators"](doc)
    if claim.comparator is None and comparators:
        claim.comparator = comparators[0].label_
    measure = pick_measure(patterns["measures"](doc, longest=False))
    if measure is not None:
        claim.measure = measure.label_
        claim.direction = implied_direction(patterns["measures"], measure, 0)  # "niet gelukkiger": none
    _read_numbers(doc, claim, comp_at)
    _read_direction(doc, claim, patterns["directions"](doc, longest=False))
    sizes = [r for r in records(doc) if r["type"] == "sample_size"]
    if sizes and (claim.measure is None or sizes[0]["population"] == "outflow"):
        claim.kind, claim.count, claim.population = "sample_size", sizes[0]["n"], sizes[0]["population"]
        claim.arm_type = claim.arm_type or sizes[0].get("arm_type")
    elif claim.measure:
        claim.kind = "outcome"
    if not (claim.municipality_code or claim.experiment):
        claim.problems.append("Geen gemeente of experiment herkend in de zin.")
    if claim.kind is None:
        claim.problems.append("Geen uitkomst (zoals uitstroom naar werk of welbevinden) of aantal deelnemers herkend.")
    return claim


def pick_measure(spans: list):
    """The first widest measure, or a more specific one in the same words: 'parttime werk'
    rather than the 'werk' of 'vonden … werk'."""
    if not spans:
        return None
    first = min(spans, key=lambda s: (s.start, -s.end))
    if first.label_ in GENERIC_MEASURES:
        specific = [s for s in spans if s.start < first.end and s.end > first.start
                    and s.label_ not in GENERIC_MEASURES]
        if specific:
            return specific[0]
    return first


def _read_direction(doc, claim: Claim, cues) -> None:
    labels = set()
    for cue in cues:
        lab = cue.label_
        around = [t.lower_ for t in doc[max(0, cue.start - 3):min(len(doc), cue.end + 1)]]  # "niet meer", "steeg niet"
        if lab in ("up", "down") and NEGATIONS & set(around):
            lab = "none"
        labels.add(lab)
    if "none" in labels:
        claim.direction = "none"
    elif claim.negated:
        # "geen 2,5 keer zo vaak" denies the figure, not the direction: only a cue says one
        claim.direction = next((d for d in ("up", "down", "mixed") if d in labels), None)
    elif claim.ratio is not None:
        claim.direction = "up" if claim.ratio > 1 else "down" if claim.ratio < 1 else "none"
    elif labels & {"up", "down", "mixed"}:
        claim.direction = next(d for d in ("up", "down", "mixed") if d in labels)
    elif claim.value is not None and claim.comparator_value is not None:
        diff = claim.value - claim.comparator_value
        claim.direction = "up" if diff > 0 else "down" if diff < 0 else "none"


def _negated_after(toks: list, k: int) -> bool:
    """A negation later in the clause of toks[k]."""
    for tok in toks[k + 1:]:
        if tok.is_punct:
            return False
        if tok.lower_ in NEGATIONS:
            return True
    return False


def _read_numbers(doc, claim: Claim, comp_at: int) -> None:
    """The claim's ratio and figure: 'van X naar Y' gives Y (against X, the baseline); a
    figure after the comparison marker ('tegen 22 procent') is the comparator's."""
    toks = list(doc)
    found = []  # (token index, value, unit)
    for k, tok in enumerate(toks):
        low = tok.lower_
        nxt = toks[k + 1].lower_ if k + 1 < len(toks) else ""
        denied = any(t.lower_ in NEGATIONS for t in toks[max(0, k - 2):k])
        if low in DOUBLING:
            denied = denied or _negated_after(toks, k)  # "verdubbelde de uitstroom niet"
        stated = ratio_at(toks, k)
        if stated is not None:
            if claim.ratio is None:
                claim.ratio = stated
                claim.negated = claim.negated or denied
            continue
        two = f"{low} {nxt}"
        if two in FRACTIONS or (low in FRACTIONS and not (k and f"{toks[k - 1].lower_} {low}" in FRACTIONS)):
            found.append((k, FRACTIONS.get(two, FRACTIONS.get(low)), "percent", denied))
            continue
        value = parse_number(tok.text)
        if value is None or low in ("een", "één"):
            continue
        unit = unit_at(toks, k)
        if unit is not False:
            found.append((k, value, unit, denied))
    if not found:
        return
    van = next((f for f in found if f[0] and toks[f[0] - 1].lower_ == "van"), None)
    naar = next((f for f in found if van and f[0] > van[0] and toks[f[0] - 1].lower_ in ("naar", "tot")), None)
    if van and naar:
        main, claim.comparator_value = naar, van[1]
        claim.comparator = claim.comparator or "baseline"
    else:
        main = next((f for f in found if f[0] < comp_at), found[0])
        against = next((f for f in found if f[0] > comp_at and f is not main and f[2] == main[2]), None)
        claim.comparator_value = against[1] if against else None
    _, claim.value, claim.unit, denied = main
    claim.negated = claim.negated or denied


@lru_cache(maxsize=None)
def predecessors(code: str) -> tuple[str, ...]:
    """The dissolved municipalities now part of `code`: ('Haren', 'Ten Boer') for Groningen."""
    return tuple(sorted(plain_name(r["name"]) for c, r in municipalities().items()
                        if r["valid_to"] and current_code(c) == code))


def dissolved_name(written: str, code: str) -> str | None:
    """'Haren' (or 'Harense') -> 'Haren' when it names a municipality dissolved into `code`."""
    for name in predecessors(code):
        if written.startswith(name[:-2] if name.endswith("en") else name):
            return name
    return None
