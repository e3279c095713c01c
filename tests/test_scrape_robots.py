"""robots.txt as RFC 9309 reads it: groups, longest match, Allow on ties, * and $."""

import pytest

from fakesite import FakeSite
from ingest.scrape.fetch import Fetcher
from ingest.scrape.robots import Robots, parse

AGENT = "bijstand-evidence"
SITE = "https://www.proefstad.nl"


def allowed(robots_txt: str, path: str, agent: str = AGENT) -> bool:
    return parse(robots_txt, agent).allowed(SITE + path)


@pytest.mark.parametrize("robots_txt,path,expected", [
    # The longest match wins, whatever the order (urllib.robotparser takes the first).
    ("User-agent: *\nDisallow: /\nAllow: /nieuws/\n", "/nieuws/a", True),
    ("User-agent: *\nAllow: /nieuws/\nDisallow: /nieuws/intern/\n", "/nieuws/intern/b", False),
    ("User-agent: *\nDisallow: /nieuws/intern/\nAllow: /nieuws/\n", "/nieuws/intern/b", False),
    # Equally long: Allow wins.
    ("User-agent: *\nDisallow: /nieuws\nAllow: /nieuws\n", "/nieuws/a", True),
    # * is any run of characters, $ the end of the path.
    ("User-agent: *\nDisallow: /*.pdf$\n", "/rapporten/eind.pdf", False),
    ("User-agent: *\nDisallow: /*.pdf$\n", "/rapporten/eind.pdf?download=1", True),
    ("User-agent: *\nDisallow: /*.pdf$\n", "/rapporten/eind.pdf.html", True),
    ("User-agent: *\nDisallow: /*?\n", "/zoeken?q=bijstand", False),
    ("User-agent: *\nDisallow: /*?\n", "/zoeken", True),
    ("User-agent: *\nDisallow: /nieuws/*/concept\n", "/nieuws/2020/concept.html", False),
    ("User-agent: *\nDisallow: /nieuws/*/concept\n", "/nieuws/concept", True),
    ("User-agent: *\nDisallow: /\nAllow: /$\n", "/", True),
    ("User-agent: *\nDisallow: /\nAllow: /$\n", "/nieuws", False),
    ("User-agent: *\nDisallow: /a*\nAllow: /a*b$\n", "/axxb", True),  # longer pattern wins
    # Rules are prefixes; case matters in paths.
    ("User-agent: *\nDisallow: /Intern\n", "/intern", True),
    ("User-agent: *\nDisallow: /intern\n", "/internationaal", False),
    # An empty Disallow disallows nothing; robots.txt itself is always allowed.
    ("User-agent: *\nDisallow:\n", "/alles", True),
    ("User-agent: *\nDisallow: /\n", "/robots.txt", True),
    # Percent-encoding: unreserved characters compare decoded, the rest case-insensitively encoded.
    ("User-agent: *\nDisallow: /%7Ejan/\n", "/~jan/a", False),
    ("User-agent: *\nDisallow: /caf%c3%a9\n", "/caf%C3%A9", False),
    ("User-agent: *\nDisallow: /café\n", "/caf%C3%A9", False),
    # Comments, odd case and spacing, a BOM.
    ("\ufeffUSER-AGENT : * # alle crawlers\n  disallow :  /intern/  # niet openbaar\n", "/intern/x", False),
    ("User-agent: *\nDisallow: /a # /b\n", "/b", True),
])
def test_rules(robots_txt, path, expected):
    assert allowed(robots_txt, path) is expected


GROUPS = """
User-agent: googlebot
Disallow: /

User-agent: *
Disallow: /intern/
Crawl-delay: 2

User-agent: Bijstand-Evidence
User-agent: anderebot
Disallow: /rapporten/
Crawl-delay: 5

User-agent: bijstand-evidence/0.1
Disallow: /concept/
"""


