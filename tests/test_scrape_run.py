"""A scrape run in-process (ingest.scrape.scrape) against the fake site: --since, allowed hosts."""

import pytest

from fakesite import site  # noqa: F401 (a fixture)
from ingest.scrape.archive import Archive
from ingest.scrape.crawl import scrape
from ingest.scrape.sources import Source, parse_sources

FAST = dict(delay=0.0, timeout=5.0, retries=0, backoff=0.01)


@pytest.fixture
def archive(tmp_path):
    with Archive(tmp_path / "archive") as archive:
        yield archive


def test_since_drops_a_document_whose_own_date_is_older(site, archive):
    # A single page: no feed or sitemap gives a date, only the page itself (2017-09-20).
    old = Source(name="oud", kind="single", url=site.url("/nieuws/groningen-oud-bericht.html"))
    summary = scrape([old], archive, since="2019-01-01", **FAST)
    assert (summary.fetched, summary.too_old) == ([old.url], [old.url])
    assert archive.resource(old.url) is None  # not in the build
    assert scrape([old], archive, **FAST).too_old == []
    assert archive.resource(old.url)["kept"] == 1
    # --since limits what a run adds; it does not take out what an earlier run kept.
    assert scrape([old], archive, since="2019-01-01", **FAST).too_old == [old.url]
    assert archive.resource(old.url)["kept"] == 1


def test_since_keeps_a_document_of_that_month_or_later(site, archive):
    page = Source(name="tilburg", kind="single", url=site.url("/nieuws/tilburg-vertrouwen-en-zelfregie.html"))
    assert scrape([page], archive, since="2020-02-14", **FAST).too_old == []
    assert archive.resource(page.url)["kept"] == 1


def storingen(site, **extra):
    entry = {"name": "storingen", "kind": "html-listing", "url": site.url("/storingen/index.html"),
             "links": "a.news-item", "match": "(localhost|verhuisd)", **extra}
    return parse_sources([entry])


def hosts_asked(site):
    return {r.headers["Host"].split(":")[0] for r in site.requests()}


def test_links_and_redirects_to_other_hosts_are_not_followed(site, archive):
    summary = scrape(storingen(site), archive, **FAST)
    elsewhere = site.url("/nieuws/tilburg-vertrouwen-en-zelfregie.html").replace("127.0.0.1", "localhost")
    assert summary.offsite == [elsewhere]
    assert [url for url, _ in summary.failed] == [site.url("/storingen/verhuisd.html")]
    assert hosts_asked(site) == {"127.0.0.1"}


def test_a_source_s_hosts_may_be_followed(site, archive):
    summary = scrape(storingen(site, hosts=["localhost"]), archive, **FAST)
    assert (summary.offsite, summary.failed) == ([], [])
    assert hosts_asked(site) == {"127.0.0.1", "localhost"}
    # robots.txt is read for the other host too, before its first page.
    asked = [(r.headers["Host"].split(":")[0], r.path) for r in site.requests()]
    assert asked.index(("localhost", "/robots.txt")) < asked.index(("localhost", "/nieuws/deventer-tussenstand.html"))
    assert sorted(summary.fetched) == sorted([
        site.url("/storingen/index.html"), site.url("/storingen/verhuisd.html"),
        site.url("/nieuws/tilburg-vertrouwen-en-zelfregie.html").replace("127.0.0.1", "localhost")])


def test_the_url_s_own_host_is_always_allowed():
    source = parse_sources([{"name": "a", "kind": "rss", "url": "https://Feeds.Proefstad.nl/nieuws.rss",
                             "hosts": ["www.proefstad.nl", "CDN.proefstad.nl "]}])[0]
    assert source.allowed_hosts == {"feeds.proefstad.nl", "www.proefstad.nl", "cdn.proefstad.nl"}
