"""Bounds that hold inside the site's own SQL functions and on what one query returns.

Datasette's time limit is a SQLite progress handler, called every 1000 virtual-machine
steps: a Python function (dutch_stem, printf, ...) runs unchecked inside one step, and a
query that calls it on a few hundred rows between two checks can run for many seconds.
Every site function is therefore `guarded`: its input has a length cap (one call stays
short) and, once the query's deadline has passed, it answers NULL at once, so the progress
handler stops the query at its next check with Datasette's own "took too long" error.
The deadline is the one Datasette sets (`sqlite_timelimit`, wrapped to remember it per
thread: a connection serves one query at a time in its thread).

`budget` makes a connection count the bytes of text and blobs one query returns and stop
it past RESULT_BUDGET: SQLite's length limit caps one value, not a page of them (80 rows
of a 31 MB blob took the server to 3 GB). Text is counted as each value is read (the text
factory), blobs per row (the row factory); only inside a time-limited query."""

from __future__ import annotations

import re
import sqlite3
import threading
import time
from contextlib import contextmanager

RESULT_BUDGET = 64_000_000  # bytes of text and blobs one query may return (a 25 MB document fits twice)
_query = threading.local()  # the running query's deadline and the bytes it returned


class TooBig(sqlite3.DataError):
    """A query's result, or one function's input, above the bounds."""


def install_deadline() -> None:
    """Make Datasette's time limit visible to the site's functions (Datasette 0.65 keeps
    the deadline in a closure: database.py calls utils.sqlite_timelimit for each query)."""
    import datasette.database as database

    original = database.sqlite_timelimit
    if getattr(original, "remembers_deadline", False):
        return

    @contextmanager
    def sqlite_timelimit(conn, ms):
        previous = getattr(_query, "at", None), getattr(_query, "spent", None)
        _query.at, _query.spent = time.perf_counter() + ms / 1000, 0
        try:
            with original(conn, ms):
                yield
        finally:
            _query.at, _query.spent = previous

    sqlite_timelimit.remembers_deadline = True
    database.sqlite_timelimit = sqlite_timelimit


def past_deadline() -> bool:
    at = getattr(_query, "at", None)
    return at is not None and time.perf_counter() >= at


def guarded(fn, max_chars: int, max_word: int | None = None):
    """`fn` as a SQL function: NULL once the query's deadline has passed, and TooBig for
    a text argument longer than `max_chars` or with a word longer than `max_word`."""
    long_word = re.compile(rf"\w{{{max_word + 1},}}") if max_word else None

    def call(*args):
        if past_deadline():
            return None
        for arg in args:
            if isinstance(arg, (str, bytes)) and len(arg) > max_chars:
                raise TooBig(f"function input above {max_chars} characters")
            if long_word is not None and isinstance(arg, str) and long_word.search(arg):
                raise TooBig(f"a word above {max_word} characters")
        return fn(*args)

    return call


def _count(size: int) -> None:
    spent = getattr(_query, "spent", None)
    if spent is None:  # not inside a time-limited query (Datasette's own introspection)
        return
    _query.spent = spent + size
    if _query.spent > RESULT_BUDGET:
        raise TooBig(f"result too big: above {RESULT_BUDGET // 1_000_000} MB")


def budget(conn) -> None:
    """Count what each time-limited query on `conn` returns against RESULT_BUDGET."""
    text_factory, row_factory = conn.text_factory, conn.row_factory

    def text(value: bytes):
        _count(len(value))
        return text_factory(value)

    def row(cursor, values):
        blobs = sum(len(v) for v in values if isinstance(v, bytes))
        if blobs:
            _count(blobs)
        return row_factory(cursor, values)

    conn.text_factory, conn.row_factory = text, row
