"""The published site against a real server: the database is built with the real
`evidence build` from the seed corpus plus two documents of our own (a second source
that reports other Wageningen figures, and one with <script> in its text), and served with
the exact arguments of `evidence serve` on 127.0.0.1 and a free port. A second server
(`own_site`) holds only tests/site_corpus, documents written for the site tests.

The servers and their fixtures are in siteserver.py and conftest.py.
"""

from __future__ import annotations

import re
import time

import pytest

from siteserver import SCRIPT, record_id, serve, stop


# -- the server as served --------------------------------------------------------------------

def test_served_read_only_with_a_time_limit(site):
    settings = site.json("/-/settings.json")
    assert settings["sql_time_limit_ms"] == 2000
    databases = site.json("/-/databases.json")
    assert [d["is_mutable"] for d in databases if d["name"] == site.db] == [False]
    write = site.get(f"/{site.db}.json", params={"sql": "delete from outcomes"})
    assert write.status_code == 400
    assert site.query("select count(*) as n from outcomes")[0]["n"] > 0


def test_any_database_file_name_gets_the_whole_site(site, tmp_path):
    """metadata.yml names the database `evidence`; a file called otherwise is the same site."""
    other = tmp_path / "audit.db"
    other.write_bytes(site.db_path.read_bytes())
    audit = serve(other)
    try:
        assert audit.db == "audit"
        outcomes = audit.json("/audit/outcomes.json", params={"_size": 0})
        assert {"measure", "comparator", "province"} <= set(outcomes["facet_results"])
        assert "<h1>Uitkomsten" in audit.html("/audit/outcomes")
        assert {"outcome_matrix", "differing_figures"} <= {q["name"] for q in audit.json("/audit.json")["queries"]}
        home = audit.html("/")
        links = set(re.findall(r'href="(/audit[^"#]*)"', home.replace("&amp;", "&")))
        assert any("sources_for_experiment" in link for link in links)
        for link in links:
            assert audit.get(link).status_code == 200, link
    finally:
        stop(audit)


def test_a_slow_query_is_stopped_by_the_time_limit(site):
    slow = "with recursive c(x) as (select 1 union all select x + 1 from c) select count(*) from c"
    started = time.monotonic()
    response = site.get(f"/{site.db}.json", params={"sql": slow})
    assert response.status_code == 400
    assert "duurde te lang" in response.json()["error"]
    assert time.monotonic() - started < 10


@pytest.mark.parametrize("sql", [
    "select length(randomblob(200000000))",
    "select length(zeroblob(1000000000))",
    "select length(printf('%.*c', 1000000000, 'x'))",
])
def test_one_huge_value_cannot_outrun_the_time_limit(site, sql):
    """The time limit is checked between SQLite's steps; a single step building a huge
    value is stopped by SQLite's length limit instead (without it these answer 200, after
    building hundreds of megabytes)."""
    for path in (f"/{site.db}.json", f"/{site.db}"):
        response = site.get(path, params={"sql": sql})
        assert response.status_code == 400, (path, response.text[:300])
        if path.endswith(".json"):
            assert response.json()["error"]
    assert "te groot" in response.text  # the page says it in Dutch; the JSON keeps SQLite's words


ENGLISH = ("not found", "Invalid SQL", "must be", "syntax error", "Traceback", "Cannot", "unterminated", "Error")


@pytest.mark.parametrize("path, status, dutch", [
    ("/nope", 404, "Deze databank bestaat niet."),
    ("/{db}/nope", 404, "Deze tabel bestaat niet."),
    ("/{db}/outcomes/nope", 404, "Deze rij bestaat niet."),
    ("/{db}/outcomes.json?_size=5000", 400, "hoogstens 1000 rijen"),
    ("/{db}/outcomes?_size=5000", 400, "hoogstens 1000 rijen"),
    ("/{db}/outcomes?_sort=nope", 400, "Sorteren op ‘nope’ kan niet"),
    ("/{db}/outcomes.json?_sort_desc=nope", 400, "Sorteren op ‘nope’ kan niet"),
    ("/{db}?sql=selec", 400, "alleen-lezen"),
    ("/{db}.json?sql=delete+from+outcomes", 400, "alleen-lezen"),
    ("/{db}?sql=select+nope+from+outcomes", 400, "Kolom ‘nope’ bestaat niet."),
    ("/{db}/quotes?_search=capaciteit+OR&_searchmode=raw", 400, "De zoekvraag kon niet gelezen worden."),
    ("/-/record/outcomes/0000000000000000", 404, "Niet gevonden"),
    ("/-/cite/0000000000000000.bib", 404, "bestaat niet"),
])
def test_error_pages_are_dutch(site, path, status, dutch):
    response = site.get(path.format(db=site.db))
    assert response.status_code == status
    text = response.json()["error"] if ".json" in path else response.text
    assert dutch in text
    if ".json" not in path:
        assert '<html lang="nl">' in text
        assert not [word for word in ENGLISH if word in text.split("<footer", 1)[0].split("</head>", 1)[1]]


