"""A document's own facts read from the top of its text: the headline, the publication
date and the author, as a careful reader finds them among the things that stand above a
body: archive date prefixes, navigation menus, labels (PERSBERICHT), letterheads,
datelines, bylines and memo fields (Onderwerp:, Datum:).

Used for plain text and for the first page of a PDF, where no markup says which line is
the headline. Each rule describes how Dutch (and English) pages are laid out, never a
particular document.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .dates import MONTHS, normalise_date

HEADER_LINES = 14  # a headline, date or byline stands in the first lines or not at all
MAX_TITLE = 160
BULLETS = "•·▪◦●-–—*"
# "date 2020-05 …": the date an archive put in front of the text
ARCHIVE_DATE = re.compile(r"^\s*(?:date|datum|gepubliceerd|published)\s*:?\s*(\d{4}-\d{2}(?:-\d{2})?)\b\s*", re.I)
MEMO_FIELD = re.compile(r"^([A-Za-zÀ-ÿ -]{2,30}):\s+(\S.*)$")
SUBJECT_FIELDS = {"onderwerp", "betreft", "subject", "titel", "title"}
DATE_FIELDS = {"datum", "date", "gepubliceerd", "published", "verzonden"}
# The fields of a letter's or memo's head; another "X: Y" line may well be a headline
MEMO_KEYS = SUBJECT_FIELDS | DATE_FIELDS | {
    "aan", "van", "to", "from", "cc", "kenmerk", "ons kenmerk", "uw kenmerk", "zaaknummer", "portefeuillehouder",
    "bijlage", "bijlagen", "contactpersoon", "telefoon", "e-mail", "afzender", "reference"}
# "Door Joost Hermsen | 2 oktober 2020", "Tekst: Marleen Vos | Beeld: …", "By J. de Wit": a
# short line whose name is capitalised ("Door anders met de regels om te gaan, …" is a sentence)
BYLINE = re.compile(r"^(?i:door|tekst|text|by|geschreven door|auteur|author)\s*:?\s+([A-ZÀ-Ý][^|,•·]{1,50})")
MAX_BYLINE = 90
NOT_TITLE_START = re.compile(r"^(?:foto|beeld|bron|fotografie|illustratie|credit|photo|image|"
                             r"van onze|redactie|gepubliceerd|published|bijgewerkt|updated|leestijd|"
                             r"aan de|geachte|beste|dear)\b", re.I)
# A dateline opens the body: "TILBURG – …", "HAREN, 20 november 2018 - …", "Tilburg, 25 juni 2020 – …"
DATELINE = re.compile(r"^(?:[A-ZÀ-Ý'’. -]{3,40}(?:,[^–—-]{0,40})?|[A-ZÀ-Ý][\w'’. -]{1,40},\s+\d{1,2}\s+[a-z]+\.?\s+\d{4})"
                      r"\s+[–—-]\s+\S")
# Dates that are not the document's: "Peildatum 1 oktober 2019", "Looptijd: 2017-2019"
OTHER_DATE = re.compile(r"^(?:peildatum|stand per|stand van zaken per|looptijd|periode|start|einde|deadline|"
                        r"sluitingsdatum|reference date|as of)\b", re.I)
YEAR = re.compile(r"\b((?:19|20)\d\d)\b")
SENTENCE_BREAK = re.compile(r"[.!?]\s+[A-Z„“‘'\"]")
MONTH_YEAR = re.compile(r"\b(" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?\s+((?:19|20)\d\d)\b",
                        re.I)
# Words that may stay lower case in a line that is a name or a letterhead, not a headline
NAME_WORDS = {"der", "van", "de", "den", "het", "voor", "en", "of", "for", "and", "the", "in", "op", "aan",
              "te", "la", "le", "du", "von", "und", "no", "nr"}
_WORD = re.compile(r"[^\W\d_][\w'’-]*")
# The authors of a report or paper, a line of names: "J. de Wit, S. Akkermans and P. Verbeek"
_NAME_PART = re.compile(r"^(?:[A-ZÀ-Ý][\w'’-]*\.?|[A-Z]\.(?:[A-Z]\.)*)"
                        r"(?:\s+(?:van|de|der|den|el|al|ter|ten|von|le|la|du)){0,3}"
                        r"(?:\s+[A-ZÀ-Ý][\w'’-]+){1,2}$")
_NAME_SEPARATORS = re.compile(r"\s*,\s*|\s+(?:and|en|&)\s+")


@dataclass
class Facts:
    title: str | None = None
    published: str | None = None
    author: str | None = None


def without_byline_word(author: str | None) -> str | None:
    """'Door Jan de Vries' -> 'Jan de Vries': the name, not the word that introduces it."""
    if not author:
        return None
    m = BYLINE.match(author.strip())
    return m.group(1).strip() if m else author.strip()


def header(text: str) -> list[str]:
    """The first lines of the text, stripped, empty ones left out, up to the first long
    paragraph (the body has begun)."""
    out, counted = [], 0
    for line in text.splitlines():
        line = line.strip()
        if not line:
            continue
        out.append(line)
        counted += line[0] not in BULLETS  # a menu's items do not use up the header
        if counted >= HEADER_LINES or len(line) > 300:
            break
    return out


def date_in(line: str, year: bool = False) -> str | None:
    """A full date in the line (ISO, '14 februari 2020', '14-02-2020'), else a month and year
    ('maart 2020' -> 2020-03), else (with `year`, for a running header or a metadata line)
    a year alone."""
    found = normalise_date(line)
    if found:
        return found
    m = MONTH_YEAR.search(line)
    if m:
        return f"{m.group(2)}-{MONTHS[m.group(1).lower()]:02d}"
    m = YEAR.search(line) if year else None
    return m.group(1) if m else None


def _words(line: str) -> list[str]:
    return _WORD.findall(line)


def is_label(line: str) -> bool:
    """A line that names something rather than says it: all capitals (PERSBERICHT, GEMEENTE
    OSS, NIEUWSFLITS 17:30), one word (nieuws, Abstract), or a name in capitals throughout
    (Tweede Kamer der Staten-Generaal, Radboud University – Institute for …)."""
    words = _words(line)
    if not words:
        return True
    letters = [c for c in line if c.isalpha()]
    if letters and sum(c.isupper() for c in letters) >= 0.7 * len(letters):
        return True
    if len(words) == 1:
        return True
    lower = [w for w in words if w[0].islower() and w.lower() not in NAME_WORDS]
    return not lower and len(words) <= 8 and not line.endswith("?")


def names_line(line: str) -> bool:
    """Two or more people's names and nothing else."""
    parts = [p for p in _NAME_SEPARATORS.split(line) if p]
    return len(line) <= 120 and len(parts) >= 2 and all(_NAME_PART.match(p) for p in parts)


