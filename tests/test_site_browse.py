"""Facets, search, record pages, canned queries and exports, against the real servers of
test_site_server.py: the seed corpus (expected counts come from the database itself, so
the tests hold while the extractor improves) and tests/site_corpus, whose facts, written
for these tests, are checked by name."""

from __future__ import annotations

import json
import re
import sqlite3
import xml.etree.ElementTree as ET

import pytest

from siteserver import record_id, serve, stop

ATOM = {"a": "http://www.w3.org/2005/Atom"}


def facet(data: dict, name: str) -> dict:
    return {r["value"]: r["count"] for r in data["facet_results"][name]["results"]}


@pytest.mark.parametrize("table, column", [
    ("outcomes", "measure"), ("outcomes", "direction"), ("outcomes", "comparator"), ("outcomes", "arm_type"),
    ("outcomes", "municipality"), ("outcomes", "experiment"), ("quotes", "role"), ("quotes", "speaker"),
    ("arms", "arm_type"), ("sample_sizes", "population"), ("documents", "year"),
])
def test_column_facets_count_the_rows(site, table, column):
    data = site.json(f"/{site.db}/{table}.json", params={"_size": 0, "_nosuggest": 1})
    expected = {r["v"]: r["n"] for r in site.query(
        f"select {column} as v, count(*) as n from {table} where {column} is not null group by v")}
    assert facet(data, column) == expected


@pytest.mark.parametrize("table, name, sql", [
    ("outcomes", "province", "select m.province as v, count(*) as n from outcomes t "
                             "join municipalities m on m.cbs_code = t.municipality_code group by v"),
    ("quotes", "province", "select m.province as v, count(*) as n from quotes t "
                           "join municipalities m on m.cbs_code = t.municipality_code group by v"),
    ("outcomes", "publisher", "select d.publisher as v, count(*) as n from outcomes t "
                              "join documents d on d.id = t.document_id where d.publisher is not null group by v"),
    ("arms", "year", "select d.year as v, count(*) as n from arms t "
                     "join documents d on d.id = t.document_id where d.year is not null group by v"),
])
def test_joined_facets_count_through_the_join(site, table, name, sql):
    data = site.json(f"/{site.db}/{table}.json", params={"_size": 0, "_nosuggest": 1})
    assert facet(data, name) == {r["v"]: r["n"] for r in site.query(sql)}


def test_province_filter_keeps_only_that_province(site):
    data = site.json(f"/{site.db}/outcomes.json", params={"_province": "Gelderland", "_shape": "objects",
                                                          "_size": "max", "_nosuggest": 1})
    municipalities = {r["municipality"] for r in data["rows"]}
    assert municipalities and municipalities <= {"Wageningen", "Nijmegen", "Ede", "Arnhem"}
    assert "Wageningen" in municipalities
    assert facet(data, "province") == {"Gelderland": len(data["rows"])}


def test_publisher_and_year_filters(site):
    rows = site.json(f"/{site.db}/quotes.json", params={"_publisher": "Regionieuws Vallei", "_shape": "array"})
    assert [r["speaker"] for r in rows] == ["Maud Hulshof"]
    rows = site.json(f"/{site.db}/outcomes.json", params={"_year": "2020", "_shape": "array", "_size": "max"})
    expected = site.query("select o.id from outcomes o join documents d on d.id = o.document_id where d.year = 2020")
    assert sorted(r["id"] for r in rows) == sorted(r["id"] for r in expected)


def test_facets_and_cells_show_dutch_labels_and_keep_codes_in_exports(site):
    html = site.html(f"/{site.db}/outcomes")
    assert "uitstroom naar werk" in html and "niet-deelnemers" in html and "provincie" in html
    assert 'title="code: outflow_to_work"' in html
    csv = site.get(f"/{site.db}/outcomes.csv", params={"measure": "outflow_to_work"}).text
    assert csv.splitlines()[0].startswith("id,document_id")
    assert "outflow_to_work" in csv and "uitstroom naar werk,hoger" not in csv


@pytest.mark.parametrize("query, expected_word", [
    ("uitstromen", "uitstroom"), ("deelnemer", "deelnemers"), ("Wageningse", "Wageningen"),
])
def test_search_finds_other_word_forms(site, query, expected_word):
    data = site.json("/-/search.json", params={"q": query})
    assert data["total"] > 0
    assert any(expected_word.lower() in r["snippet"].lower() for r in data["results"])


