"""Browsing the record tables in Dutch: readable labels for codes (cells, facets, column
headers), facets that need a join (province via the municipality, publisher and year via
the source document), the template helpers every page uses, the `dutch_stem` SQL
functions for search in canned queries, and metadata.yml applied to the served database
whatever its file is called."""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlencode

import markupsafe
from datasette import hookimpl
from datasette.facets import Facet
from datasette.filters import FilterArguments
from datasette.utils import path_with_added_args, path_with_removed_args

from ingest.publish.bounds import guarded
from ingest.publish.labels import LABELS, describe, label, number
from ingest.publish.search import fts_query, stem_text
from ingest.publish.web import web_link
from ingest.records import RECORD_TABLES

METADATA_DB = "evidence"  # the database's key in metadata.yml
CODED = {"arm_type", "measure", "direction", "comparator", "role", "population", "unit", "status", "format"}
SITE_TABLES = set(RECORD_TABLES) | {"documents", "municipalities", "search_index", "labels"}
DESCRIBED = set(RECORD_TABLES) | {"documents"}

# Facets through a join: query-string argument, the column the record table joins on, the
# filter's WHERE clause, the joined value and the join. The argument filters the table;
# the facet counts the joined value.
JOINED = {
    "province": ("_province", "municipality_code",
                 "municipality_code IN (SELECT cbs_code FROM municipalities WHERE province = :{p})",
                 "j.province", "JOIN municipalities j ON j.cbs_code = t.municipality_code"),
    "publisher": ("_publisher", "document_id",
                  "document_id IN (SELECT id FROM documents WHERE publisher = :{p})",
                  "j.publisher", "JOIN documents j ON j.id = t.document_id"),
    "year": ("_year", "document_id",
             "document_id IN (SELECT id FROM documents WHERE year = :{p})",
             "j.year", "JOIN documents j ON j.id = t.document_id"),
}

# Datasette's filter operators, in Dutch.
LOOKUPS = {
    "exact": "=", "not": "≠", "contains": "bevat", "endswith": "eindigt op", "startswith": "begint met",
    "gt": ">", "gte": "≥", "lt": "<", "lte": "≤", "like": "lijkt op (like)", "notlike": "lijkt niet op",
    "glob": "patroon (glob)", "in": "is een van", "notin": "is geen van", "arraycontains": "lijst bevat",
    "arraynotcontains": "lijst bevat niet", "date": "datum", "isnull": "is leeg", "notnull": "is niet leeg",
    "isblank": "is leeg of blanco", "notblank": "is niet leeg of blanco",
}

# Input caps of the SQL functions: one call stays short (tens of milliseconds)
STEM_CHARS = 1_000_000  # dutch_stem: about 50 ms of Dutch text
QUERY_CHARS = 10_000  # dutch_fts_query: a search, not a document
WORD_CHARS = 1_000  # the stemmer is quadratic in a word's length (a 1 MB word: 3.5 s)

# Canned queries return site paths in these columns; they are shown as links.
LINK_TEXT = {"context": "in context", "citeren": "BibTeX"}

NAV = [("/-/search", "Zoeken"), ("/-/claim", "Bewering checken"), ("/-/map", "Kaart"),
       ("/-/chart", "Grafiek"), ("/{db}/outcomes", "Uitkomsten"), ("/{db}/quotes", "Citaten"),
       ("/{db}/documents", "Documenten"), ("/{db}#queries", "Vragen")]


# Where a column name means something else in one table than in the others
TABLE_COLUMNS = {"labels": {"label": "wat de site toont"}}


def column_label(column: str, table: str | None = None) -> str:
    if column in TABLE_COLUMNS.get(table, {}):
        return TABLE_COLUMNS[table][column]
    return label("column", column) if column in LABELS["column"] else column


def code_label(column: str, value) -> str:
    if column == "significant":
        return label("significant", value)
    if column in CODED:
        return label(column, value)
    return "niet vermeld" if value is None or value == "" else str(value)


