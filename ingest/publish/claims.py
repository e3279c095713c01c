"""The claim checker's judgement: how the records of each source answer a claim (read by
`ingest.nlp.claims`). Each record of a source is judged against it; per source, the record with the
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
from dataclasses import dataclass

from ..nlp.claims import Claim, predecessors
from ..nlp.experiments import normalise
from ..nlp.resources import plain_name
from .labels import figure, label, number

VERDICTS = {
    "supports": "ondersteunt",
    "supports_direction": "ondersteunt alleen de richting",
    "differs": "wijkt af",
    "other_comparator": "vergelijkt met iets anders",
    "no_evidence": "geen bewijs",
}
# How close a source's figure must be to count as the same (the press rounds).
TOLERANCE = {"percent": 0.5, "percentage_points": 0.5, "score": 0.05}
SHOWN = {"ratio": "{} keer", "percent": "{}%", "percentage_points": "{} procentpunt", "score": "{}"}


@dataclass(frozen=True)
class Judgement:
    verdict: str
    basis: str | None  # figure, direction, comparator, other_count
    explanation: str
    order: tuple  # the lowest answers for its source: comparator first, then figure, then verdict


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
