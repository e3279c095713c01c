"""Finding documents (pure functions) and checking sources.yml, with the messages people see."""

import pytest
import yaml

from ingest.scrape.discover import Link, absolute, feed_links, listing_links, sitemap_links
from ingest.errors import DiscoveryError, SourcesError
from ingest.scrape.crawl import Summary
from ingest.scrape.sources import DEFAULT_SOURCES, Source, load_sources, parse_sources

BASE = "https://www.proefstad.nl/nieuws/"

LISTING = b"""<html><head><base href="https://www.proefstad.nl/nieuws/"></head><body>
<nav><a href="/afval">Afval</a></nav>
<ul>
 <li><a class="news-item" href="artikel-1">Een</a></li>
 <li><a class="news-item" href="/nieuws/artikel-2#reacties">Twee</a></li>
 <li><a class="news-item" href="artikel-1">Een, nog eens</a></li>
 <li><a class="news-item" href="mailto:pers@proefstad.nl">Mail</a></li>
 <li><a class="news-item" href="javascript:void(0)">Meer</a></li>
 <li><a class="news-item">Geen link</a></li>
</ul>
<div class="card"><h2><a href="https://elders.nl/bericht">Elders</a></h2></div>
<a class="next" href="?pagina=2">Volgende</a>
</body></html>"""


def test_listing_links_resolved_deduplicated_and_only_http():
    links, following = listing_links(LISTING, BASE + "index", "a.news-item, div.card", "a.next")
    assert [l.url for l in links] == [BASE + "artikel-1", BASE + "artikel-2", "https://elders.nl/bericht"]
    assert following == BASE + "?pagina=2"


@pytest.mark.parametrize("href,url", [
    ("http://[oops/a", None),  # an unclosed IPv6 bracket: urllib raises ValueError
    ("http://www.proefstad.nl:99999/a", None),
    ("http://www.proef stad.nl/a", None),
    ("http:///a", None),
    ("ftp://www.proefstad.nl/a", None),
    ("rapport 2020.pdf", BASE + "rapport%202020.pdf"),  # browsers send the space encoded, so do we
    ("http://[::1]:8080/a", "http://[::1]:8080/a"),
])
def test_a_broken_href_is_a_link_not_followed(href, url):
    assert absolute(BASE, href) == url
    html = f'<a class="news-item" href="{href}">x</a><a class="news-item" href="goed">y</a>'.encode()
    assert [l.url for l in listing_links(html, BASE, "a.news-item")[0]] == [u for u in (url, BASE + "goed") if u]


def test_listing_without_a_next_link():
    assert listing_links(LISTING, BASE, "a.news-item", "a.volgende")[1] is None
    assert listing_links(LISTING, BASE, "a.news-item")[1] is None


RSS = b"""<?xml version="1.0"?>
<rss version="2.0"><channel><title>Nieuws</title><link>https://www.proefstad.nl/</link>
<item><title>Experiment afgerond</title><link>https://www.proefstad.nl/nieuws/a</link>
  <pubDate>Fri, 14 Feb 2020 10:00:00 +0100</pubDate></item>
<item><title> Zonder   link </title><guid isPermaLink="true">https://www.proefstad.nl/nieuws/b</guid>
  <pubDate>vr 14 februari 2020</pubDate></item>
<item><title>Geen permalink</title><guid isPermaLink="false">tag:1</guid></item>
<item><title>Relatief</title><link>/nieuws/c</link></item>
</channel></rss>"""

ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Nieuws</title>
<entry><title>Een</title><link rel="self" href="https://www.proefstad.nl/api/1"/>
  <link href="https://www.proefstad.nl/nieuws/een"/><published>2019-03-12T09:00:00+01:00</published></entry>
<entry><title>Twee</title><link rel="alternate" href="/nieuws/twee"/><updated>2019-04-01T00:00:00Z</updated></entry>
</feed>"""

RDF = b"""<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
 xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel rdf:about="https://www.proefstad.nl/"><title>Nieuws</title></channel>
<item rdf:about="https://www.proefstad.nl/nieuws/rdf"><title>RDF</title>
 <link>https://www.proefstad.nl/nieuws/rdf</link><dc:date>2018-05-01</dc:date></item>
