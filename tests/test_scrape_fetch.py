"""The fetcher against a real HTTP server on 127.0.0.1: politeness and every fault."""

import os
import time

import pytest

from fakesite import FakeClock, site  # noqa: F401 (a fixture)
from ingest.errors import FetchError, RobotsDisallowed
from ingest import __version__
from ingest.scrape.fetch import CONTACT, PLACEHOLDER_CONTACT, USER_AGENT, Fetcher, decode_body, retry_after

FAST = dict(delay=0.0, timeout=0.3, retries=2, backoff=0.05, max_bytes=200_000)


@pytest.fixture
def seen():
    """The responses the fetcher hands to its on_response hook (the archive, in real runs)."""
    return []


@pytest.fixture
def clock():
    return FakeClock()


def timed(clock, **options):
    return Fetcher(clock=clock, sleep=clock.sleep, **{**FAST, **options})


@pytest.fixture
def fetcher(seen):
    f = Fetcher(on_response=seen.append, **FAST)
    yield f
    f.close()


def test_robots_txt_first_once_and_the_user_agent_says_who_we_are(site, fetcher):
    fetcher.get(site.url("/nieuws/index.html"))
    fetcher.get(site.url("/nieuws/pagina-2.html"))
    assert site.paths() == ["/robots.txt", "/nieuws/index.html", "/nieuws/pagina-2.html"]
    assert {r.headers["User-Agent"] for r in site.requests()} == {USER_AGENT}
    assert USER_AGENT == f"bijstand-evidence/{__version__} (+{CONTACT})"


def test_a_disallowed_page_is_never_requested(site, fetcher):
    with pytest.raises(RobotsDisallowed) as err:
        fetcher.get(site.url("/intern/concept.html"))
    assert err.value.reason == "disallowed by robots.txt"
    assert site.paths() == ["/robots.txt"]


def test_a_redirect_into_a_disallowed_path_stops_at_the_redirect(site, fetcher):
    with pytest.raises(RobotsDisallowed) as err:
        fetcher.get(site.url("/oud/concept.html"))
    assert err.value.source == site.url("/intern/concept.html")
    assert site.paths() == ["/robots.txt", "/oud/concept.html"]


def test_an_unreachable_robots_txt_means_nothing_is_fetched(site, fetcher):
    site.faults["/robots.txt"] = "always:503"
    with pytest.raises(FetchError, match=r"robots.txt could not be read \(HTTP 503 Service Unavailable \(3 tries\)\)"):
        fetcher.get(site.url("/nieuws/index.html"))
    assert set(site.paths()) == {"/robots.txt"}


def test_robots_txt_404_allows_everything(site, fetcher):
    (site.root / "robots.txt").unlink()
    assert fetcher.get(site.url("/intern/concept.html")).status == 200


def test_500_then_success_is_retried_and_both_answers_are_archived(site, fetcher, seen):
    response = fetcher.get(site.url("/storingen/herstel.html"))
    assert response.status == 200
    assert [r.status for r in site.requests("/storingen/herstel.html")] == [500, 200]
    assert [r.status for r in seen if r.url.endswith("herstel.html")] == [500, 200]


def test_429_waits_for_retry_after(site, fetcher):
    assert fetcher.get(site.url("/storingen/druk.html")).status == 200
    first, second = site.requests("/storingen/druk.html")
    assert (first.status, second.status) == (429, 200)
    assert second.at - first.at >= 0.95  # Retry-After: 1, not the 0.05 s backoff (a real sleep is never shorter)


def test_429_asks_for_exactly_the_retry_after_wait(site, clock):
    assert timed(clock).get(site.url("/storingen/druk.html")).status == 200
    assert [r.status for r in site.requests("/storingen/druk.html")] == [429, 200]
    assert clock.sleeps == [pytest.approx(1.0)]  # Retry-After: 1, not the 0.05 s backoff


def test_a_retry_after_beyond_the_limit_is_not_waited_for(site, seen):
    fetcher = Fetcher(max_retry_after=0.5, **FAST)
    with pytest.raises(FetchError) as err:
        fetcher.get(site.url("/storingen/druk.html"))
    assert err.value.reason == ("HTTP 429 Too Many Requests; asked to retry after 1 s, "
                                "more than the limit of 0.5 s")
    assert len(site.requests("/storingen/druk.html")) == 1


