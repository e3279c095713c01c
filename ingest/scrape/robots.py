"""robots.txt as RFC 9309 reads it.

Python's urllib.robotparser takes the first matching rule and knows no wildcards; the
RFC (and every large crawler) takes the longest match, lets Allow win a tie, and
understands `*` (any characters) and a final `$` (end of the path).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from urllib.parse import quote, unquote, urlsplit

MAX_CHARS = 500 * 1024  # the RFC asks crawlers to read at least 500 KiB
_ESCAPE = re.compile(r"%[0-9A-Fa-f]{2}")
# Octets that mean the same encoded or not (RFC 3986 unreserved): decoded before comparing.
_UNRESERVED = set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")


@dataclass(frozen=True)
class Rule:
    allow: bool
    pattern: str  # normalised; may hold * and end in $

    def matches(self, path: str) -> bool:
        return _matches(_pieces(self.pattern), path)


@dataclass
class Robots:
    """The rules of one robots.txt for one crawler; `allowed(url)` decides."""

    rules: list[Rule] = field(default_factory=list)
    crawl_delay: float | None = None

    @classmethod
    def allow_all(cls) -> "Robots":
        return cls()

    @classmethod
    def disallow_all(cls) -> "Robots":
        return cls([Rule(False, "/")])

    def allowed(self, url: str) -> bool:
        """Whether the path (and query) of `url` may be fetched: the longest matching rule
        decides, Allow wins a tie, no match allows."""
        parts = urlsplit(url)
        path = _normalise((parts.path or "/") + (f"?{parts.query}" if parts.query else ""))
        if path == "/robots.txt":
            return True
        best: Rule | None = None
        for rule in self.rules:
            if rule.matches(path) and (
                    best is None or len(rule.pattern) > len(best.pattern)
                    or (len(rule.pattern) == len(best.pattern) and rule.allow)):
                best = rule
        return best is None or best.allow


def parse(text: str, agent: str) -> Robots:
    """The rules robots.txt `text` gives the crawler whose product token is `agent`.

    The groups naming `agent` (case-insensitively) are combined; failing those, the `*`
    groups; failing both, nothing is disallowed. Crawl-delay comes from the same groups.
    """
    groups: list[tuple[list[str], list[Rule], list[float]]] = []
    in_rules = True  # a user-agent line after a rule starts a new group
    for line in text[:MAX_CHARS].lstrip("\ufeff").splitlines():
        key, sep, value = line.split("#", 1)[0].partition(":")
        key, value = key.strip().lower(), value.strip()
        if not sep:
            continue
        if key == "user-agent":
            if in_rules:
                groups.append(([], [], []))
                in_rules = False
            groups[-1][0].append(value.split("/")[0].strip().lower())
        elif key in ("allow", "disallow") and groups:
            in_rules = True
            if value:  # an empty Disallow disallows nothing
                groups[-1][1].append(Rule(key == "allow", _normalise(value)))
        elif key == "crawl-delay" and groups:
            in_rules = True
            try:
                groups[-1][2].append(float(value))
            except ValueError:
                pass
    for wanted in (agent.lower(), "*"):
        chosen = [g for g in groups if wanted in g[0]]
        if chosen:
            delays = [d for g in chosen for d in g[2] if d >= 0]
            return Robots([r for g in chosen for r in g[1]], max(delays) if delays else None)
    return Robots.allow_all()


@lru_cache(maxsize=4096)
def _pieces(pattern: str) -> tuple[tuple[str, ...], bool]:
    """A pattern as its literal pieces between the `*`s, and whether it ends in `$`."""
    body, anchored = (pattern[:-1], True) if pattern.endswith("$") else (pattern, False)
    return tuple(body.split("*")), anchored


def _matches(pieces: tuple[tuple[str, ...], bool], path: str) -> bool:
    """Whether `path` starts with the pattern (or is all of it, when it ends in `$`).

    Greedy and without backtracking: the first piece must start the path, every later
    one is taken at its leftmost place after the one before (taking it later never
    helps the pieces that follow), and an anchored pattern's last piece must end the
    path. Each piece is searched once, so the time grows with the path times the number
    of pieces, never exponentially (a regular expression of many `.*` backtracks).
    """
    parts, anchored = pieces
    first, *middle = parts
    if len(parts) == 1:
        return path == first if anchored else path.startswith(first)
    if not path.startswith(first):
        return False
    last = middle.pop() if anchored else ""
    at = len(first)
    for piece in middle:
        found = path.find(piece, at)
        if found < 0:
            return False
        at = found + len(piece)
    return not anchored or (len(path) - len(last) >= at and path.endswith(last))


def _normalise(path: str) -> str:
    """Percent-encoding made comparable: unreserved octets decoded, others upper-case hex,
    non-ASCII characters encoded as UTF-8."""
    def escape(match: re.Match) -> str:
        char = unquote(match.group())
        return char if char in _UNRESERVED else match.group().upper()

    return _ESCAPE.sub(escape, quote(path, safe="/?*$%:@!&'()+,;=-._~[]"))
