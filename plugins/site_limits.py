"""Bounds on what one SQL query may build. Datasette's time limit is checked between
SQLite's steps, so a single step that makes a huge value ran unchecked: randomblob(2e8)
took 14 s, printf('%.*c', 1e9, 'x') 9 s. SQLite's own limits cap values and queries
(Connection.setlimit, Python 3.11+), and printf/format refuse giant widths, which SQLite
3.40 fills one character at a time whatever the length limit.

A query's whole result is bounded too (ingest/publish/bounds.py: RESULT_BUDGET bytes of
text and blobs, one page of 80 blobs of 31 MB took the server to 3 GB), and the site's
Python functions see the query's deadline (a Python function runs inside one SQLite step,
unseen by the time limit)."""

from __future__ import annotations

import re
import sqlite3
import threading

from datasette import hookimpl

from ingest.publish.bounds import budget, guarded, install_deadline

LIMITS = {
    "SQLITE_LIMIT_LENGTH": 32_000_000,  # one value: above the largest document text (25 MB input cap)
    "SQLITE_LIMIT_SQL_LENGTH": 100_000,  # the text of one query
    "SQLITE_LIMIT_LIKE_PATTERN_LENGTH": 500,
    "SQLITE_LIMIT_EXPR_DEPTH": 100,
    "SQLITE_LIMIT_COMPOUND_SELECT": 50,
    "SQLITE_LIMIT_FUNCTION_ARG": 32,
    "SQLITE_LIMIT_ATTACHED": 0,
    "SQLITE_LIMIT_COLUMN": 200,  # columns of one result (a row is read whole before it is counted)
}
MAX_WIDTH = 10_000  # printf width or precision
# All SQLite memory of the process: SQLite builds a whole row before Python sees it, and
# one row of 200 columns of 32 MB each would be 6 GB. Past it a query fails (MemoryError).
HEAP_LIMIT = 400_000_000
_SPEC = re.compile(r"%[-+ 0#,!]*(\*|\d*)(?:\.(\*|\d*))?")


def too_wide(fmt: str, args: tuple) -> bool:
    """Whether a printf format asks for a width or precision above MAX_WIDTH."""
    sizes = [s for spec in _SPEC.findall(fmt) for s in spec if s]
    if any(s.isdigit() and int(s) > MAX_WIDTH for s in sizes):
        return True
    return "*" in sizes and any(isinstance(a, (int, float)) and abs(a) > MAX_WIDTH for a in args)


def _bounded(name: str):
    """SQLite's own `name` (printf or format), run on a private connection, unless too wide."""
    helper = sqlite3.connect(":memory:", check_same_thread=False)
    lock = threading.Lock()

    def call(fmt, *args):
        if fmt is not None and too_wide(str(fmt), args):
            raise ValueError(f"{name}: width above {MAX_WIDTH}")
        with lock:
            return helper.execute(f"select {name}({', '.join('?' * (len(args) + 1))})", (fmt, *args)).fetchone()[0]

    return call


_PRINTF, _FORMAT = (guarded(_bounded(name), LIMITS["SQLITE_LIMIT_LENGTH"]) for name in ("printf", "format"))
install_deadline()


@hookimpl
def prepare_connection(conn):
    if hasattr(conn, "setlimit"):
        for limit, value in LIMITS.items():
            conn.setlimit(getattr(sqlite3, limit), value)
    conn.execute(f"pragma hard_heap_limit = {HEAP_LIMIT}")
    budget(conn)
    conn.create_function("printf", -1, _PRINTF, deterministic=True)
    conn.create_function("format", -1, _FORMAT, deterministic=True)
