"""The database shape (`db/schema.sql`, the CBS reference list) and the rows written into
it, with sqlite-utils. `build.py` decides when; this module only knows what goes where."""

from __future__ import annotations

import csv
import os
from pathlib import Path

import sqlite_utils

from . import EXTRACTOR_VERSION
from .document import Document, short_id
from .records import RECORD_TYPES
from .shipped import shipped

SCHEMA = shipped("db/schema.sql")
REFERENCE = shipped("db/municipalities.csv")
TABLES = {t.name: t.table for t in RECORD_TYPES.values()}
FTS = {"documents": ["title", "text"], **{t.table: list(t.fts) for t in RECORD_TYPES.values()}}


def create_schema(db: sqlite_utils.Database) -> None:
    db.conn.executescript(SCHEMA.read_text(encoding="utf-8"))


def load_municipalities(db: sqlite_utils.Database) -> None:
    with open(REFERENCE, encoding="utf-8", newline="") as f:
        rows = []
        for row in csv.DictReader(f):
            for key in ("valid_from", "valid_to"):
                row[key] = int(row[key]) if row[key] else None
            for key in ("lat", "lon"):
                row[key] = float(row[key]) if row[key] else None
            row["merged_into"] = row["merged_into"] or None
            rows.append(row)
    db["municipalities"].upsert_all(rows, pk="cbs_code")


def create(path: str | os.PathLike) -> sqlite_utils.Database:
    """A new database at `path` with the schema and the reference list, written without a
    journal: the file is not live until the build swaps it in."""
    db = sqlite_utils.Database(path)
    db.execute("PRAGMA journal_mode = OFF")
    db.execute("PRAGMA synchronous = OFF")
    create_schema(db)
    load_municipalities(db)
    return db


def document_row(document: Document, n_records: int, municipality_code: str | None) -> dict:
    return {
        "id": document.id, "path": document.path, "title": document.title,
        "source_url": document.source_url, "publisher": document.publisher, "author": document.author,
        "published": document.published,
        "year": int(document.published[:4]) if document.published else None,
        "fetched": document.fetched, "archive_ref": document.archive_ref,
        "format": document.format, "content_hash": document.content_hash, "status": "ok",
        "error": None, "n_records": n_records, "n_chars": len(document.text),
        "municipality_code": municipality_code, "extractor_version": EXTRACTOR_VERSION,
        "text": document.text,
    }


def failed_row(path: str, reason: str) -> dict:
    return {"id": short_id("failed", path), "path": path, "status": "failed", "error": reason,
            "n_records": 0, "format": Path(path).suffix.lstrip(".").lower() or None,
            "extractor_version": EXTRACTOR_VERSION}


def record_row(document: Document, record: dict) -> dict:
    row = {k: v for k, v in record.items() if not k.startswith("_") and k not in ("doc", "type", "cbs_code")}
    row["document_id"] = document.id
    row["page"] = document.page_at(record["start"])
    row["municipality_code"] = record["_cbs_code"]
    kind = RECORD_TYPES[record["type"]]
    for field in kind.stored:
        row[field] = record["_" + field]
    if kind.has_experiment:
        row["experiment"] = record["_experiment"]
    return row


class Rows:
    """The rows of the documents read since the last flush, per table."""

    def __init__(self):
        self.docs: list[dict] = []
        self.records: dict[str, list[dict]] = {table: [] for table in TABLES.values()}

    @property
    def documents(self) -> int:
        return len(self.docs)

    def add(self, document: Document, records: list[dict]) -> None:
        main = next((r["_cbs_code"] for r in records if r["type"] == "municipality"), None)
        self.docs.append(document_row(document, len(records), main))
        for r in records:
            self.records[TABLES[r["type"]]].append(record_row(document, r))

    def flush(self, db: sqlite_utils.Database) -> None:
        with db.atomic():
            if self.docs:
                db["documents"].upsert_all(self.docs, pk="id")
            for table, rows in self.records.items():
                if rows:
                    db[table].upsert_all(rows, pk="id")
        self.docs.clear()
        for rows in self.records.values():
            rows.clear()


def write_failed(db: sqlite_utils.Database, failed: list[tuple[str, str]]) -> None:
    """The documents that could not be read, as rows with status `failed` and their error."""
    if failed:
        db["documents"].upsert_all([failed_row(path, reason) for path, reason in failed], pk="id")


def index_text(db: sqlite_utils.Database) -> None:
    """Full-text search over the tables, once the rows are in."""
    for table, columns in FTS.items():
        if not db[table].detect_fts():
            db[table].enable_fts(columns, create_triggers=False, tokenize="unicode61 remove_diacritics 2")
        else:
            db[table].rebuild_fts()


def close(db: sqlite_utils.Database) -> None:
    """Statistics for the query planner, then the file committed and on disk."""
    db.execute("ANALYZE")
    db.conn.commit()
    path = db.conn.execute("PRAGMA database_list").fetchone()[2]
    db.close()
    with open(path, "rb+") as f:
        os.fsync(f.fileno())
