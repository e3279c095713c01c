"""Bounds on what one SQL query may build. Datasette's time limit is checked between
SQLite's steps, so a single step that makes a huge value ran unchecked: randomblob(2e8)
took 14 s, printf('%.*c', 1e9, 'x') 9 s. SQLite's own limits cap values and queries
(Connection.setlimit, Python 3.11+), and printf/format refuse giant widths, which SQLite
3.40 fills one character at a time whatever the length limit."""

from __future__ import annotations

import re
import sqlite3
import threading

from datasette import hookimpl

LIMITS = {
    "SQLITE_LIMIT_LENGTH": 32_000_000,  # one value: above the largest document text (25 MB input cap)
    "SQLITE_LIMIT_SQL_LENGTH": 100_000,  # the text of one query
    "SQLITE_LIMIT_LIKE_PATTERN_LENGTH": 500,
    "SQLITE_LIMIT_EXPR_DEPTH": 100,
    "SQLITE_LIMIT_COMPOUND_SELECT": 50,
    "SQLITE_LIMIT_FUNCTION_ARG": 32,
    "SQLITE_LIMIT_ATTACHED": 0,
}
MAX_WIDTH = 10_000  # printf width or precision
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


_PRINTF, _FORMAT = _bounded("printf"), _bounded("format")


@hookimpl
def prepare_connection(conn):
    if hasattr(conn, "setlimit"):
        for limit, value in LIMITS.items():
            conn.setlimit(getattr(sqlite3, limit), value)
    conn.create_function("printf", -1, _PRINTF, deterministic=True)
    conn.create_function("format", -1, _FORMAT, deterministic=True)
