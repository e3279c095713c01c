"""A build: read every document, extract its records, store them in a new SQLite file and
prepare what the site shows, then swap the file in with one atomic rename. A failed or
interrupted build leaves the previous database exactly as it was."""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass, field
from functools import partial
from itertools import chain
from pathlib import Path
from typing import Callable, Iterable, Iterator

import sqlite_utils

from . import publish, store
from .document import Document
from .errors import InputError, WouldShrink
from .extract import extract_documents
from .formats import iter_paths, read_path

BATCH = 200  # documents per transaction


@dataclass
class BuildReport:
    documents: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)
    duplicates: list[tuple[str, str]] = field(default_factory=list)
    records: dict[str, int] = field(default_factory=dict)


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


def _unique(documents: Iterable[Document], report: BuildReport) -> Iterator[Document]:
    seen: dict[str, str] = {}
    for document in documents:
        if document.id in seen:
            report.duplicates.append((document.path, seen[document.id]))
            continue
        seen[document.id] = document.path
        yield document


def write_documents(db: sqlite_utils.Database, documents: Iterable[Document], nlp, report: BuildReport,
                    progress=None) -> None:
    rows = store.Rows()
    for document, records in extract_documents(_unique(documents, report), nlp):
        rows.add(document, records)
        for r in records:
            report.records[r["type"]] = report.records.get(r["type"], 0) + 1
        report.documents += 1
        if progress:
            progress(document)
        if rows.documents >= BATCH:
            rows.flush(db)
    rows.flush(db)


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
    from .scrape.archive import Archive

    # Opened first: a missing archive fails before the old database is touched.
    archived = Archive(archive, create=False) if archive else None
    target = Path(db_path)
    target.parent.mkdir(parents=True, exist_ok=True)
    for stale in target.parent.glob(f".build-*-{target.name}"):
        stale.unlink(missing_ok=True)  # left by a build that was killed
    tmp = target.parent / f".build-{os.getpid()}-{target.name}"
    report = BuildReport()
    try:
        db = store.create(tmp)
        write_documents(db, read_documents(paths, report, on_failure, archived), nlp, report, progress)
        store.write_failed(db, report.failed)
        store.index_text(db)
        publish.prepare(db)
        store.close(db)
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