def test_5xx_is_retried_with_growing_backoff_then_reported(site, fetcher):
    with pytest.raises(FetchError) as err:
        fetcher.get(site.url("/storingen/overbelast.html"))
    assert err.value.reason == "HTTP 503 Service Unavailable (3 tries)"
    times = [r.at for r in site.requests("/storingen/overbelast.html")]
    assert len(times) == 3
    assert times[1] - times[0] >= 0.05 and times[2] - times[1] >= 0.1  # backoff 0.05, then 0.1


def test_the_backoff_doubles_exactly(site, clock):
    with pytest.raises(FetchError) as err:
        timed(clock).get(site.url("/storingen/overbelast.html"))
    assert err.value.reason == "HTTP 503 Service Unavailable (3 tries)"
    assert [r.status for r in site.requests("/storingen/overbelast.html")] == [503, 503, 503]
    assert clock.sleeps == [pytest.approx(0.05), pytest.approx(0.1)]


def test_a_slow_server_times_out_and_is_retried(site, clock):
    # Three timeouts, not three slow answers: had the fetcher waited for one, it would
    # have its 200. (The elapsed time proved this before, and failed on a busy machine.)
    with pytest.raises(FetchError) as err:
        timed(clock).get(site.url("/storingen/traag.html"))
    assert err.value.reason == "timed out after 0.3 s (3 tries)"
    assert len(site.requests("/storingen/traag.html")) == 3
    assert clock.sleeps == [pytest.approx(0.05), pytest.approx(0.1)]  # the backoff between the tries


@pytest.mark.parametrize("path", ["/storingen/druppel.html", "/storingen/druppelkop.html"])
def test_a_response_that_trickles_in_ends_at_the_deadline(site, path):
    # One byte every 0.1 s: no read waits the 5 s timeout (far above the gap, however busy the
    # machine), and the whole answer would take over a minute. The deadline ends it, headers
    # or body, and the next URL is fetched.
    fetcher = Fetcher(**{**FAST, "timeout": 5, "max_seconds": 1})
    started = time.monotonic()
    with pytest.raises(FetchError) as err:
        fetcher.get(site.url(path))
    assert err.value.reason == "download took longer than 1 s"
    assert time.monotonic() - started < 30  # not the minute the trickle takes
    assert len(site.requests(path)) == 1  # a deadline is not retried
    assert fetcher.get(site.url("/nieuws/index.html")).status == 200


def test_404_is_reported_at_once(site, fetcher):
    with pytest.raises(FetchError) as err:
        fetcher.get(site.url("/storingen/weg.html"))
    assert err.value.reason == "HTTP 404 Not Found"
    assert len(site.requests("/storingen/weg.html")) == 1


def test_a_redirect_loop_is_named(site, fetcher):
    with pytest.raises(FetchError) as err:
        fetcher.get(site.url("/lus/a"))
    assert err.value.reason == f"redirect loop: {site.url('/lus/a')} -> {site.url('/lus/b')} -> {site.url('/lus/a')}"
    assert site.paths().count("/lus/a") == 1


def test_a_bad_location_header_is_named(site, fetcher):
    with pytest.raises(FetchError) as err:
        fetcher.get(site.url("/storingen/kromme-verwijzing.html"))
    assert err.value.reason == "HTTP 302 with a bad Location header 'http://[oops/x' (Invalid IPv6 URL)"


def test_every_hop_must_be_on_an_allowed_host(site, fetcher):
    moved = site.url("/storingen/verhuisd.html")
    with pytest.raises(FetchError) as err:
        fetcher.get(moved, hosts={"127.0.0.1"})
    target = site.url("/nieuws/deventer-tussenstand.html").replace("127.0.0.1", "localhost")
    assert err.value.reason == (f"redirected to {target}, but host localhost is not one of the source's hosts "
                                "(127.0.0.1); add it to its `hosts` to follow it")
    assert [r.headers["Host"].split(":")[0] for r in site.requests()] == ["127.0.0.1"] * 2  # robots.txt, the 302
    assert fetcher.get(moved, hosts={"127.0.0.1", "localhost"}).url == target
    assert fetcher.get(moved).url == target  # no hosts given: any


def test_the_environment_s_proxies_are_not_used(site, monkeypatch):
    monkeypatch.setenv("HTTP_PROXY", "http://127.0.0.1:9")  # nothing listens there
    monkeypatch.setenv("NO_PROXY", "")
    assert Fetcher(**FAST).get(site.url("/nieuws/index.html")).status == 200


