"""The claim checker's logic: what a Dutch claim says, and how one record answers it.

A claim is read with the extractor's own pipeline and pattern files: municipality (and
the name as written when that municipality has been dissolved into another), experiment,
measure, arm, direction (with negation), comparator, and its figures in the units of the
outcome records (percent, procentpunt, a score such as 7,9, a ratio), or a number of
people. Each record of a source is judged against it; per source, the record with the
claim's comparator answers first. The page, the queries and the schema.org ClaimReview
are in plugins/site_claims.py.

Verdicts per source:

- `supports`: the same figure, or the same direction when the claim gives no figure;
- `supports_direction`: the claim gives a figure, the source only the same direction
  (no figure, or one of another kind): weaker, and said so ("ondersteunt alleen de richting");
- `differs`: another figure or direction, against the same (or an unstated) comparator;
- `other_comparator`: the source compares with something else (the control group
  instead of non-participants, ...), so its figure neither supports nor contradicts;
- `no_evidence`: the source is about the place or experiment but says nothing comparable.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass, field
from functools import lru_cache

from .nlp.experiments import normalise
from .nlp.numbers import FRACTIONS, parse_number
from .nlp.resources import current_code, lexicon, municipalities, plain_name
from .publish import figure, label, number

VERDICTS = {
    "supports": "ondersteunt",
    "supports_direction": "ondersteunt alleen de richting",
    "differs": "wijkt af",
    "other_comparator": "vergelijkt met iets anders",
    "no_evidence": "geen bewijs",
}
COMPARATOR_ARMS = {"control", "non_participants"}
# Measures that the words "werk" and "baan" give; a more specific measure in the same
# words ("parttime werk", "voltijds werk") is what the claim is about.
GENERIC_MEASURES = {"outflow_to_work", "employment"}
NEGATIONS = {"niet", "geen", "nooit"}
DOUBLING = {"verdubbeld", "verdubbelde", "verdubbelden", "verdubbelt", "verdubbeling"}
RATIO_WORDS = {"keer", "maal"}
PERCENT_WORDS = {"%", "procent", "percent"}
POINT_WORDS = ("procentpunt", "percentagepunt")
# How close a source's figure must be to count as the same (the press rounds).
TOLERANCE = {"percent": 0.5, "percentage_points": 0.5, "score": 0.05}
SHOWN = {"ratio": "{} keer", "percent": "{}%", "percentage_points": "{} procentpunt", "score": "{}"}


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


@dataclass(frozen=True)
class Judgement:
    verdict: str
    basis: str | None  # figure, direction, comparator, other_count
    explanation: str
    order: tuple  # the lowest answers for its source: comparator first, then figure, then verdict


# -- reading a claim -----------------------------------------------------------------------

_lock = threading.Lock()


@lru_cache(maxsize=1)
def _load():
    from .nlp import load_pipeline
    from .nlp.rules import PatternSet

    nlp = load_pipeline()
    return nlp, {name: PatternSet(nlp, f"{name}.jsonl") for name in ("measures", "directions", "comparators")}


def parser():
    with _lock:  # the first call loads the pipeline (about a second)
        return _load()


def parse_claim(text: str, experiments: list[dict]) -> Claim:
    """What a claim says; `experiments` are the names (and codes) in the database."""
    from .nlp.util import records

    nlp, patterns = parser()
    doc = nlp(text)
    claim = Claim(text=text)
    places = list(doc.spans.get("municipalities", []))
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
    for arm in doc.spans.get("arms", []):
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
        if "@" in measure.id_:
            claim.direction = measure.id_.rsplit("@", 1)[1]
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


def _unit(toks: list, k: int) -> str | bool:
    """The unit of the number at toks[k]: percent, percentage_points, None for a score,
    False for a number that is none of these (a count)."""
    nxt = toks[k + 1].lower_ if k + 1 < len(toks) else ""
    if toks[k].text.endswith("%") or nxt in PERCENT_WORDS:
        return "percent"
    if nxt.startswith(POINT_WORDS):
        return "percentage_points"
    if nxt in ("naar", "tot") and k + 2 < len(toks) and parse_number(toks[k + 2].text) is not None:
        return _unit(toks, k + 2)  # "van 20 naar 26 procent"
    if re.fullmatch(r"\d+,\d+", toks[k].text):
        return None  # a mark or score: "een 7,9"
    return False


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
        if low in DOUBLING or (nxt in RATIO_WORDS and parse_number(tok.text) is not None):
            if claim.ratio is None:
                claim.ratio = 2.0 if low in DOUBLING else parse_number(tok.text)
                claim.negated = claim.negated or denied
            continue
        two = f"{low} {nxt}"
        if two in FRACTIONS or (low in FRACTIONS and not (k and f"{toks[k - 1].lower_} {low}" in FRACTIONS)):
            found.append((k, FRACTIONS.get(two, FRACTIONS.get(low)), "percent", denied))
            continue
        value = parse_number(tok.text)
        if value is None or low in ("een", "één"):
            continue
        unit = _unit(toks, k)
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


def _mentions(text: str | None, names) -> bool:
    return any(re.search(r"\b" + re.escape(n), text or "") for n in names)


def _experiment(row: dict) -> str | None:
    return normalise(row["experiment"]) if row.get("experiment") else None


def about(claim: Claim, experiments: list[dict]):
    """Whether a record (of the claim's municipality or experiment) is about what the claim
    names. The extractor folds a dissolved municipality into its successor (Haren into
    Groningen); the name as written in the record's sentence, or an experiment named with
    it, tells them apart where the sources allow. `experiments`: name and evidence of the
    experiment records of the claim's municipality."""
    wanted = normalise(claim.experiment) if claim.experiment else None
    names = [claim.written] if claim.written else predecessors(claim.municipality_code or "")
    successor = [plain_name(claim.municipality)] if claim.municipality else []
    # experiments named with the dissolved municipality and not with its successor
    theirs = {normalise(e["name"]) for e in experiments
              if _mentions(e["evidence"], names) and not _mentions(e["evidence"], successor)}

    def keep(row: dict) -> bool:
        if wanted and _experiment(row) and _experiment(row) != wanted:
            return False
        if claim.written:
            return _mentions(row["evidence"], names) or _experiment(row) in theirs
        if names and not _mentions(row["evidence"], successor):
            return not _mentions(row["evidence"], names) and _experiment(row) not in theirs
        return True

    return keep


# -- judging one record --------------------------------------------------------------------

def source_ratio(row: dict) -> float | None:
    if row.get("ratio") is not None:
        return row["ratio"]
    if row.get("value") is not None and row.get("comparator_value") and row.get("unit") == "percent":
        return row["value"] / row["comparator_value"]
    return None


def figures(value, unit, comparator_value, ratio) -> dict[str, float]:
    """The figures of a claim or record by kind: ratio, percent, percentage_points, score.
    Percentages against a comparator's percentage also give the difference in points."""
    out = {}
    if ratio is not None:
        out["ratio"] = ratio
    if value is not None and unit in ("percent", "percentage_points", None):
        out["score" if unit is None else unit] = value
        if unit == "percent" and comparator_value is not None:
            out["percentage_points"] = round(value - comparator_value, 2)
    return out


def close(a: float, b: float, kind: str) -> bool:
    if kind == "count":
        return round(a) == round(b)
    if kind in TOLERANCE:
        return abs(a - b) <= TOLERANCE[kind] + 1e-9
    return abs(a - b) <= 0.02 * max(abs(a), abs(b)) + 1e-9  # ratios, rounded in the press


def shown(kind: str, value: float) -> str:
    return SHOWN[kind].format(number(round(value, 2)))


def comparator_match(claim: Claim, row: dict) -> int:
    """0: the comparator the claim names; 1: the claim or the source does not say; 2: another."""
    if not claim.comparator or not row.get("comparator"):
        return 1
    return 0 if claim.comparator == row["comparator"] else 2


def judge_outcome(claim: Claim, row: dict) -> Judgement | None:
    if claim.arm_type and row["arm_type"] and claim.arm_type != row["arm_type"]:
        return None
    match = comparator_match(claim, row)
    theirs = figure(row)  # '' when the record gives none
    said = figures(claim.value, claim.unit, claim.comparator_value, claim.ratio)
    found = figures(row["value"], row["unit"], row["comparator_value"], source_ratio(row))
    common = [k for k in said if k in found]
    if match == 2:
        # The claim's own figure against another group is what a fact-checker most needs to
        # see ("25% tegen 10%, but against non-participants"): it outranks a direction-only
        # record of the same source, not a record that gives the figure with no comparator.
        same_figure = bool(common) and all(close(said[k], found[k], k) for k in common)
        return Judgement("other_comparator", "comparator",
                         f"Deze bron vergelijkt met {label('comparator', row['comparator'])}, niet met "
                         f"{label('comparator', claim.comparator)}" + (f" (zij noemt {theirs})" if theirs else "")
                         + (": hetzelfde cijfer, een andere vergelijking." if same_figure else "."),
                         (1, 0, 0, 1) if same_figure else (2, 0, 0))
    caveat = " De bron zegt niet waarmee vergeleken is." if claim.comparator and not row["comparator"] else ""
    if common:
        off = [k for k in common if not close(said[k], found[k], k)]
        text = ", ".join(shown(k, found[k]) for k in off or common)
        more = -len(common)  # among equals, the record that gives more of the claim's figures
        if claim.negated:
            denied = ", ".join(shown(k, said[k]) for k in common)
            if off:
                return Judgement("supports", "figure", f"Deze bron noemt {text}, niet {denied}.{caveat}",
                                 (match, 0, 0, more))
            return Judgement("differs", "figure", f"Deze bron noemt wel {text}.{caveat}", (match, 0, 1, more))
        if not off:
            return Judgement("supports", "figure", f"Zelfde cijfer: {text}.{caveat}", (match, 0, 0, more))
        return Judgement("differs", "figure", f"Deze bron noemt {text}.{caveat}", (match, 0, 1, more))
    if claim.direction and row["direction"]:
        direction = label("direction", row["direction"])
        if claim.direction != row["direction"]:
            return Judgement("differs", "direction", f"Deze bron meldt: {direction}.{caveat}", (match, 1, 1))
        if said:
            detail = f"een ander soort cijfer ({theirs})" if theirs else "geen cijfer"
            return Judgement("supports_direction", "direction",
                             f"Zelfde richting ({direction}), maar de bron noemt {detail}.{caveat}", (match, 1, 0))
        return Judgement("supports", "direction", f"Zelfde richting: {direction}.{caveat}", (match, 1, 0))
    return None


def judge_sample_size(claim: Claim, row: dict) -> Judgement:
    counted = f"{number(row['n'])} ({label('population', row['population'])})"
    if claim.population and row["population"] != claim.population:
        return Judgement("no_evidence", "other_count", f"Deze bron telt iets anders: {counted}.", (1, 0, 0))
    if close(claim.count, row["n"], "count"):
        return Judgement("supports", "figure", f"Zelfde aantal: {counted}.", (0, 0, 0))
    return Judgement("differs", "figure", f"Deze bron noemt {counted}.", (0, 0, 1))


# -- all sources together ------------------------------------------------------------------

def no_evidence_text(claim: Claim) -> str:
    subject = (label("measure", claim.measure) if claim.kind == "outcome"
               else f"het aantal ({label('population', claim.population)})")
    return f"Deze bron gaat over {place(claim) or claim.experiment}, maar zegt niets vergelijkbaars over {subject}."


def place(claim: Claim) -> str | None:
    """'Haren (nu Groningen)' for a dissolved municipality, else its name."""
    if claim.written:
        return f"{claim.written} (nu {claim.municipality})"
    return claim.municipality


def summary(claim: Claim, answers: list[dict]) -> dict:
    """The verdict over all sources; `rating` from 1 (differs) to 4 (supported) for ClaimReview."""
    n = {v: sum(a["verdict"] == v for a in answers) for v in VERDICTS}
    if n["differs"]:
        rating, text = (2, "Bronnen verschillen") if n["supports"] else (1, "Wijkt af van de bronnen")
    elif n["supports"]:
        rating, text = 4, "Ondersteund"
    elif n["supports_direction"]:
        rating, text = 3, "Richting ondersteund, het cijfer niet"
    elif n["other_comparator"]:
        rating, text = None, "Geen bron met dezelfde vergelijking"
    else:
        rating, text = None, "Geen bewijs gevonden"
    comparators = sorted({a["comparator_label"] for a in answers if a["verdict"] != "no_evidence"})
    return {"rating": rating, "text": text, "counts": n, "comparators": comparators,
            "claim_comparator": label("comparator", claim.comparator)}