def test_one_search_box_across_documents_quotes_and_records(site):
    data = site.json("/-/search.json", params={"q": "Wageningen"})
    kinds = {c["record_table"] for c in data["counts"]}
    assert {"documents", "quotes", "outcomes"} <= kinds
    quotes = site.json("/-/search.json", params={"q": "Hulshof vertrouwen", "soort": "quotes"})
    assert quotes["results"] and all(r["type"] == "quotes" for r in quotes["results"])
    assert all("Hulshof" in r["title"] for r in quotes["results"])


def test_search_for_a_phrase_and_for_nothing(site):
    phrase = site.json("/-/search.json", params={"q": '"extra begeleiding"'})
    assert phrase["total"] > 0
    assert all("extra begeleiding" in r["snippet"].lower() or "extra begeleiding" in r["title"].lower()
               for r in phrase["results"])
    assert site.json("/-/search.json", params={"q": "!!!"})["total"] == 0
    assert site.json("/-/search.json", params={"q": "zzqqxx"})["total"] == 0


def test_record_page_shows_the_sentence_in_its_paragraph(site):
    rid = record_id(site, "outcomes", "municipality = 'Wageningen' and ratio = 2.5")
    data = site.json(f"/-/record/outcomes/{rid}.json")
    assert data["evidence_found_in_text"] is True
    context = data["context"]
    assert "2,5 keer zo hoog" in context["evidence"]
    assert context["before"] and context["after"]  # the rest of its paragraph
    assert "\n\n" not in context["before"] + context["after"]
    same = {(r["record_table"], r["record_id"]) for r in data["same_sentence"]}
    other_arm = record_id(site, "outcomes", "municipality = 'Wageningen' and ratio = 2.5 and id != ?", (rid,))
    assert ("outcomes", other_arm) in same
    assert data["same_document"]
    html = site.html(f"/-/record/outcomes/{rid}")
    assert '<mark class="evidence">' in html
    assert "niet-deelnemers" in html and "BibTeX" in html and "Opgehaald" in html and "Gepubliceerd" in html


def test_record_page_names_source_link_and_dates(site):
    rid = record_id(site, "quotes", "text like 'Dit is een mooi resultaat%'")
    html = site.html(f"/-/record/quotes/{rid}")
    assert 'href="https://regionieuws.example/wageningen-bijstand"' in html
    assert "2020-06-02" in html and "Regionieuws Vallei" in html
    assert '<span class="quote-words">Dit is een mooi resultaat voor Wageningen.</span>' in html


def test_matrix_of_outcomes_per_experiment_and_arm(site):
    rows = site.json(f"/{site.db}/outcome_matrix.json", params={"gemeente": "Wageningen", "vergelijking": "",
                                                                "_shape": "array"})
    arms = {r["groep"]: r for r in rows}
    assert "vrij van verplichtingen" in arms
    assert "hoger (niet-deelnemers)" in arms["vrij van verplichtingen"]["uitstroom naar werk"]


def test_figures_that_differ_between_sources(site):
    rows = site.json(f"/{site.db}/differing_figures.json", params={"gemeente": "Wageningen", "_shape": "array"})
    by_kind = {(r["soort"], r["wat"]): r for r in rows}
    outflow = by_kind[("uitkomst", "uitstroom naar werk — vrij van verplichtingen (vergeleken met niet-deelnemers)")]
    assert "2,5 keer" in outflow["cijfers"] and "2 keer" in outflow["cijfers"]
    assert outflow["bronnen"] == 2
    participants = by_kind[("aantal", "deelnemers")]
    assert "410" in participants["cijfers"] and "400" in participants["cijfers"]


def test_quotes_of_a_person_or_a_role(site):
    rows = site.json(f"/{site.db}/quotes_by_person.json", params={"spreker": "Hulshof", "rol": "", "_shape": "array"})
    assert rows and {r["spreker"] for r in rows} == {"Maud Hulshof"}
    expected = site.query("select count(*) as n from quotes where speaker like '%Hulshof%'")[0]["n"]
    assert len(rows) == expected
    by_role = site.json(f"/{site.db}/quotes_by_person.json", params={"spreker": "", "rol": "onderzoeker", "_shape": "array"})
    assert by_role and {r["rol"] for r in by_role} == {"onderzoeker"}
    assert all(r["context"].startswith("/-/record/quotes/") for r in by_role)


