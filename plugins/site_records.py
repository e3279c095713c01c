"""Evidence in context and the ways out: a record's page (its sentence highlighted in its
paragraph, source, dates, the other records of that sentence and document), one search
box over documents, quotes and records (Dutch word forms via the stemmed index), an Atom
feed of new records and a citation (BibTeX, CSL-JSON) for every document."""

from __future__ import annotations

import json
import re
from urllib.parse import parse_qsl, quote, urlencode
from xml.sax.saxutils import escape as xml_escape

from datasette import hookimpl
from datasette.utils.asgi import NotFound, Response

from ingest.publish.labels import LABELS, describe, label
from ingest.publish.search import fts_query, stem, stem_words
from ingest.publish.web import web_link, wants_json
from ingest.records import RECORD_TABLES

WINDOW = 4000  # characters read around a record to find its paragraph
PAGE = 30
DOC_FIELDS = "id, path, title, source_url, publisher, published, year, fetched, format, archive_ref"
_WORD = re.compile(r"\w+", re.UNICODE)


def _db(datasette):
    return datasette.get_database()


def _json(data, status=200) -> Response:
    return Response.json(data, status=status, default=str)


async def _document(db, document_id: str) -> dict:
    row = (await db.execute(f"select {DOC_FIELDS} from documents where id = ?", [document_id])).first()
    if row is None:
        raise NotFound(f"Document {document_id} bestaat niet.")
    return {**dict(row), "label": describe("documents", dict(row))}


def paragraph(window: str, start: int, end: int, cut_before: bool, cut_after: bool) -> dict:
    """The paragraph around window[start:end], split into before / evidence / after."""
    p0 = window.rfind("\n\n", 0, start)
    p1 = window.find("\n\n", end)
    return {
        "cut_before": p0 < 0 and cut_before, "cut_after": p1 < 0 and cut_after,
        "before": window[p0 + 2 if p0 >= 0 else 0:start].lstrip(),
        "evidence": window[start:end],
        "after": window[end:p1 if p1 >= 0 else len(window)].rstrip(),
    }


