"""Derived tables and indexes the published site needs, made at the end of every build."""

from __future__ import annotations

import sqlite_utils


def prepare(db: sqlite_utils.Database) -> None:
    """Called by store.build once all rows are written, before the database is swapped in."""
