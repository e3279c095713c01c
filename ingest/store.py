"""Writing the evidence database with sqlite-utils.

A build writes a new file next to the target and swaps it in with one atomic rename:
a failed or interrupted build leaves the previous database exactly as it was.
"""

from __future__ import annotations

import csv
import os
import sqlite3
import sys
from dataclasses import dataclass, field
from functools import partial
from itertools import chain
from pathlib import Path
from typing import Callable, Iterable, Iterator

import sqlite_utils

from . import EXTRACTOR_VERSION
from .document import Document, short_id
from .errors import InputError, WouldShrink
from .extract import extract_documents
from .formats import iter_paths, read_path

ROOT = Path(__file__).resolve().parents[1]
SCHEMA = ROOT / "db" / "schema.sql"
REFERENCE = ROOT / "db" / "municipalities.csv"
TABLES = {
    "municipality": "municipality_mentions",
    "experiment": "experiments",
    "arm": "arms",
    "sample_size": "sample_sizes",
    "outcome": "outcomes",
    "quote": "quotes",
}
FTS = {
    "documents": ["title", "text"],
    "quotes": ["text", "speaker", "evidence"],
    "outcomes": ["evidence", "measure", "municipality"],
    "experiments": ["name", "evidence"],
    "arms": ["label", "evidence"],
    "sample_sizes": ["evidence"],
    "municipality_mentions": ["evidence"],
}


@dataclass
class BuildReport:
    documents: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)
    duplicates: list[tuple[str, str]] = field(default_factory=list)
    records: dict[str, int] = field(default_factory=dict)


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


def _document_row(document: Document, n_records: int, municipality_code: str | None) -> dict:
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


def _failed_row(path: str, reason: str) -> dict:
    return {"id": short_id("failed", path), "path": path, "status": "failed", "error": reason,
            "n_records": 0, "format": Path(path).suffix.lstrip(".").lower() or None,
            "extractor_version": EXTRACTOR_VERSION}


def _record_row(document: Document, record: dict, experiments: dict) -> dict:
    row = {k: v for k, v in record.items() if not k.startswith("_") and k not in ("doc", "type", "cbs_code")}
    row["document_id"] = document.id
    row["page"] = document.page_at(record["start"])
    row["municipality_code"] = record["_cbs_code"]
    if record["type"] == "quote":
        row["quote_start"], row["quote_end"] = record["_quote_start"], record["_quote_end"]
    if record["type"] in ("arm", "sample_size", "outcome", "quote"):
        row["experiment"] = experiments.get(record["municipality"])
    if record["type"] == "outcome" and row.get("significant") is not None:
        row["significant"] = int(row["significant"])
    return row


def read_documents(paths: Iterable[str], report: BuildReport, on_failure: Callable,
                   archive=None) -> Iterator[Document]:
    """Read every file, then every document kept in `archive` (an Archive, if given);
    one that cannot be read is reported and skipped."""
    inputs = ((path, partial(read_path, path)) for path in iter_paths(paths))
    if archive is not None:
        inputs = chain(inputs, archive.document_readers())
    for name, read in inputs:
        try:
            yield read()
        except InputError as e:
            report.failed.append((name, e.reason))
            on_failure(name, e.reason)


def write_documents(db, documents: Iterable[Document], nlp, report: BuildReport, progress=None):
    seen: dict[str, str] = {}
    batch: dict[str, list] = {t: [] for t in TABLES.values()}
    docs_batch = []
    for document, records in extract_documents(_unique(documents, seen, report), nlp):
        experiments = {}
        for r in records:
            if r["type"] == "experiment":
                experiments.setdefault(r["municipality"], r["name"])
        main = next((r["_cbs_code"] for r in records if r["type"] == "municipality"), None)
        docs_batch.append(_document_row(document, len(records), main))
        for r in records:
            batch[TABLES[r["type"]]].append(_record_row(document, r, experiments))
            report.records[r["type"]] = report.records.get(r["type"], 0) + 1
        report.documents += 1
        if progress:
            progress(document)
        if len(docs_batch) >= 200:
            _flush(db, docs_batch, batch)
    _flush(db, docs_batch, batch)


def _unique(documents, seen, report):
    for document in documents:
        if document.id in seen:
            report.duplicates.append((document.path, seen[document.id]))
            continue
        seen[document.id] = document.path
        yield document


def _flush(db, docs_batch: list, batch: dict) -> None:
    with db.atomic():
        if docs_batch:
            db["documents"].upsert_all(docs_batch, pk="id")
        for table, rows in batch.items():
            if rows:
                db[table].upsert_all(rows, pk="id")
    docs_batch.clear()
    for rows in batch.values():
        rows.clear()


def finish(db: sqlite_utils.Database) -> None:
    """Full-text search and statistics, once the rows are in."""
    for table, columns in FTS.items():
        if not db[table].detect_fts():
            db[table].enable_fts(columns, create_triggers=False, tokenize="unicode61 remove_diacritics 2")
        else:
            db[table].rebuild_fts()
    from .publish import prepare

    prepare(db)
    db.execute("ANALYZE")


def readable_documents(db_path: str | os.PathLike) -> int:
    """How many documents the database at `db_path` could read (0 if there is none, or no database)."""
    if not Path(db_path).is_file():
        return 0
    try:
        conn = sqlite3.connect(f"file:{Path(db_path).resolve()}?mode=ro", uri=True)
        try:
            return conn.execute("SELECT count(*) FROM documents WHERE status = 'ok'").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.Error:
        return 0


def build(paths: list[str], db_path: str, nlp, progress=None,
          on_failure: Callable = lambda path, reason: None, archive: str | None = None,
          keep_larger: bool = False) -> BuildReport:
    """Read, extract and write a new database at `db_path`, replacing the old one atomically.

    `archive` is a scrape archive folder whose kept documents are read after `paths`;
    it is only read, so a build needs no network. With `keep_larger`, a new database
    with fewer readable documents than the old one is not swapped in (WouldShrink).
    """
    from .archive import Archive

    # Opened first: a missing archive fails before the old database is touched.
    archived = Archive(archive, create=False) if archive else None
    target = Path(db_path)
    target.parent.mkdir(parents=True, exist_ok=True)
    for stale in target.parent.glob(f".build-*-{target.name}"):
        stale.unlink(missing_ok=True)  # left by a build that was killed
    tmp = target.parent / f".build-{os.getpid()}-{target.name}"
    report = BuildReport()
    try:
        db = sqlite_utils.Database(tmp)
        db.execute("PRAGMA journal_mode = OFF")
        db.execute("PRAGMA synchronous = OFF")
        create_schema(db)
        load_municipalities(db)
        write_documents(db, read_documents(paths, report, on_failure, archived), nlp, report, progress)
        failed_rows = [_failed_row(path, reason) for path, reason in report.failed]
        if failed_rows:
            db["documents"].upsert_all(failed_rows, pk="id")
        finish(db)
        db.conn.commit()
        db.close()
        with open(tmp, "rb+") as f:
            os.fsync(f.fileno())
        old = readable_documents(target) if keep_larger else 0
        if report.documents < old:
            raise WouldShrink(f"{target}: the new database would hold {report.documents} readable "
                              f"document{'s' * (report.documents != 1)}, fewer than the {old} of the current one")
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    finally:
        if archived is not None:
            archived.close()
    return report


def eprint(*args) -> None:
    print(*args, file=sys.stderr)