def _has_column(table: str, column: str) -> bool:
    """Whether `table` has the column a joined facet goes through."""
    if table == "documents":
        return column == "municipality_code"
    return table in RECORD_TABLES and column in ("municipality_code", "document_id")


@hookimpl
def startup(datasette):
    """metadata.yml describes the database as `evidence` (titles, facets, canned queries),
    but Datasette names a database after its file: the one database served gets that
    description whatever its file is called (`evidence serve --db /tmp/audit.db`)."""
    served = [name for name in datasette.databases if name != "_internal"]
    # Datasette 0.65 has no public way to re-key metadata; _metadata_local is what
    # --metadata loaded, and every metadata lookup reads it.
    databases = datasette._metadata_local.get("databases") or {}
    if len(served) == 1 and served[0] not in databases and METADATA_DB in databases:
        databases[served[0]] = databases.pop(METADATA_DB)


def tolerant_search(query_string: bytes) -> bytes:
    """A table's `_search` with an odd number of double quotes loses its quotes, and one
    without a word is dropped: Datasette's escaping turns both into an FTS5 syntax error."""
    args = parse_qsl(query_string.decode("latin-1"), keep_blank_values=True)
    kept = []
    for key, value in args:
        if key.startswith("_search") and key != "_searchmode":
            if value.count('"') % 2:
                value = value.replace('"', " ")
            if not re.search(r"\w", value):
                continue
        kept.append((key, value))
    return urlencode(kept, encoding="latin-1").encode("latin-1") if kept != args else query_string


@hookimpl
def asgi_wrapper(datasette):
    def wrap(app):
        async def search_tolerant_app(scope, receive, send):
            if scope["type"] == "http" and b"_search" in scope.get("query_string", b""):
                scope = dict(scope, query_string=tolerant_search(scope["query_string"]))
            await app(scope, receive, send)
        return search_tolerant_app
    return wrap


@hookimpl
def prepare_connection(conn):
    # For canned queries: ... WHERE search_index_fts MATCH dutch_fts_query(:q). Bounded
    # (ingest/publish/bounds.py): the stemmer takes seconds on one giant word or text, and
    # the time limit cannot stop it inside one call.
    conn.create_function("dutch_stem", 1, guarded(stem_text, STEM_CHARS, WORD_CHARS), deterministic=True)
    conn.create_function("dutch_fts_query", 1, guarded(fts_query, QUERY_CHARS, WORD_CHARS), deterministic=True)
    # The title every page gives a document, for canned queries: document_title(title, path)
    conn.create_function("document_title", 2, guarded(lambda title, path: describe(
        "documents", {"title": title, "path": path, "id": ""}), STEM_CHARS), deterministic=True)


@hookimpl
def render_cell(row, value, column, table, database, datasette):
    if table is not None and table not in SITE_TABLES:
        return None
    if isinstance(value, str) and value.startswith("/-/") and column in LINK_TEXT:
        return markupsafe.Markup('<a href="{}">{}</a>').format(datasette.urls.path(value), LINK_TEXT[column])
    if column == "document_id" and isinstance(value, dict) and not value.get("label"):
        # an expanded link to a document without a title: named as everywhere else, not "None"
        href = datasette.urls.row(database, "documents", value["value"])
        return markupsafe.Markup('<a href="{}">{}</a>').format(
            href, describe("documents", {"title": None, "path": None, "id": value["value"]}))
    if column == "document_id" and table is None and value:
        href = datasette.urls.row(datasette.get_database().name, "documents", value)
        return markupsafe.Markup('<a href="{}">{}</a>').format(href, value)
    if column == "evidence" and table in RECORD_TABLES and value is not None:
        href = datasette.urls.path(f"/-/record/{table}/{row['id']}")
        return markupsafe.Markup('{} <a class="context-link" href="{}">in context&nbsp;→</a>').format(value, href)
    if column in CODED or (column == "significant" and table in (None, "outcomes")):
        if value is None or value == "":
            return None
        return markupsafe.Markup('<span class="code" title="code: {}">{}</span>').format(
            value, code_label(column, value))
    if column in ("value", "comparator_value", "ratio", "n") and isinstance(value, (int, float)):
        return number(value)
    return None


