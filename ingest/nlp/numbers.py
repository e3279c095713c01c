"""Dutch numbers as press releases write them: 10.000, 2,5, 9 000, number words
(drie, vierhonderd, tweeduizend vijfhonderd, vijfentwintig) and fractions (een kwart)."""

from __future__ import annotations

import re
from functools import lru_cache

UNITS = {"nul": 0, "een": 1, "één": 1, "twee": 2, "drie": 3, "vier": 4, "vijf": 5, "zes": 6,
         "zeven": 7, "acht": 8, "negen": 9, "tien": 10, "elf": 11, "twaalf": 12, "dertien": 13,
         "veertien": 14, "vijftien": 15, "zestien": 16, "zeventien": 17, "achttien": 18,
         "negentien": 19}
TENS = {"twintig": 20, "dertig": 30, "veertig": 40, "vijftig": 50, "zestig": 60,
        "zeventig": 70, "tachtig": 80, "negentig": 90}
FRACTIONS = {"een kwart": 25.0, "kwart": 25.0, "de helft": 50.0, "helft": 50.0,
             "een derde": 33.3, "twee derde": 66.7, "driekwart": 75.0, "drie kwart": 75.0,
             "een vijfde": 20.0, "een tiende": 10.0}
APPROX = {"bijna", "ruim", "circa", "ca.", "ongeveer", "zo'n", "zo’n", "rond", "ongeveer", "plusminus",
          "bijkans", "nagenoeg", "about", "around", "nearly", "almost", "over", "some"}
_DIGITS = re.compile(r"^\d{1,3}(?:[.\u00a0 ]\d{3})+$|^\d+$")
_EN_THOUSANDS = re.compile(r"^\d{1,3}(?:,\d{3})+$")  # 11,000 (English); Dutch writes 2,5 for decimals
_DECIMAL = re.compile(r"^\d+,\d+$|^\d+\.\d{1,2}$")
_PERCENT = re.compile(r"^(\d+(?:[.,]\d+)?)%$")


def _below_hundred(word: str) -> int | None:
    if word in UNITS:
        return UNITS[word]
    if word in TENS:
        return TENS[word]
    for sep in ("ën", "en"):
        if sep in word:
            unit, _, tens = word.partition(sep)
            if unit in UNITS and tens in TENS and UNITS[unit] < 10:
                return UNITS[unit] + TENS[tens]
    return None


def parse_word_number(word: str) -> int | None:
    """'vierhonderd' -> 400, 'tweeduizend' -> 2000, 'driehonderdvijftig' -> 350."""
    word = word.lower().replace("-", "")
    if not word.isalpha():
        return None
    if "duizend" in word:
        head, _, tail = word.partition("duizend")
        mult = parse_word_number(head) if head else 1
        rest = parse_word_number(tail) if tail else 0
        return None if mult is None or rest is None else mult * 1000 + rest
    if "honderd" in word:
        head, _, tail = word.partition("honderd")
        mult = _below_hundred(head) if head else 1
        rest = _below_hundred(tail) if tail else 0
        return None if mult is None or rest is None else mult * 100 + rest
    return _below_hundred(word)


@lru_cache(maxsize=65536)
def parse_number(text: str) -> float | None:
    """A token's value: '10.000' -> 10000, '2,5' -> 2.5, 'drie' -> 3; None if not a number."""
    t = text.strip()
    m = _PERCENT.match(t)
    if m:
        t = m.group(1)
    if _DIGITS.match(t):
        return float(re.sub(r"[.\u00a0 ]", "", t))
    if _EN_THOUSANDS.match(t):
        return float(t.replace(",", ""))
    if _DECIMAL.match(t):
        return float(t.replace(",", "."))
    return parse_word_number(t)


def as_int(value: float | None) -> int | None:
    return int(value) if value is not None and float(value).is_integer() else None


def clean(value: float | None):
    """2.0 -> 2, 2.5 -> 2.5: numbers as a reader writes them."""
    if value is None:
        return None
    return int(value) if float(value).is_integer() else value