@pytest.mark.parametrize("path,reason", [
    ("/storingen/groot.html", "body of 10,485,760 bytes is larger than the limit of 200,000"),
    ("/storingen/stroom.html", "body is larger than the limit of 200,000 bytes"),
])
def test_an_oversized_body_is_refused(site, fetcher, path, reason):
    with pytest.raises(FetchError) as err:
        fetcher.get(site.url(path))
    assert err.value.reason == reason


def test_a_wrong_content_type_is_refused_before_the_body(site, fetcher, seen):
    with pytest.raises(FetchError) as err:
        fetcher.get(site.url("/storingen/foto.html"), accept=("text/html",))
    assert err.value.reason == "unexpected content type image/jpeg (expected text/html)"
    assert not [r for r in seen if r.url.endswith("foto.html")]


def test_conditional_request_gets_304(site, seen):
    first = Fetcher(**FAST).get(site.url("/feed.xml"))
    etag = first.header("ETag")
    fetcher = Fetcher(validators=lambda url: {"If-None-Match": etag}, **FAST)
    again = fetcher.get(site.url("/feed.xml"))
    assert (again.status, again.body) == (304, b"")
    assert site.requests("/feed.xml")[-1].headers["If-None-Match"] == etag


def test_bodies_are_kept_as_sent_and_decoded_on_demand(site, fetcher):
    response = fetcher.get(site.url("/nieuws/index.html"))
    assert response.header("Content-Encoding") == "gzip"
    assert response.body[:2] == b"\x1f\x8b"
    assert response.content == (site.root / "nieuws" / "index.html").read_bytes()


def test_one_host_is_asked_at_most_once_per_delay(site, clock):
    # Exactly: the server's arrival times also hold the machine's scheduling, which made a
    # real-time gap of 0.29 s flaky under load.
    fetcher = timed(clock, delay=0.3)
    for path in ("/nieuws/index.html", "/nieuws/pagina-2.html", "/nieuws/pagina-3.html"):
        fetcher.get(site.url(path))
    assert site.paths() == ["/robots.txt", "/nieuws/index.html", "/nieuws/pagina-2.html", "/nieuws/pagina-3.html"]
    assert clock.sleeps == [pytest.approx(0.3)] * 3  # before each page, robots.txt being the first request


def test_one_host_is_asked_at_most_once_per_delay_in_real_time(site):
    fetcher = Fetcher(**{**FAST, "delay": 0.3})
    started = time.monotonic()
    for path in ("/nieuws/index.html", "/nieuws/pagina-2.html", "/nieuws/pagina-3.html"):
        fetcher.get(site.url(path))
    assert time.monotonic() - started >= 0.9  # three waits of 0.3 s (a real sleep is never shorter)


def test_robots_crawl_delay_is_honoured(site, clock):
    (site.root / "robots.txt").write_text("User-agent: *\nCrawl-delay: 1\nDisallow: /intern/\n")
    fetcher = timed(clock)
    fetcher.get(site.url("/nieuws/index.html"))
    fetcher.get(site.url("/nieuws/pagina-2.html"))
    assert site.paths() == ["/robots.txt", "/nieuws/index.html", "/nieuws/pagina-2.html"]
    assert clock.sleeps == [pytest.approx(1.0)]  # between the two pages (delay 0, Crawl-delay 1)


@pytest.mark.parametrize("value,seconds", [("1", 1.0), ("120", 120.0), (None, None), ("soon", None),
                                           ("Wed, 21 Oct 2015 07:28:00 GMT", 0.0)])
def test_retry_after_values(value, seconds):
    assert retry_after(value) == seconds


def test_decode_body_refuses_a_gzip_bomb():
    import gzip

    bomb = gzip.compress(b"\0" * 1_000_000)
    with pytest.raises(ValueError, match="larger than the limit of 1,000 bytes"):
        decode_body(bomb, "gzip", 1000)
    assert decode_body(bomb, "gzip", 2_000_000) == b"\0" * 1_000_000


def test_the_contact_in_the_user_agent_is_a_setting(tmp_path):
    import subprocess
    import sys

    def agent(**env):
        code = "from ingest.scrape.fetch import USER_AGENT; print(USER_AGENT)"
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                             env={k: v for k, v in {**os.environ, **env}.items() if v is not None})
        return out.stdout.strip()

    assert agent(EVIDENCE_CONTACT="https://evidence.example.nl/over") == \
        f"bijstand-evidence/{__version__} (+https://evidence.example.nl/over)"
    assert agent(EVIDENCE_CONTACT=None).endswith(f"(+{PLACEHOLDER_CONTACT})")
