"""Loading the data files the components are built from (cached: read once per process)."""

from __future__ import annotations

import csv
import json
import re
from functools import lru_cache
from pathlib import Path

import yaml

from ..shipped import shipped

PATTERNS = Path(__file__).parent / "patterns"
REFERENCE = shipped("db/municipalities.csv")
_SUFFIX = re.compile(r"\s*\((?:[A-Z]+\.?|gemeente)\)$")


@lru_cache(maxsize=None)
def lexicon() -> dict:
    return yaml.safe_load((PATTERNS / "lexicon.yml").read_text(encoding="utf-8"))


@lru_cache(maxsize=None)
def jsonl(name: str) -> list[dict]:
    lines = (PATTERNS / name).read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip() and not line.startswith("#")]


def word_list(name: str) -> list[str]:
    lines = (PATTERNS / name).read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


@lru_cache(maxsize=None)
def abbreviations() -> frozenset:
    return frozenset(a.lower() for a in word_list("abbreviations.txt"))


@lru_cache(maxsize=None)
def municipalities() -> dict[str, dict]:
    """CBS code -> reference row (read from db/municipalities.csv)."""
    with open(REFERENCE, encoding="utf-8", newline="") as f:
        return {row["cbs_code"]: row for row in csv.DictReader(f)}


def current_code(code: str) -> str:
    """Follow a dissolved municipality to the one that holds it today."""
    rows = municipalities()
    seen = set()
    while rows[code]["merged_into"] and code not in seen:
        seen.add(code)
        code = rows[code]["merged_into"]
    return code


def plain_name(name: str) -> str:
    """'Hengelo (O.)' -> 'Hengelo': the name as running text writes it."""
    return _SUFFIX.sub("", name).strip()


def _derived_forms(name: str) -> list[tuple[str, str]]:
    """Regular adjective (-se) and inhabitant (-ers) forms of a one-word name."""
    if " " in name or len(name) < 4 or not name[0].isupper():
        return []
    if name.endswith("en"):
        stem = name[:-2]
        return [(stem + "se", "adjective"), (stem + "ers", "inhabitants")]
    if name[-1] in "aiou":
        return [(name + "se", "adjective")]
    if name[-1] == "e":
        return []
    return [(name + "se", "adjective"), (name + "ers", "inhabitants")]


@lru_cache(maxsize=None)
def ambiguous_names() -> frozenset:
    return frozenset(word_list("ambiguous_municipalities.txt"))


@lru_cache(maxsize=None)
def gazetteer() -> dict[str, tuple[str, str]]:
    """Written form -> (current CBS code, rule id). Names, aliases, derived and irregular forms."""
    rows = municipalities()
    forms: dict[str, set] = {}

    def add(form, code, rule):
        forms.setdefault(form, set()).add((current_code(code), rule))

    for code, row in rows.items():
        dissolved = bool(row["valid_to"])
        name = plain_name(row["name"])
        add(row["name"], code, "municipality-dissolved" if dissolved else "municipality-name")
        if name != row["name"]:
            add(name, code, "municipality-name")
        for alias in filter(None, (a.strip() for a in (row["aliases"] or "").split(";"))):
            if "(" not in alias:
                add(alias, code, "municipality-alias")
        if name not in ambiguous_names():
            for form, kind in _derived_forms(name):
                add(form, code, f"municipality-{kind}")
    with open(PATTERNS / "municipality_forms.csv", encoding="utf-8") as f:
        lines = [line for line in f if not line.startswith("#")]
    by_name = {plain_name(r["name"]): c for c, r in rows.items() if not r["valid_to"]}
    by_name.update({r["name"]: c for c, r in rows.items() if not r["valid_to"]})
    for row in csv.DictReader(lines):
        if row["municipality"] in by_name:
            add(row["form"], by_name[row["municipality"]], f"municipality-{row['kind']}")
    # A form that points at two different municipalities (Bergen) tells us nothing.
    out = {}
    for form, targets in forms.items():
        codes = {code for code, _ in targets}
        if len(codes) == 1:
            out[form] = sorted(targets)[0]
    return out


def municipality_name(code: str | None) -> str | None:
    return municipalities()[code]["name"] if code else None