@pytest.mark.parametrize("agent,path,expected", [
    # Our groups (the product token in any case, with or without a version) are combined ...
    (AGENT, "/rapporten/a.pdf", False),
    (AGENT, "/concept/x", False),
    # ... and replace the * group rather than add to it.
    (AGENT, "/intern/x", True),
    ("anderebot", "/concept/x", True),
    ("googlebot", "/nieuws", False),
    ("iemand", "/intern/x", False),
    ("iemand", "/rapporten/a.pdf", True),
])
def test_groups(agent, path, expected):
    assert allowed(GROUPS, path, agent) is expected


def test_crawl_delay_comes_from_the_group_that_applies():
    assert parse(GROUPS, AGENT).crawl_delay == 5
    assert parse(GROUPS, "iemand").crawl_delay == 2
    assert parse(GROUPS, "googlebot").crawl_delay is None
    assert parse("User-agent: *\nCrawl-delay: soms\n", AGENT).crawl_delay is None


@pytest.mark.parametrize("robots_txt", [
    "",
    "Disallow: /\n",  # a rule outside any group
    "User-agent: googlebot\nDisallow: /\n",  # no group for us and no *
    "Sitemap: https://www.proefstad.nl/sitemap.xml\n",
])
def test_no_group_that_applies_allows_everything(robots_txt):
    assert allowed(robots_txt, "/intern/x")


def test_a_user_agent_line_after_rules_starts_a_new_group():
    robots_txt = "User-agent: *\nDisallow: /a\nUser-agent: bijstand-evidence\nDisallow: /b\n"
    assert allowed(robots_txt, "/a") and not allowed(robots_txt, "/b")
    assert not allowed(robots_txt, "/a", "iemand")


def test_allow_all_and_disallow_all():
    assert Robots.allow_all().allowed(SITE + "/x")
    assert not Robots.disallow_all().allowed(SITE + "/x")
    assert Robots.disallow_all().allowed(SITE + "/robots.txt")


def test_the_fetcher_never_requests_what_a_wildcard_rule_disallows(tmp_path):
    with FakeSite.copy_of(tmp_path / "site") as site:
        (site.root / "robots.txt").write_text("User-agent: *\nDisallow: /\nAllow: /nieuws/\n"
                                              "Disallow: /*.pdf$\n")
        fetcher = Fetcher(delay=0, timeout=1, retries=0)
        assert fetcher.allowed(site.url("/nieuws/index.html"))
        assert not fetcher.allowed(site.url("/rapporten/eindrapport.pdf"))
        assert not fetcher.allowed(site.url("/feed.xml"))
        fetcher.get(site.url("/nieuws/index.html"))
        assert site.paths() == ["/robots.txt", "/nieuws/index.html"]


def _by_regex(pattern: str, path: str) -> bool:
    """The matcher as a regular expression (what robots.py used to run): the reference."""
    import re

    body, anchored = (pattern[:-1], True) if pattern.endswith("$") else (pattern, False)
    return re.match(".*".join(map(re.escape, body.split("*"))) + (r"\Z" if anchored else ""), path) is not None


def test_the_matcher_agrees_with_the_regular_expression_on_every_small_case():
    from itertools import product

    from ingest.scrape.robots import Rule

    # Every pattern of up to 4 symbols from "/ab*" (optionally ending in $) against every path of up to 5.
    patterns = ["/" + "".join(p) + end for n in range(4) for p in product("ab*", repeat=n) for end in ("", "$")]
    paths = ["/" + "".join(p) for n in range(5) for p in product("ab", repeat=n)]
    for pattern in patterns:
        for path in paths:
            assert Rule(False, pattern).matches(path) is _by_regex(pattern, path), (pattern, path)


def test_a_rule_of_many_wildcards_is_matched_in_linear_time():
    import time

    # A regular expression of 20 `.*` backtracks through every way to split the path:
    # 43 s for a 32-character path on this machine, four times as long per 2 more.
    rule = "User-agent: *\nDisallow: /" + "*a" * 20 + "b\n"
    robots = parse(rule, AGENT)
    started = time.monotonic()
    assert robots.allowed(SITE + "/" + "a" * 5000)  # never a "b": allowed
    assert not robots.allowed(SITE + "/" + "a" * 5000 + "b")
    assert time.monotonic() - started < 5  # milliseconds now; the regex would take longer than the universe
