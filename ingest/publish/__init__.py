"""What the published site shows, made at the end of every build and read by its pages.

- `labels`: the Dutch words for codes and columns, numbers and one-line descriptions;
- `search`: Dutch stemming for the search index and for queries;
- `claims`: judging a claim against the records of every source;
- `web`: what the site's pages share;
- `prepare(db)`: the derived tables (labels, the search index) and an index per facet
  column, so facet counts stay fast on a large database.

Everything `prepare` writes is derived from the rows alone: a rebuild gives the same tables.
"""

from __future__ import annotations

import sqlite_utils

from .labels import LABELS
from .search import build_search_index

# Facet columns per table; each gets an index so facet counts do not scan the rows. The
# index also holds the columns the joined filters go through (province via
# municipality_code, publisher and year via document_id): a facet under such a filter is
# then counted from the index alone (on 100k records: 470 ms -> 57 ms for all facets of
# outcomes under _province).
FACET_INDEXES = {
    "outcomes": ["municipality", "municipality_code", "experiment", "arm_type", "measure", "direction", "comparator",
                 "significant"],
    "quotes": ["role", "municipality", "municipality_code", "experiment", "organisation"],
    "arms": ["municipality", "municipality_code", "arm_type", "experiment"],
    "sample_sizes": ["municipality", "municipality_code", "population", "arm_type", "experiment"],
    "experiments": ["municipality", "municipality_code", "name"],
    "municipality_mentions": ["municipality", "municipality_code"],
    "documents": ["publisher", "year", "format", "municipality_code"],
}


def write_labels(db: sqlite_utils.Database) -> None:
    rows = [{"kind": kind, "code": code, "label": text}
            for kind, codes in LABELS.items() for code, text in codes.items()]
    db["labels"].insert_all(rows, pk=("kind", "code"), replace=True)


def create_facet_indexes(db: sqlite_utils.Database) -> None:
    for table, columns in FACET_INDEXES.items():
        joined = ["municipality_code"] + ([] if table == "documents" else ["document_id"])
        for column in columns:
            covered = ", ".join(f"[{c}]" for c in dict.fromkeys([column, *joined]))
            db.execute(f"CREATE INDEX IF NOT EXISTS idx_{table}_{column} ON [{table}]({covered})")


def prepare(db: sqlite_utils.Database) -> None:
    """Called by store.build once all rows are written, before the database is swapped in."""
    write_labels(db)
    build_search_index(db)
    create_facet_indexes(db)