def is_date_line(line: str) -> bool:
    """A line that is mostly a date: '27 januari 2022', 'Gemeente Tilburg, 14 februari 2020',
    'Den Haag, 23 oktober 2020', 'vrijdag 30 oktober 2020, 14:12'."""
    if not date_in(line):
        return False
    rest = re.sub(r"\d+", " ", MONTH_YEAR.sub(" ", line))
    return len(_words(rest)) <= 4


def headline(line: str) -> bool:
    """Whether a header line reads as a headline: a few words, one sentence at most, not
    a dateline, label, date, byline, memo field or caption."""
    if line[0] in BULLETS or len(line) > MAX_TITLE or len(_words(line)) < 2:
        return False
    if is_label(line) or is_date_line(line) or BYLINE.match(line) or NOT_TITLE_START.match(line):
        return False
    field = MEMO_FIELD.match(line)
    if (field and field.group(1).strip().lower() in MEMO_KEYS) or "|" in line:
        return False
    return True


def body_begins(line: str) -> bool:
    """A line of running text: the headline, if any, stood above it."""
    return len(line) > MAX_TITLE or bool(SENTENCE_BREAK.search(line)) or bool(DATELINE.match(line))


def read_facts(text: str) -> Facts:
    """Title, date and author from the top of `text`; None where the text does not say."""
    facts = Facts()
    lines = header(text)
    if lines:
        m = ARCHIVE_DATE.match(lines[0])
        if m:
            facts.published = normalise_date(m.group(1))
            lines[0] = lines[0][m.end():].strip()
    for line in lines:
        field = MEMO_FIELD.match(line)
        key = field.group(1).strip().lower() if field else None
        if key in SUBJECT_FIELDS and not facts.title:
            facts.title = field.group(2).strip()[:MAX_TITLE]
        elif key in DATE_FIELDS and not facts.published:
            facts.published = date_in(field.group(2))
        byline = BYLINE.match(line) if len(line) <= MAX_BYLINE else None
        if byline and not facts.author:
            facts.author = byline.group(1).strip()
        elif not facts.author and names_line(line):
            facts.author = line
        if not facts.published and not OTHER_DATE.match(line):
            if DATELINE.match(line):
                facts.published = date_in(line[:60])  # the dateline's date, not one in its sentence
            elif "|" in line and len(line) <= MAX_TITLE:  # "Door X | 2 oktober 2020", a running header
                facts.published = date_in(line, year=True)
            elif is_date_line(line) or byline:
                facts.published = date_in(line)
    if not facts.title:
        for line in lines:
            if not line:
                continue
            if body_begins(line):
                break
            if headline(line):
                facts.title = line
                break
    return facts
