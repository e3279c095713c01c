"""Search in Dutch word forms: Snowball-stemmed text for the index and for queries.

`search_index` (+ `search_index_fts`) holds one row per document and per record, with a
Dutch one-line title, indexed as stemmed text so that `uitstromen` finds `uitstroom` and
`deelnemers` finds `deelnemer`. The site stems queries with the same `fts_query`, so index
and query can never disagree.
"""

from __future__ import annotations

import re
from functools import lru_cache

import sqlite_utils

from ..records import RECORD_TABLES
from .labels import describe

_WORD = re.compile(r"\w+", re.UNICODE)
_PHRASE = re.compile(r'"([^"]*)"|(\S+)')


@lru_cache(maxsize=1)
def _stemmer():
    import snowballstemmer

    # Snowball 3's "dutch" (Kraaij-Pohlmann) strips prefixes and over-stems: begeleiding ->
    # beleid, gezondheid -> zon. "dutch_porter" is the Dutch stemmer of Snowball 2: it
    # keeps those apart and still joins uitstromen/uitstroom, deelnemers/deelnemer.
    return snowballstemmer.stemmer("dutch_porter")


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    return _stemmer().stemWord(word.lower())


def stem_words(text: str) -> list[str]:
    """Lower-cased Snowball (Dutch) stems of the words of `text`, in order."""
    return [stem(w) for w in _WORD.findall(text or "")]


def stem_text(text: str) -> str:
    return " ".join(stem_words(text))


def fts_query(query: str) -> str | None:
    """A user's query as an FTS5 expression over stemmed text: every word must occur
    (in any form); words in "double quotes" must occur as a phrase. None if no words."""
    parts = []
    for phrase, word in _PHRASE.findall(query or ""):
        stems = stem_words(phrase or word)
        if stems:
            parts.append('"' + " ".join(stems) + '"')
    return " ".join(parts) or None


def _search_rows(db: sqlite_utils.Database):
    """(record_table, row, extra text) for every document and record, in a fixed order."""
    for row in db.query("select id, path, title, publisher, text, municipality_code from documents "
                        "where status = 'ok' order by id"):
        yield "documents", row, " ".join(filter(None, [row["title"], row["publisher"], row["text"]]))
    for table in RECORD_TABLES:
        for row in db.query(f"select * from [{table}] order by id"):
            extra = [row.get("evidence"), row.get("experiment"), row.get("municipality")]
            if table == "quotes":
                extra += [row["text"], row["speaker"], row["organisation"]]
            yield table, row, " ".join(filter(None, extra))


def build_search_index(db: sqlite_utils.Database) -> None:
    db.execute("DROP TABLE IF EXISTS search_index_fts")
    db.execute("DROP TABLE IF EXISTS search_index")
    db.execute("""CREATE TABLE search_index (
        id INTEGER PRIMARY KEY, record_table TEXT NOT NULL, record_id TEXT NOT NULL,
        document_id TEXT, municipality TEXT, experiment TEXT, title TEXT, body TEXT,
        start INTEGER, "end" INTEGER)""")
    # Contentless: the stemmed text is only needed for matching; pages show `body`.
    db.execute("CREATE VIRTUAL TABLE search_index_fts USING fts5(stemmed, content='', "
               "tokenize='unicode61 remove_diacritics 2')")
    municipality_names = {r["cbs_code"]: r["name"] for r in db.query("select cbs_code, name from municipalities")}
    rows, fts = [], []
    for i, (table, row, text) in enumerate(_search_rows(db), start=1):
        title = describe(table, row)
        is_doc = table == "documents"
        rows.append({
            "id": i, "record_table": table, "record_id": row["id"],
            "document_id": row["id"] if is_doc else row["document_id"],
            "municipality": municipality_names.get(row["municipality_code"]) if is_doc else row["municipality"],
            "experiment": None if is_doc else row.get("experiment") or row.get("name"),
            "title": title, "body": None if is_doc else row["evidence"],
            "start": None if is_doc else row["start"], "end": None if is_doc else row["end"],
        })
        fts.append((i, stem_text(title + " " + text)))
        if len(rows) >= 5000:
            _flush_search(db, rows, fts)
    _flush_search(db, rows, fts)
    db.execute("CREATE INDEX idx_search_index_record ON search_index(record_table, record_id)")
    db.execute("CREATE INDEX idx_search_index_document ON search_index(document_id, start)")


def _flush_search(db, rows: list, fts: list) -> None:
    with db.atomic():
        db["search_index"].insert_all(rows)
        db.conn.executemany("INSERT INTO search_index_fts(rowid, stemmed) VALUES (?, ?)", fts)
    rows.clear()
    fts.clear()
