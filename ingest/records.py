"""The record types of EVIDENCE_FORMAT.md, declared once.

Every stage that treats the types differently reads this table instead of switching on
the type: extraction (fields, folding), the database (table, experiment link, full-text
columns), evaluation (the gold matching key), the command line (one-line summary) and
the site (Dutch label).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from .nlp.experiments import normalise


@dataclass(frozen=True)
class RecordType:
    name: str  # the `type` of EVIDENCE_FORMAT.md
    table: str  # the database table
    fields: tuple[str, ...]  # the type's own fields, in the order of EVIDENCE_FORMAT.md
    fold_key: Callable[[dict], tuple]  # records of one document with this key state one fact
    gold_key: tuple[str, ...]  # fields a prediction must share with a gold record (municipality
    # and name compared without case and punctuation); empty: matched otherwise (quotes)
    summary: Callable[[dict], str]  # the record's own fields on one line (`evidence extract`)
    label: str  # the Dutch word the site uses
    fts: tuple[str, ...]  # columns of the table's full-text index
    has_experiment: bool  # rows carry the experiment of their municipality in the document
    stored: tuple[str, ...] = ()  # what the database keeps beside the fields (not in `extract --jsonl`)


def _outcome_summary(r: dict) -> str:
    return " ".join(str(x) for x in (
        r["measure"], r["direction"], r["arm_type"] or "-",
        f"{r['value']} {r['unit']}" if r["value"] is not None else "",
        f"vs {r['comparator']}" if r["comparator"] else "") if x)


RECORD_TYPES: dict[str, RecordType] = {t.name: t for t in [
    RecordType("municipality", "municipality_mentions", ("cbs_code",),
               lambda r: (r["municipality"],), ("municipality",),
               lambda r: str(r.get("cbs_code")), "genoemde gemeente", ("evidence",), False),
    RecordType("experiment", "experiments", ("name",),
               lambda r: (normalise(r["name"]),), ("name",),
               lambda r: r["name"], "experiment", ("name", "evidence"), False),
    RecordType("arm", "arms", ("label", "arm_type"),
               lambda r: (r["municipality"], r["arm_type"], r["label"].lower()), ("municipality", "arm_type"),
               lambda r: f"{r['label']} [{r['arm_type']}]", "groep", ("label", "evidence"), True),
    RecordType("sample_size", "sample_sizes", ("n", "population", "arm_type"),
               lambda r: (r["municipality"], r["n"], r["population"], r["arm_type"]),
               ("municipality", "n", "population"),
               lambda r: f"n={r['n']} {r['population']}" + (f" [{r['arm_type']}]" if r["arm_type"] else ""),
               "aantal", ("evidence",), True),
    RecordType("outcome", "outcomes", ("measure", "arm_type", "direction", "value", "unit", "comparator",
                                       "comparator_value", "ratio", "significant"),
               lambda r: (r["municipality"], r["arm_type"], r["measure"], r["direction"], r["value"]),
               ("municipality", "arm_type", "measure", "direction"),
               _outcome_summary, "uitkomst", ("evidence", "measure", "municipality"), True),
    RecordType("quote", "quotes", ("text", "speaker", "role", "organisation"),
               lambda r: (r["text"],), (),
               lambda r: f"{r['speaker']} ({r['role']}): {r['text'][:80]}", "citaat",
               ("text", "speaker", "evidence"), True, stored=("quote_start", "quote_end")),
]}
TYPES = list(RECORD_TYPES)  # the order records of one place are listed in
# The order the site lists record tables in (search results, record pages)
RECORD_TABLES = [RECORD_TYPES[t].table for t in ("outcome", "sample_size", "quote", "arm", "experiment",
                                                   "municipality")]