</rdf:RDF>"""


@pytest.mark.parametrize("xml,expected", [
    (RSS, [Link("https://www.proefstad.nl/nieuws/a", "Experiment afgerond", "2020-02-14"),
           Link("https://www.proefstad.nl/nieuws/b", "Zonder link", "2020-02-14"),
           Link("https://www.proefstad.nl/nieuws/c", "Relatief", None)]),
    (ATOM, [Link("https://www.proefstad.nl/nieuws/een", "Een", "2019-03-12"),
            Link("https://www.proefstad.nl/nieuws/twee", "Twee", "2019-04-01")]),
    (RDF, [Link("https://www.proefstad.nl/nieuws/rdf", "RDF", "2018-05-01")]),
])
def test_feed_items(xml, expected):
    assert feed_links(xml, "https://www.proefstad.nl/feed.xml") == expected


def test_sitemap_and_sitemap_index():
    urlset = b"""<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
      <url><loc> https://www.proefstad.nl/nieuws/a </loc><lastmod>2020-09-03T10:00:00+02:00</lastmod></url>
      <url><loc>https://www.proefstad.nl/afval</loc></url></urlset>"""
    pages, children = sitemap_links(urlset, "https://www.proefstad.nl/sitemap.xml")
    assert pages == [Link("https://www.proefstad.nl/nieuws/a", None, "2020-09-03"),
                     Link("https://www.proefstad.nl/afval")]
    assert children == []
    index = b"""<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
      <sitemap><loc>https://www.proefstad.nl/sitemap-1.xml</loc></sitemap></sitemapindex>"""
    assert sitemap_links(index, "https://www.proefstad.nl/sitemap.xml") == ([], ["https://www.proefstad.nl/sitemap-1.xml"])


@pytest.mark.parametrize("parse,xml,reason", [
    (feed_links, b"<rss><channel><item></channel></rss>", "malformed XML (mismatched tag: line 1, column 22)"),
    (feed_links, b"<html><body>Nieuws</body></html>", "not an RSS or Atom feed (its root element is <html>)"),
    (feed_links, b"", "malformed XML (no element found: line 1, column 0)"),
    (sitemap_links, b"<rss/>", "not a sitemap (its root element is <rss>)"),
])
def test_bad_feeds_and_sitemaps_are_named(parse, xml, reason):
    with pytest.raises(DiscoveryError) as err:
        parse(xml, "https://www.proefstad.nl/feed.xml")
    assert (err.value.source, err.value.reason) == ("https://www.proefstad.nl/feed.xml", reason)


def test_xml_entities_are_not_expanded_from_outside():
    xxe = b"""<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>
    <rss><channel><item><title>&x;</title><link>https://a.nl/x</link></item></channel></rss>"""
    with pytest.raises(DiscoveryError):
        feed_links(xxe, "https://a.nl/feed")


# --- sources.yml ---

GOOD = {"name": "proefstad-nieuws", "kind": "html-listing", "url": "https://www.proefstad.nl/nieuws",
        "links": "a.news-item"}


@pytest.mark.parametrize("change,message", [
    ({"kind": "html"}, "kind 'html' is not one of html-listing, rss, sitemap, single, pdf"),
    ({"url": "www.proefstad.nl"}, "url 'www.proefstad.nl' is not a URL we can fetch (not an http(s) URL)"),
    ({"url": "http://[::1/x"}, "url 'http://[::1/x' is not a URL we can fetch (invalid IPv6 URL)"),
    ({"url": "https://www.proefstad.nl:99999/"},
     "url 'https://www.proefstad.nl:99999/' is not a URL we can fetch (port out of range 0-65535)"),
    ({"url": "https://www.proefstad.nl/nieuws en pers"},
     "url 'https://www.proefstad.nl/nieuws en pers' is not a URL we can fetch (it contains a space)"),
    ({"url": "https://www proefstad nl/"},
     "url 'https://www proefstad nl/' is not a URL we can fetch (it contains a space)"),
    ({"url": "https://"}, "url 'https://' is not a URL we can fetch (it names no host)"),
    ({"hosts": ["https://cdn.proefstad.nl"]},
     "'hosts' should be a list of host names (www.example.nl, without scheme or port)"),
    ({"verified": "ja"}, "'verified' should be true or false"),
    ({"name": None}, "'name' is required (a text)"),
    ({"name": "Proefstad Nieuws"}, "name 'Proefstad Nieuws' should be lower case letters, digits and - . _ "
                                   "(e.g. tilburg-nieuws)"),
    ({"links": None}, "'links' (a CSS selector of the article links) is required for kind html-listing"),
    ({"links": "a[href"}, "links 'a[href' is not a valid CSS selector (Malformed attribute selector at position 1)"),
    ({"kind": "rss", "links": None, "next": "a.next"}, "'next' only applies to kind html-listing"),
    ({"lnks": "a"}, "unknown field 'lnks' (known fields: name, kind, url, hosts, links, next, include, match, "
                    "max_pages, max_documents, max_minutes, publisher, verified, notes)"),
    ({"include": [3]}, "'include' should be a list of words"),
    ({"match": "(nieuws"}, "match '(nieuws' is not a valid regular expression (missing ), unterminated "
                           "subpattern at position 0)"),
    ({"max_pages": 0}, "max_pages should be a whole number of at least 1, not 0"),
    ({"max_pages": True}, "max_pages should be a whole number of at least 1, not True"),
    ({"max_documents": 0}, "max_documents should be a whole number of at least 1, not 0"),
    ({"max_documents": 2.5}, "max_documents should be a whole number of at least 1, not 2.5"),
    ({"max_minutes": 0}, "max_minutes should be a number above 0, not 0"),
    ({"max_minutes": "lang"}, "max_minutes should be a number above 0, not 'lang'"),
])
def test_a_bad_entry_is_named_with_its_number_and_name(change, message):
    bad = {k: v for k, v in {**GOOD, **change}.items() if v is not None}
    second = {**GOOD, "name": "tweede"}
    with pytest.raises(SourcesError) as err:
        parse_sources([second, bad], "sources.yml")
    where = f"entry 2 ({bad['name']})" if "name" in bad else "entry 2"
    assert str(err.value) == f"sources.yml: {where}: {message}"