@hookimpl
def filters_from_request(request, database, table, datasette):
    wheres, params, human = [], {}, []
    for name, (arg, via, where, _, _) in JOINED.items():
        value = request.args.get(arg)
        if value is None or not _has_column(table, via):
            continue
        param = f"p_{name}"
        wheres.append(where.format(p=param))
        params[param] = value
        human.append(f"{column_label(name)} is {value}")
    if wheres:
        return FilterArguments(wheres, params, human, {"joined_filters": human})
    return None


class JoinedFacet(Facet):
    """Counts of a value reached through a join (province, publisher, year); configured in
    metadata.yml as {joined: province}."""

    type = "joined"

    async def suggest(self):
        return []

    async def facet_results(self):
        results, timed_out = [], []
        size = self.get_facet_size()
        for source_and_config in self.get_configs():
            name = source_and_config["config"]["simple"]
            if name not in JOINED or not _has_column(self.table, JOINED[name][1]):
                continue
            arg, via, _, value, join = JOINED[name]
            # Counted per join key first (from the facet index), then joined: a few hundred
            # rows to join instead of every row. Spelled out: "value" alone would be the
            # outcomes column of that name.
            sql = (f"SELECT {value} AS facet_value, sum(t.n) AS facet_count "
                   f"FROM (SELECT {via}, count(*) AS n FROM ({self.sql}) GROUP BY {via}) t {join} "
                   f"WHERE {value} IS NOT NULL GROUP BY {value} ORDER BY facet_count DESC, {value} "
                   f"LIMIT {size + 1}")
            try:
                rows = await self.ds.execute(self.database, sql, self.params, truncate=False,
                                             custom_time_limit=self.ds.setting("facet_time_limit_ms"))
            except Exception:  # QueryInterrupted, or a table without the join column
                timed_out.append(name)
                continue
            chosen = self.request.args.get(arg)
            values = []
            for row in rows.rows[:size]:
                selected = chosen is not None and str(row["facet_value"]) == chosen
                path = (path_with_removed_args(self.request, {arg: chosen}) if selected
                        else path_with_added_args(self.request, {arg: row["facet_value"]}))
                values.append({"value": row["facet_value"], "label": row["facet_value"],
                               "count": row["facet_count"],
                               "toggle_url": self.ds.absolute_url(self.request, self.ds.urls.path(path)),
                               "selected": selected})
            results.append({"name": name, "type": self.type, "hideable": False, "toggle_url": "",
                            "results": values, "truncated": len(rows.rows) > size})
        return results, timed_out


@hookimpl
def register_facet_classes():
    return [JoinedFacet]


@hookimpl
def extra_template_vars(datasette, request, table):
    db = datasette.get_database()

    def table_title(table: str) -> str:
        meta = datasette.metadata("tables", database=db.name) or {}
        return (meta.get(table) or {}).get("title") or table

    return {
        "site_db": db.name,
        "site_nav": [(datasette.urls.path(href.format(db=db.name)), text) for href, text in NAV],
        "column_label": lambda column: column_label(column, table),
        "code_label": code_label,
        "label": label,
        "lookup_label": lambda key, display: LOOKUPS.get(key, display),
        "table_title": table_title,
        # a row's one-line description (documents: their title), for row pages
        "row_title": lambda table, row: describe(table, dict(row)) if table in DESCRIBED else None,
        "nl_number": number,
        # a document's address as a link only when it is http(s): og:url can be javascript:
        "web_link": web_link,
    }