@pytest.mark.parametrize("search", ['"', 'uitstroom"', '"uitstroom', '""', "uitstroom OR"])
def test_table_search_tolerates_stray_quotes(site, search):
    for table in ("documents", "quotes", "outcomes"):
        response = site.get(f"/{site.db}/{table}.json", params={"_search": search})
        assert response.status_code == 200, (table, search, response.text[:300])


def test_search_pages_past_the_end(site):
    data = site.json("/-/search.json", params={"q": "uitstroom", "pagina": "99999999999999999999"})
    assert data["total"] > 0 and data["results"]
    assert data["page"] == -(-data["total"] // 30)  # the last page
    assert site.json("/-/search.json", params={"q": "uitstroom", "pagina": "-3"})["page"] == 1


@pytest.mark.parametrize("path", [
    "/", "/{db}", "/{db}/outcomes", "/{db}/quotes", "/{db}/documents", "/{db}/arms", "/{db}/sample_sizes",
    "/{db}/experiments", "/{db}/municipality_mentions", "/{db}/municipalities", "/{db}/labels",
    "/-/search?q=uitstromen", "/-/claim", "/-/claim?claim=In+Wageningen+vonden+2%2C5+keer+zoveel+mensen+werk.",
    "/-/map", "/-/chart", "/-/chart?measure=outflow_to_work&comparator=non_participants",
    "/{db}/outcome_matrix", "/{db}/quotes_by_person?spreker=Hulshof&rol=", "/{db}/differing_figures?gemeente=",
    "/{db}/sources_for_experiment?experiment=Vertrouwen+Werkt", "/{db}/word_search?zoekwoorden=deelnemers",
])
def test_pages_answer_in_dutch(site, path):
    html = site.html(path.format(db=site.db))
    assert '<html lang="nl">' in html
    assert "Bewijsbank bijstandsexperimenten" in html
    for english in ("Powered by", "This data as", "Suggested facets", "Advanced export", "Run SQL"):
        assert english not in html


def test_unknown_record_is_a_dutch_404(site):
    response = site.get("/-/record/outcomes/0000000000000000")
    assert response.status_code == 404
    assert "Niet gevonden" in response.text


SCRIPT_PAGES = [
    "/{db}/documents/{doc}", "/{db}/documents", "/{db}/outcomes?municipality=Tilburg",
    "/-/record/outcomes/{outcome}", "/-/record/sample_sizes/{size}", "/-/search?q=alert",
    "/-/search?q=Tilburg+welbevinden", "/-/claim?claim=In+Tilburg+nam+het+welbevinden+toe.",
    "/-/claim?claim=%3C%2Fscript%3E%3Cscript%3Ealert(1)%3C%2Fscript%3E+in+Tilburg+nam+het+welbevinden+toe",
    "/-/feed.atom", "/{db}/quotes_by_person?spreker=&rol=",
]


@pytest.mark.parametrize("path", SCRIPT_PAGES)
def test_script_in_a_document_is_inert(site, path):
    doc = record_id(site, "documents", "text like ?", ("%<script>%",))
    outcome = record_id(site, "outcomes", "document_id = ?", (doc,))
    size = record_id(site, "sample_sizes", "document_id = ?", (doc,))
    body = site.html(path.format(db=site.db, doc=doc, outcome=outcome, size=size))
    assert SCRIPT not in body
    assert "<img src=x" not in body and "<b onmouseover" not in body
    if "claim=" not in path and "quotes_by_person" not in path:
        assert "&lt;script&gt;" in body or "&amp;lt;script&amp;gt;" in body


def test_claim_json_ld_cannot_close_its_script_element(site):
    html = site.html("/-/claim?claim=%3C%2Fscript%3E%3Cscript%3Ealert(1)%3C%2Fscript%3E+Wageningen+uitstroom")
    head = html.split('<script type="application/ld+json">', 1)[1].split("</script>", 1)[0]
    assert "alert(1)" in head  # the claim is there, escaped, inside the JSON-LD
    assert "<script>alert(1)" not in html