def test_names_are_unique_and_the_file_must_be_a_list():
    with pytest.raises(SourcesError, match=r"^s.yml: entry 2 \(proefstad-nieuws\): name 'proefstad-nieuws' "
                                           r"is already used by entry 1$"):
        parse_sources([GOOD, GOOD], "s.yml")
    with pytest.raises(SourcesError, match=r"^s.yml: expected a list of sources"):
        parse_sources({"sources": [GOOD]}, "s.yml")
    with pytest.raises(SourcesError, match=r"^s.yml: entry 1: expected a mapping with name, kind and url$"):
        parse_sources(["https://www.proefstad.nl"], "s.yml")


def test_load_sources_errors(tmp_path):
    missing = tmp_path / "nope.yml"
    with pytest.raises(SourcesError, match=f"^{missing}: no such file$"):
        load_sources(missing)
    broken = tmp_path / "broken.yml"
    broken.write_text("- name: a\n  kind: [rss\n")
    with pytest.raises(SourcesError, match=r"broken.yml: not valid YAML \(line 3, column 1: "):
        load_sources(broken)
    good = tmp_path / "good.yml"
    good.write_text(yaml.safe_dump([GOOD]))
    with pytest.raises(SourcesError, match=r"no source named 'x' \(there are: proefstad-nieuws\)"):
        load_sources(good, only="x")
    assert load_sources(good, only="proefstad-nieuws")[0].links == "a.news-item"


def test_the_shipped_sources_file_is_valid():
    sources = load_sources(DEFAULT_SOURCES)
    names = {s.name for s in sources}
    for place in ("groningen", "tilburg", "utrecht", "zeist", "wageningen", "deventer", "nijmegen",
                  "apeldoorn", "epe", "oss", "geldrop-mierlo"):
        assert f"{place}-nieuws" in names
    assert {"kamerstukken-34352", "cpb-vervolgonderzoek", "zonmw-sitemap"} <= names
    pdfs = [s for s in sources if s.kind == "pdf"]
    assert pdfs and all(s.verified is False and s.url.endswith(".pdf") for s in pdfs)
    assert all(s.url.startswith("https://") for s in sources)


def test_include_matches_compounds_in_any_case():
    source = Source(name="a", kind="single", url="https://a.nl", include=("bijstand", "Participatiewet"))
    assert source.names_include("Het BIJSTANDSEXPERIMENT is klaar")
    assert source.names_include(None, "over de participatiewet")
    assert not source.names_include("Nieuwe fietsenstalling", None)
    assert Source(name="a", kind="single", url="https://a.nl").names_include("wat dan ook")


def test_summary_lines():
    summary = Summary(fetched=["u1", "u2"], unchanged=["u3"], robots=["u4"], failed=[("u5", "HTTP 404 Not Found")],
                      filtered=["u2"], too_old=["u6", "u7"], offsite=["u8", "u9"])
    assert summary.lines() == [
        "2 fetched, 1 unchanged, 1 skipped by robots.txt, 1 failed.",
        "1 document named none of the include words and left out; "
        "2 documents published before --since left out; "
        "2 links to other hosts not followed (a source's `hosts` lists those it may follow).",
        "Error: u5: HTTP 404 Not Found",
    ]