def test_all_sources_for_an_experiment(site):
    rows = site.json(f"/{site.db}/sources_for_experiment.json", params={"experiment": "Vertrouwen Werkt", "_shape": "array"})
    expected = site.query("select count(distinct document_id) as n from experiments where name like '%Vertrouwen Werkt%'")[0]["n"]
    assert len(rows) == expected >= 2
    assert "Wageningen: twee keer zoveel mensen aan het werk" in {r["titel"] for r in rows}


def test_atom_feed_of_new_records(site):
    response = site.get("/-/feed.atom")
    assert response.headers["content-type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)
    entries = feed.findall("a:entry", ATOM)
    assert entries
    newest = max(r["published"] for r in site.query("select published from documents where published is not null"))
    assert entries[0].find("a:updated", ATOM).text.startswith(newest[:10])  # the newest source comes first
    assert "/-/record/" in entries[0].find("a:link", ATOM).get("href")
    only = ET.fromstring(site.get("/-/feed.atom", params={"gemeente": "Tilburg"}).content)
    assert all("Tilburg" in e.find("a:title", ATOM).text for e in only.findall("a:entry", ATOM))


def test_atom_feed_pages_hold_every_record(site):
    ids, url = [], "/-/feed.atom"
    while url:
        feed = ET.fromstring(site.get(url).content)
        ids += [e.find("a:id", ATOM).text for e in feed.findall("a:entry", ATOM)]
        following = [link.get("href") for link in feed.findall("a:link", ATOM) if link.get("rel") == "next"]
        url = following[0].replace(site.base, "") if following else None
    expected = site.query("select count(*) as n from search_index s join documents d on d.id = s.document_id "
                          "where s.record_table != 'documents' and d.status = 'ok'")[0]["n"]
    assert len(ids) == len(set(ids)) == expected > 100  # more than one page


def test_citations_for_every_document(site):
    for doc in site.query("select id, title from documents where status = 'ok'"):
        bib = site.get(f"/-/cite/{doc['id']}.bib")
        assert bib.status_code == 200 and bib.text.startswith(f"@misc{{bijstand-{doc['id']},")
        csl = site.get(f"/-/cite/{doc['id']}.json")
        assert csl.headers["content-type"].startswith("application/vnd.citationstyles.csl+json")
        item = json.loads(csl.text)[0]
        assert item["id"] == f"bijstand-{doc['id']}" and item["title"]
    doc = site.query("select id from documents where publisher = 'Regionieuws Vallei'")[0]["id"]
    bib = site.get(f"/-/cite/{doc}.bib").text
    assert "year = {2020}" in bib and "url = {https://regionieuws.example/wageningen-bijstand}" in bib
    item = json.loads(site.get(f"/-/cite/{doc}.json").text)[0]
    assert item["issued"] == {"date-parts": [[2020, 6, 2]]} and item["publisher"] == "Regionieuws Vallei"


# -- on the documents written for the tests (tests/site_corpus) ------------------------------

@pytest.mark.parametrize("query, found, not_found", [
    ("beleid", r"\bbeleid\b", r"\bbegeleiding\b"),  # Snowball 3's "dutch" stems both to 'beleid'
    ("begeleiding", r"\bbegeleiding\b", r"\bbeleid\b"),
    ("uitstromen", r"\buitstroom\b", None),
    ("deelnemer", r"\bdeelnemers\b", None),
])
def test_search_finds_word_forms_but_not_other_words(own_site, query, found, not_found):
    data = own_site.json("/-/search.json", params={"q": query})
    assert data["total"] > 0
    texts = [(r["title"] + " " + r["snippet"]).lower() for r in data["results"]]
    assert all(re.search(found, t) for t in texts), texts
    if not_found:  # no result is there for the other word alone
        assert not [t for t in texts if re.search(not_found, t) and not re.search(found, t)]


def test_differing_figures_pair_only_the_same_experiment(own_site):
    rows = own_site.json(f"/{own_site.db}/differing_figures.json", params={"gemeente": "", "_shape": "array"})
    assert {(r["gemeente"], r["experiment"], r["cijfers"]) for r in rows} == {
        ("Groningen", "Stad aan het Werk", "1.142 · 1.200"),  # Dutch thousands, not 1142,1200
        ("Zwolle", "Samen Verder", "600 · 640"),  # the press release names no experiment: Zwolle has one
    }  # not Haren's 31 beside Groningen's; not the national totals (no municipality)
    groningen = next(r for r in rows if r["gemeente"] == "Groningen")
    assert groningen["cijfer per bron"] == ("1.142: Groningen evalueert bijstandsexperiment Stad aan het Werk | "
                                            "1.200: Raadsbrief over Stad aan het Werk")


@pytest.mark.parametrize("role", ["wethouder", "Wethouder", "WETHOUDER ", "wethouder"])
def test_quotes_by_role_ignore_case(own_site, role):
    rows = own_site.json(f"/{own_site.db}/quotes_by_person.json", params={"spreker": "", "rol": role,
                                                                         "_shape": "array"})
    assert [(r["spreker"], r["bron"]) for r in rows] == [
        ("Anna de Vries", "Samen Verder helpt Zwolse bijstandsgerechtigden aan werk")]


def test_a_document_without_a_title_is_named_not_shown_as_its_path(own_site):
    rows = own_site.json(f"/{own_site.db}/sources_for_experiment.json", params={"experiment": "Eigen Koers",
                                                                               "_shape": "array"})
    assert [r["titel"] for r in rows] == ["Document zonder titel (zonder_titel.txt)"]
    doc = rows[0]["document_id"]
    assert "title = {{Document zonder titel (zonder\\_titel.txt)}}" in own_site.get(f"/-/cite/{doc}.bib").text
    assert json.loads(own_site.get(f"/-/cite/{doc}.json").text)[0]["title"] == "Document zonder titel (zonder_titel.txt)"
    size = own_site.query("select id from sample_sizes where document_id = ?", (doc,))[0]["id"]
    html = own_site.html(f"/-/record/sample_sizes/{size}")
    assert ">Document zonder titel (zonder_titel.txt)</a>" in html
    assert "niet opgehaald: een lokaal bestand" in html
    feed = own_site.get("/-/feed.atom").text
    assert "site_corpus/docs" not in feed and "Bron: Document zonder titel (zonder_titel.txt)" in feed
    table = own_site.html(f"/{own_site.db}/sample_sizes?document_id={doc}")
    assert f">Document zonder titel ({doc})</a>" in table and ">None<" not in table


def test_a_document_page_is_headed_by_its_title(own_site):
    doc = own_site.query("select id from documents where title = 'Raadsbrief over Stad aan het Werk'")[0]["id"]
    html = own_site.html(f"/{own_site.db}/documents/{doc}")
    assert "<title>Documenten: Raadsbrief over Stad aan het Werk</title>" in html
    assert re.search(r"<h1[^>]*>Documenten: Raadsbrief over Stad aan het Werk</h1>", html)


def test_the_labels_table_heads_its_columns_for_what_they_hold(own_site):
    html = own_site.html(f"/{own_site.db}/labels")
    assert "wat de site toont" in html and "naam van de groep" not in html.split("<tbody>", 1)[0]


def test_feed_orders_by_first_fetch_then_publication_and_keeps_undated(own_site, tmp_path):
    dated = tmp_path / "dated.db"
    dated.write_bytes(own_site.db_path.read_bytes())
    with sqlite3.connect(dated) as conn:  # dates of our own: a scraped source and two published ones
        conn.execute("update documents set fetched = '2024-02-01T10:00:00Z' where path like '%zwolle_krant%'")
        conn.execute("update documents set published = '2021-04-01' where path like '%zwolle_persbericht%'")
        conn.execute("update documents set published = '2021-03-15' where path like '%zwolle_rapport%'")
    site = serve(dated)
    try:
        feed = ET.fromstring(site.get("/-/feed.atom").content)
        entries = feed.findall("a:entry", ATOM)
        updated = [e.find("a:updated", ATOM).text for e in entries]
        sources = [e.find("a:summary", ATOM).text.rsplit("(Bron: ", 1)[1] for e in entries]
        assert updated[0] == "2024-02-01T10:00:00Z" and sources[0].startswith("Zwolse bijstandsproef")
        dates = [u for u in updated if not u.startswith("1970")]
        assert dates == sorted(dates, reverse=True) and "2021-04-01T00:00:00Z" in dates
        assert updated.index("2021-04-01T00:00:00Z") < updated.index("2021-03-15T00:00:00Z")
        # documents without any date still appear, after the dated ones, and say so
        undated = [s for s, u in zip(sources, updated) if u.startswith("1970")]
        assert undated and all("datum onbekend" in s for s in undated)
        assert updated.index(next(u for u in updated if u.startswith("1970"))) == len(dates)
        assert len(entries) == site.query("select count(*) as n from search_index where record_table != 'documents'")[0]["n"]
        assert "voor het eerst is opgehaald" in feed.find("a:subtitle", ATOM).text
    finally:
        stop(site)