def highlight(text: str, stems: set[str], limit: int = 320) -> list[tuple[str, bool]]:
    """A snippet of `text` around the first word whose stem is searched for, as
    (text, is_match) parts; the template escapes every part."""
    words = list(_WORD.finditer(text or ""))
    hits = [m for m in words if stem(m.group()) in stems]
    first = hits[0].start() if hits else 0
    lo = max(0, first - limit // 3)
    hi = min(len(text or ""), lo + limit)
    parts, pos = [], lo
    if lo > 0:
        parts.append(("…", False))
    for m in hits:
        if m.start() < lo or m.end() > hi:
            continue
        parts.append((text[pos:m.start()], False))
        parts.append((m.group(), True))
        pos = m.end()
    parts.append((text[pos:hi], False))
    if hi < len(text or ""):
        parts.append(("…", False))
    return parts


# -- a record in its context -------------------------------------------------------------

async def record_page(datasette, request):
    table, record_id = request.url_vars["table"], request.url_vars["id"]
    if table not in RECORD_TABLES:
        raise NotFound(f"Er is geen soort gegeven met de naam {table}.")
    db = _db(datasette)
    found = (await db.execute(f"select * from [{table}] where id = ?", [record_id])).first()
    if found is None:
        raise NotFound(f"Gegeven {record_id} staat niet in {table}.")
    record = dict(found)
    document = await _document(db, record["document_id"])
    lo = max(0, record["start"] - WINDOW)
    window = (await db.execute("select substr(text, ?, ?) from documents where id = ?",
                               [lo + 1, record["end"] - lo + WINDOW, document["id"]])).single_value() or ""
    s, e = record["start"] - lo, record["end"] - lo
    in_place = window[s:e] == record["evidence"]
    context = paragraph(window, s, e, lo > 0, len(window) >= record["end"] - lo + WINDOW) if in_place else None
    quote = None
    if table == "quotes" and in_place and record.get("quote_start") is not None:
        qs, qe = record["quote_start"] - record["start"], record["quote_end"] - record["start"]
        ev = context["evidence"]
        quote = {"before": ev[:qs], "quote": ev[qs:qe], "after": ev[qe:]}
    related = [dict(r) for r in await db.execute(
        "select record_table, record_id, title, start, \"end\" from search_index "
        "where document_id = ? and record_table != 'documents' order by start, record_table, record_id",
        [document["id"]])]
    others = [r for r in related if not (r["record_table"] == table and r["record_id"] == record_id)]
    same_sentence = [r for r in others if r["start"] < record["end"] and r["end"] > record["start"]]
    same_document = [r for r in others if r not in same_sentence]
    other_sources = []
    if table in ("outcomes", "sample_sizes") and record.get("municipality_code"):
        key = "measure" if table == "outcomes" else "population"
        rows = await db.execute(
            f"select t.*, document_title(d.title, d.path) as document_title from [{table}] t "
            f"join documents d on d.id = t.document_id "
            f"where t.municipality_code = ? and t.{key} = ? and t.document_id != ? order by d.published desc, t.id limit 25",
            [record["municipality_code"], record[key], document["id"]])
        other_sources = [{"record_id": r["id"], "title": describe(table, dict(r)),
                          "document_title": r["document_title"]} for r in rows]
    data = {
        "table": table, "type": label("record_type", table), "title": describe(table, record),
        "record": record, "document": document, "evidence_found_in_text": in_place, "context": context,
        "same_sentence": same_sentence, "same_document": same_document, "other_sources": other_sources,
    }
    if wants_json(request):
        return _json(data)
    fields = [(k, v) for k, v in record.items()
              if k not in ("id", "document_id", "evidence", "start", "end", "quote_start", "quote_end")]
    return Response.html(await datasette.render_template(
        "record.html", {**data, "quote": quote, "fields": fields}, request=request))


# -- one search box ------------------------------------------------------------------------

async def search_page(datasette, request):
    q = (request.args.get("q") or "").strip()[:1000]  # stemmed in the event loop: a search, not a book
    kind = request.args.get("soort") or ""
    if kind and kind not in LABELS["record_type"]:
        kind = ""
    try:
        page = max(1, int(request.args.get("pagina") or 1))
    except ValueError:
        page = 1
    match = fts_query(q)
    results, counts, total = [], [], 0
    if match:
        db = _db(datasette)
        base = ("from search_index_fts join search_index s on s.id = search_index_fts.rowid "
                "where search_index_fts match :match")
        counts = [dict(r) for r in await db.execute(
            f"select s.record_table, count(*) as n {base} group by s.record_table order by n desc", {"match": match})]
        total = sum(c["n"] for c in counts if not kind or c["record_table"] == kind)
        page = min(page, max(1, -(-total // PAGE)))  # past the end: the last page
        rows = await db.execute(
            f"select s.*, bm25(search_index_fts) as rank {base}"
            + (" and s.record_table = :kind" if kind else "")
            + " order by rank, s.id limit :limit offset :offset",
            {"match": match, "kind": kind, "limit": PAGE, "offset": (page - 1) * PAGE})
        stems = set(stem_words(q))
        rows = [dict(r) for r in rows]
        texts = {}
        doc_ids = [r["record_id"] for r in rows if r["record_table"] == "documents"]
        if doc_ids:
            marks = ",".join("?" for _ in doc_ids)
            texts = {r["id"]: r["head"] for r in await db.execute(
                f"select id, substr(text, 1, 20000) as head from documents where id in ({marks})", doc_ids)}
        for r in rows:
            body = texts.get(r["record_id"], "") if r["record_table"] == "documents" else r["body"]
            results.append({
                "type": r["record_table"], "type_label": label("record_type", r["record_table"]),
                "id": r["record_id"], "document_id": r["document_id"], "title": r["title"],
                "municipality": r["municipality"], "experiment": r["experiment"],
                "url": datasette.urls.path(f"/{datasette.get_database().name}/documents/{r['record_id']}"
                                           if r["record_table"] == "documents"
                                           else f"/-/record/{r['record_table']}/{r['record_id']}"),
                "snippet": highlight(body or "", stems),
            })
    data = {"q": q, "fts_query": match, "soort": kind, "page": page, "total": total,
            "counts": counts, "results": results, "more": page * PAGE < total}
    if wants_json(request):
        return _json({k: v for k, v in data.items()} | {"results": [
            {k: v for k, v in r.items() if k != "snippet"} | {"snippet": "".join(t for t, _ in r["snippet"])}
            for r in results]})
    return Response.html(await datasette.render_template(
        "search.html", {**data, "site_query": q, "type_labels": LABELS["record_type"]}, request=request))


# -- Atom feed -----------------------------------------------------------------------------

def atom_date(value: str | None) -> str | None:
    """'2020-05' -> '2020-05-01T00:00:00Z'; full timestamps pass through (UTC if no zone)."""
    if not value:
        return None
    if re.fullmatch(r"\d{4}-\d{2}", value):
        return value + "-01T00:00:00Z"
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return value + "T00:00:00Z"
    if re.match(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}", value):
        return value if re.search(r"(Z|[+-]\d{2}:?\d{2})$", value) else value + "Z"
    return None


FEED_PAGE = 100


async def feed(datasette, request):
    """Records, newest first. A build stores no build time (the same input gives the same
    database), so "new" is the document's first fetch (documents.fetched, for scraped
    sources), else its publication date; records of documents with neither come last.
    Paged (RFC 5005): rel="next" links the older records, so every record is in the feed."""
    db = _db(datasette)
    municipality = request.args.get("gemeente")
    kind = request.args.get("soort")
    try:
        page = max(1, min(int(request.args.get("pagina") or 1), 10**6))
    except ValueError:
        page = 1
    where, params = ["s.record_table != 'documents'", "d.status = 'ok'"], {}
    if municipality:
        where.append("s.municipality = :municipality")
        params["municipality"] = municipality
    if kind in RECORD_TABLES:
        where.append("s.record_table = :kind")
        params["kind"] = kind
    rows = [dict(r) for r in await db.execute(
        "select s.record_table, s.record_id, s.title, s.body, document_title(d.title, d.path) as source, "
        "coalesce(d.fetched, d.published) as dated from search_index s join documents d on d.id = s.document_id "
        f"where {' and '.join(where)} "
        "order by d.fetched is null, d.fetched desc, d.published is null, d.published desc, d.id, "
        "s.start, s.record_table, s.record_id limit :limit offset :offset",
        {**params, "limit": FEED_PAGE + 1, "offset": (page - 1) * FEED_PAGE})]
    more, rows = len(rows) > FEED_PAGE, rows[:FEED_PAGE]
    dates = [atom_date(r["dated"]) for r in rows if atom_date(r["dated"])]
    updated = max(dates) if dates else "1970-01-01T00:00:00Z"
    home = datasette.absolute_url(request, datasette.urls.instance())
    self_link = datasette.absolute_url(request, _feed_path(request, page))
    out = ['<?xml version="1.0" encoding="utf-8"?>', '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="nl">',
           "<title>Bewijsbank bijstandsexperimenten: nieuwe gegevens</title>",
           "<subtitle>Nieuwste eerst. Nieuw is: het moment waarop de bron voor het eerst is opgehaald, en anders "
           "de publicatiedatum; gegevens uit documenten zonder een van beide staan achteraan. De bewijsbank "
           "bewaart geen bouwtijd: dezelfde bronnen geven dezelfde databank.</subtitle>",
           f'<link rel="alternate" href="{_attr(home)}"/>',
           f'<link rel="self" href="{_attr(self_link)}"/>']
    if more:
        out.append(f'<link rel="next" href="{_attr(datasette.absolute_url(request, _feed_path(request, page + 1)))}"/>')
    if page > 1:
        out.append(f'<link rel="previous" href="{_attr(datasette.absolute_url(request, _feed_path(request, page - 1)))}"/>')
    out += ["<id>urn:bewijsbank-bijstand:feed</id>", f"<updated>{updated}</updated>",
            "<author><name>Bewijsbank bijstandsexperimenten</name></author>"]
    for r in rows:
        url = datasette.absolute_url(request, datasette.urls.path(f"/-/record/{r['record_table']}/{r['record_id']}"))
        out += ["<entry>",
                f"<title>{xml_escape(label('record_type', r['record_table']).capitalize())}: {xml_escape(r['title'])}</title>",
                f'<link rel="alternate" href="{_attr(url)}"/>',
                f"<id>urn:bewijsbank-bijstand:{r['record_table']}:{r['record_id']}</id>",
                f"<updated>{atom_date(r['dated']) or '1970-01-01T00:00:00Z'}</updated>",
                f'<category term="{r["record_table"]}" label="{xml_escape(label("record_type", r["record_table"]))}"/>',
                f"<summary>{xml_escape(r['body'] or '')} (Bron: {xml_escape(r['source'])}"
                f"{', datum onbekend' if not r['dated'] else ''})</summary>",
                "</entry>"]
    out.append("</feed>")
    return Response("\n".join(out), content_type="application/atom+xml; charset=utf-8")


FEED_ARGS = ("gemeente", "soort")
_NOT_XML = re.compile("[^\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _feed_path(request, page: int) -> str:
    """The feed's own path for `page`, rebuilt from the arguments it knows (percent-encoded):
    the request's query string is never copied into the XML."""
    args = [(k, v) for k, v in parse_qsl(request.query_string, keep_blank_values=True) if k in FEED_ARGS]
    if page > 1:
        args.append(("pagina", str(page)))
    return "/-/feed.atom" + ("?" + urlencode(args, quote_via=quote) if args else "")


def _attr(value: str) -> str:
    """`value` as an XML attribute between double quotes, without characters XML forbids
    (the host name comes from the request)."""
    return xml_escape(_NOT_XML.sub("", value), {'"': "&quot;"})


# -- citations -----------------------------------------------------------------------------

def _date_parts(value: str | None):
    if not value:
        return None
    parts = [int(p) for p in re.findall(r"\d+", value[:10])[:3]]
    return {"date-parts": [parts]} if parts else None


def csl_json(doc: dict, url: str) -> dict:
    kind = {"html": "webpage", "pdf": "report"}.get(doc["format"], "document")
    item = {"id": f"bijstand-{doc['id']}", "type": kind, "title": describe("documents", doc),
            "publisher": doc["publisher"], "URL": web_link(doc["source_url"]) or url, "language": "nl",
            "note": f"Bewijsbank bijstandsexperimenten, document {doc['id']}: {url}"}
    if _date_parts(doc["published"]):
        item["issued"] = _date_parts(doc["published"])
    if _date_parts(doc["fetched"]):
        item["accessed"] = _date_parts(doc["fetched"])
    if doc["publisher"]:
        item["author"] = [{"literal": doc["publisher"]}]
    return {k: v for k, v in item.items() if v is not None}


# BibTeX counts braces even after a backslash: a brace in a value is a command, never a brace
_BIBTEX_SPECIAL = {"\\": r"\textbackslash{}", "{": r"\textbraceleft{}", "}": r"\textbraceright{}",
                   "&": r"\&", "%": r"\%", "$": r"\$", "#": r"\#", "_": r"\_",
                   "~": r"\textasciitilde{}", "^": r"\textasciicircum{}"}


def bib_escape(text: str) -> str:
    return "".join(_BIBTEX_SPECIAL.get(c, c) for c in text)


def bib_url(url: str) -> str:
    """A URL for BibTeX's url fields (read verbatim): braces, backslashes and whitespace
    percent-encoded, which names the same address."""
    return re.sub(r"[{}\\\s\x00-\x1f\x7f]", lambda m: "".join(f"%{b:02X}" for b in m.group().encode()), url)


def bibtex(doc: dict, url: str) -> str:
    fields = [("title", "{" + bib_escape(describe("documents", doc)) + "}")]
    if doc["publisher"]:
        fields += [("author", "{" + bib_escape(doc["publisher"]) + "}"), ("organization", bib_escape(doc["publisher"]))]
    if doc["published"]:
        if re.fullmatch(r"\d{4}", doc["published"][:4]):
            fields.append(("year", doc["published"][:4]))
        if re.fullmatch(r"\d{4}-\d{2}", doc["published"][:7]):
            fields.append(("month", str(int(doc["published"][5:7]))))
    source = web_link(doc["source_url"])
    if source:
        fields += [("url", bib_url(source)), ("howpublished", r"\url{" + bib_url(source) + "}")]
    if doc["fetched"]:
        fields += [("urldate", bib_escape(doc["fetched"][:10])), ("note", bib_escape(f"Geraadpleegd op {doc['fetched'][:10]}"))]
    fields.append(("addendum", bib_escape(f"Bewijsbank bijstandsexperimenten, document {doc['id']}: {url}")))
    fields.append(("language", "dutch"))
    body = ",\n".join(f"  {k} = {{{v}}}" for k, v in fields)
    return f"@misc{{bijstand-{doc['id']},\n{body}\n}}\n"


async def cite(datasette, request):
    doc = await _document(_db(datasette), request.url_vars["id"])
    url = datasette.absolute_url(request, datasette.urls.path(f"/{_db(datasette).name}/documents/{doc['id']}"))
    if request.url_vars["format"] == "bib":
        return Response(bibtex(doc, url), content_type="application/x-bibtex; charset=utf-8")
    return Response(json.dumps([csl_json(doc, url)], ensure_ascii=False, indent=2),
                    content_type="application/vnd.citationstyles.csl+json; charset=utf-8")


@hookimpl
def register_routes():
    return [
        (r"^/-/record/(?P<table>[a-z_]+)/(?P<id>[0-9a-zA-Z_-]+?)(\.(?P<format>json))?$", record_page),
        (r"^/-/search(\.(?P<format>json))?$", search_page),
        (r"^/-/feed\.atom$", feed),
        (r"^/-/cite/(?P<id>[0-9a-zA-Z_-]+)\.(?P<format>bib|json)$", cite),
    ]


@hookimpl
def extra_template_vars(template, datasette):
    if template != "index.html":
        return None

    async def home():
        db = _db(datasette)
        counts = {t: (await db.execute(f"select count(*) from [{t}]")).single_value()
                  for t in ["documents", "outcomes", "quotes", "sample_sizes"]}
        experiments = [dict(r) for r in await db.execute(
            "select name, municipality, count(distinct document_id) as sources from experiments "
            "group by lower(name), municipality order by sources desc, municipality limit 30")]
        return {"home_counts": counts, "home_experiments": experiments}

    return home
