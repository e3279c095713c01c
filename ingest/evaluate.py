"""Scoring extraction against gold files, by the matching rules of EVIDENCE_FORMAT.md."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

from .errors import GoldError
from .records import RECORD_TYPES, TYPES

_PUNCT = re.compile(r"[^\w\s]")
_WORDS = re.compile(r"\w+")


def load_gold(gold_dir: str) -> dict[str, list[dict]]:
    """Document stem -> gold records."""
    folder = Path(gold_dir)
    if not folder.is_dir():
        raise GoldError(f"{gold_dir}: not a folder of gold files")
    gold = {}
    for path in sorted(folder.glob("*.json")):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as e:
            raise GoldError(f"{path}: not a readable gold file ({e})") from None
        recs = data.get("records") if isinstance(data, dict) else data
        if not isinstance(recs, list):
            raise GoldError(f"{path}: expected a list of records")
        gold[path.stem] = recs
    if not gold:
        raise GoldError(f"{gold_dir}: no gold files (*.json) found")
    return gold


def doc_key(path: str) -> str:
    return Path(path).stem


def _norm(value) -> str:
    return " ".join(_PUNCT.sub(" ", str(value or "").lower()).split())


NORMALISED = {"municipality", "name"}  # compared without case and punctuation


def _key(r: dict) -> tuple:
    return tuple(_norm(r.get(f)) if f in NORMALISED else r.get(f) for f in RECORD_TYPES[r["type"]].gold_key)


def _family(speaker) -> str:
    words = _WORDS.findall(str(speaker or "").lower())
    return words[-1] if words else ""


def word_f1(a: str, b: str) -> float:
    wa, wb = Counter(_WORDS.findall(a.lower())), Counter(_WORDS.findall(b.lower()))
    common = sum((wa & wb).values())
    if not common:
        return 0.0
    p, r = common / sum(wa.values()), common / sum(wb.values())
    return 2 * p * r / (p + r)


def _same_number(a, b) -> bool:
    try:
        return abs(float(a) - float(b)) < 1e-9
    except (TypeError, ValueError):
        return False


def _matches(pred: dict, gold: dict) -> bool:
    if pred["type"] == "quote":
        return (_family(pred.get("speaker")) == _family(gold.get("speaker")) != ""
                and word_f1(pred.get("text") or "", gold.get("text") or "") >= 0.8)
    if _key(pred) != _key(gold):
        return False
    if pred["type"] == "outcome" and gold.get("value") is not None:
        return _same_number(pred.get("value"), gold.get("value"))
    return True


def _dedupe(recs: list[dict]) -> list[dict]:
    seen, out = set(), []
    for r in recs:
        k = (_key(r), r.get("value") if r["type"] == "outcome" else None,
             (_family(r.get("speaker")), _norm(r.get("text"))) if r["type"] == "quote" else None)
        if k not in seen:
            seen.add(k)
            out.append(r)
    return out


def match_document(pred: list[dict], gold: list[dict], type_: str):
    """(matched pairs, unmatched predictions, unmatched gold) for one type in one document."""
    p = _dedupe([r for r in pred if r["type"] == type_])
    g = _dedupe([r for r in gold if r["type"] == type_])
    used, pairs, missed = set(), [], []
    # Gold records with a value first, so a valued prediction is not spent on a valueless one.
    for gr in sorted(g, key=lambda r: r.get("value") is None):
        hit = next((i for i, pr in enumerate(p) if i not in used and _matches(pr, gr)), None)
        if hit is None:
            missed.append(gr)
        else:
            used.add(hit)
            pairs.append((p[hit], gr))
    extra = [pr for i, pr in enumerate(p) if i not in used]
    return pairs, extra, missed


def _same_finding(pred: dict, gold: dict) -> bool:
    """The same municipality, arm, measure (and value, where the gold record has one)."""
    return ((_norm(pred.get("municipality")), pred.get("arm_type"), pred.get("measure"))
            == (_norm(gold.get("municipality")), gold.get("arm_type"), gold.get("measure"))
            and (gold.get("value") is None or _same_number(pred.get("value"), gold.get("value"))))


def _agrees(pred: dict, gold: dict) -> bool:
    """Direction equal, and significance too where both state it."""
    return pred.get("direction") == gold.get("direction") and (
        pred.get("significant") is None or gold.get("significant") is None
        or bool(pred["significant"]) == bool(gold["significant"]))


def contradictions(pred: list[dict], gold: list[dict]) -> list[dict]:
    """Predicted outcomes that state a finding of the gold with another direction or
    significance: worse than a missing record, since a reader takes them at their word."""
    gold_outcomes = [g for g in gold if g["type"] == "outcome"]
    out = []
    for p in (r for r in pred if r["type"] == "outcome"):
        same = [g for g in gold_outcomes if _same_finding(p, g)]
        if same and not any(_agrees(p, g) for g in same):
            out.append(p)
    return out


def score(predicted: dict[str, list[dict]], gold: dict[str, list[dict]]) -> dict:
    """Precision, recall and F1 per record type over the documents that have gold."""
    result = {}
    errors = []
    for t in TYPES:
        tp = fp = fn = 0
        for key in sorted(gold):
            pairs, extra, missed = match_document(predicted.get(key, []), gold[key], t)
            tp, fp, fn = tp + len(pairs), fp + len(extra), fn + len(missed)
            errors += [{"doc": key, "error": "false_positive", **_brief(r)} for r in extra]
            errors += [{"doc": key, "error": "missed", **_brief(r)} for r in missed]
        precision = tp / (tp + fp) if tp + fp else (1.0 if not fn else 0.0)
        recall = tp / (tp + fn) if tp + fn else 1.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        result[t] = {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4),
                     "tp": tp, "fp": fp, "fn": fn}
    contradicting = [(key, r) for key in sorted(gold) for r in contradictions(predicted.get(key, []), gold[key])]
    errors += [{"doc": key, "error": "contradicts_gold", **_brief(r)} for key, r in contradicting]
    return {"scores": result, "errors": errors, "documents": len(gold), "contradictions": len(contradicting),
            "unscored": sorted(set(predicted) - set(gold))}


def _brief(r: dict) -> dict:
    keep = ["type", "municipality", "name", "label", "arm_type", "n", "population", "measure",
            "direction", "significant", "value", "comparator", "speaker", "text", "evidence", "rule_id"]
    out = {k: r.get(k) for k in keep if r.get(k) is not None}
    if "text" in out and len(out["text"]) > 70:
        out["text"] = out["text"][:67] + "..."
    if "evidence" in out and len(out["evidence"]) > 90:
        out["evidence"] = out["evidence"][:87] + "..."
    return out


def format_table(result: dict) -> str:
    lines = [f"{'type':<13} {'precision':>9} {'recall':>7} {'f1':>6} {'tp':>4} {'fp':>4} {'fn':>4}"]
    for t, s in result["scores"].items():
        lines.append(f"{t:<13} {s['precision']:>9.3f} {s['recall']:>7.3f} {s['f1']:>6.3f} "
                     f"{s['tp']:>4} {s['fp']:>4} {s['fn']:>4}")
    lines.append(f"outcomes contradicting the gold (direction or significance): {result['contradictions']}")
    return "\n".join(lines)
