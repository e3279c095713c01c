"""The records a component finds, kept on the doc until `extract` turns them into rows."""

from __future__ import annotations

from spacy.tokens import Doc

from .span_keys import RECORDS


def add_record(doc: Doc, type_: str, start: int, end: int, rule_id: str, anchor: int | None = None,
               **fields) -> dict:
    """Attach a record to the doc; `start`/`end` are the evidence's character offsets."""
    record = {"type": type_, "start": start, "end": end, "rule_id": rule_id,
              "anchor": start if anchor is None else anchor, **fields}
    doc.user_data.setdefault(RECORDS, []).append(record)
    return record


def records(doc: Doc) -> list[dict]:
    return doc.user_data.get(RECORDS, [])
