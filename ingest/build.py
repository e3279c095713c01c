"""A build: read every document, extract its records, store them in a new SQLite file and
prepare what the site shows, then swap the file in with one atomic rename. A failed or
interrupted build leaves the previous database exactly as it was."""

from __future__ import annotations

import fcntl
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
from .errors import BuildLocked, InputError, NothingToBuild, WouldShrink
from .extract import extract_documents
from .formats import display_name, iter_paths, read_path

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
            _failed(report, on_failure, name, e.reason)
        except Exception as e:  # a parser's own bug or limit: this document fails, the build goes on
            _failed(report, on_failure, name, f"read: {type(e).__name__}: {e}"[:500])


def _failed(report: BuildReport, on_failure: Callable, name: str, reason: str) -> None:
    name = display_name(name)
    report.failed.append((name, reason))
    on_failure(name, reason)


def _unique(documents: Iterable[Document], report: BuildReport) -> Iterator[Document]:
    seen: dict[str, str] = {}
    for document in documents:
        if document.id in seen:
            report.duplicates.append((document.path, seen[document.id]))
            continue
        seen[document.id] = document.path
        yield document


def check_paths(paths: Iterable[str]) -> None:
    """Every path given must exist: a typo is an error, not an empty build."""
    missing = [display_name(p) for p in paths if not os.path.lexists(p)]
    if missing:
        raise NothingToBuild(f"{missing[0]}: no such file or folder; nothing was read")


def extracted(paths: Iterable[str], nlp, report: BuildReport, on_failure: Callable, archive=None,
              unique: bool = False) -> Iterator[tuple[Document, list[dict]]]:
    """Every readable document of `paths` (and `archive`) with its records. A document that
    fails to be read or extracted is reported, counted in `report.failed`, and skipped;
    with `unique`, so is a second copy of the same bytes (`report.duplicates`)."""
    documents = read_documents(paths, report, on_failure, archive)
    if unique:
        documents = _unique(documents, report)

    def failed(document: Document, reason: str) -> None:
        _failed(report, on_failure, document.path, reason)

    yield from extract_documents(documents, nlp, on_failure=failed)


def write_documents(db: sqlite_utils.Database, extracted_documents: Iterable[tuple[Document, list[dict]]],
                    report: BuildReport, progress=None) -> None:
    rows = store.Rows()
    for document, records in extracted_documents:
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
          keep_larger: bool = True) -> BuildReport:
    """Read, extract and write a new database at `db_path`, replacing the old one atomically.

    `archive` is a scrape archive folder whose kept documents are read after `paths`;
    it is only read, so a build needs no network. A build with no readable document
    (NothingToBuild) and, with `keep_larger`, one with fewer readable documents than the
    old database (WouldShrink) are not swapped in. One build at a time writes a database
    (BuildLocked); whatever ends a build, its temporary file goes with it.
    """
    from .scrape.archive import Archive

    check_paths(paths)
    # Opened first: a missing archive fails before the old database is touched.
    archived = Archive(archive, create=False) if archive else None
    target = Path(db_path)
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        with _lock(target):
            return _build(paths, target, nlp, progress, on_failure, archived, keep_larger)
    finally:
        if archived is not None:
            archived.close()


class _lock:
    """An exclusive lock on `.NAME.lock` beside the database, held for the whole build; the
    kernel drops it when the process ends, however it ends."""

    def __init__(self, target: Path):
        self.target, self.path = target, target.parent / f".{target.name}.lock"

    def __enter__(self):
        self.file = open(self.path, "a+")
        try:
            fcntl.flock(self.file, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            self.file.close()
            raise BuildLocked(f"{self.target}: another build is writing this database; "
                              "wait for it to finish, or build to another --db") from None

    def __exit__(self, *exc):
        self.file.close()  # releases the lock


def _build(paths, target: Path, nlp, progress, on_failure, archived, keep_larger: bool) -> BuildReport:
    for stale in target.parent.glob(f".build-*-{target.name}"):
        stale.unlink(missing_ok=True)  # left by a build that was killed (we hold the lock)
    tmp = target.parent / f".build-{os.getpid()}-{target.name}"
    report = BuildReport()
    try:
        db = store.create(tmp)
        write_documents(db, extracted(paths, nlp, report, on_failure, archived, unique=True), report, progress)
        store.write_failed(db, report.failed)
        store.index_text(db)
        publish.prepare(db)
        store.close(db)
        old = readable_documents(target) if keep_larger else 0
        if report.documents < old:
            raise WouldShrink(f"{target}: the new database would hold {report.documents} readable "
                              f"document{'s' * (report.documents != 1)}, fewer than the {old} of the current one")
        if report.documents == 0 and keep_larger:
            n = len(report.failed)
            raise NothingToBuild((f"none of the {n} documents of the input could be read" if n > 1 else
                                  "the one document of the input could not be read" if n else
                                  "the input holds no document (.txt, .html or .pdf)")
                                 + f"; {target} was not written")
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return report
