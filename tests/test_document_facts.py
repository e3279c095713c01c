"""Document facts: the title is the headline (never a menu, label or letterhead), the date
is the document's own (never the file's), the author is a name (never the byline word).

A table of every document of every set (tests/document_facts.tsv, written by reading them)
is checked field by field with floors, as extraction quality is; the rules themselves are
tested on lines written for these tests."""

import csv
import json

import pytest

from conftest import BLIND2_DOCS, BLIND_DOCS, DEV_DOCS, REAL_DOCS, ROOT, SEEDS
from ingest.formats import read_path
from ingest.formats.facts import read_facts
from ingest.formats.html import without_site_name

FOLDERS = {"seeds": SEEDS, "real": REAL_DOCS, "dev": DEV_DOCS, "blind": BLIND_DOCS, "blind2": BLIND2_DOCS}
FLOORS = json.loads((ROOT / "tests" / "quality_floors.json").read_text())["document_facts"]
FIELDS = ("title", "published", "author")


def _norm(value) -> str:
    return " ".join((value or "").lower().split())


def test_the_table_covers_every_document_and_the_floors_hold():
    lines = [line for line in (ROOT / "tests" / "document_facts.tsv").read_text(encoding="utf-8").splitlines()
             if not line.startswith("#")]
    table = list(csv.DictReader(lines, delimiter="\t"))
    listed = {(r["set"], r["file"]) for r in table}
    on_disk = {(name, p.name) for name, folder in FOLDERS.items() for p in folder.iterdir() if p.is_file()}
    assert listed == on_disk
    right = dict.fromkeys(FIELDS, 0)
    wrong = []
    for row in table:
        doc = read_path(str(FOLDERS[row["set"]] / row["file"]))
        for field in FIELDS:
            if _norm(getattr(doc, field)) == _norm(row[field]):
                right[field] += 1
            else:
                wrong.append((row["file"], field, getattr(doc, field), row[field]))
    print(f"{len(table)} documents, right: {right}")
    for miss in wrong:
        print("wrong:", miss)
    below = {f: (right[f], FLOORS[f]) for f in FIELDS if right[f] < FLOORS[f]}
    assert not below, below


@pytest.mark.parametrize("text, title, published, author", [
    # a navigation menu, then the headline and a byline in lower case
    ("• Home\n • Nieuws\n • Werk en inkomen\n\nBijstandsproef in Ede van start\n\ndoor Karin de Boer\n"
     "Vanaf maandag doen tweehonderd inwoners mee aan een proef met minder regels.\n", "Bijstandsproef in Ede van start",
     None, "Karin de Boer"),
    # an archive's date in front of a first paragraph without a headline
    (" date 2019-04 De gemeente Ede begint met een proef. Tweehonderd inwoners doen mee.\n", None, "2019-04", None),
    # a label in capitals, a sender's line with a date, the headline
    ("PERSBERICHT\nGemeente Ede, 3 april 2019\n\nEde laat bijstandsgerechtigden zelf kiezen\n\nEDE – Vanaf "
     "vandaag mogen inwoners zelf kiezen.\n", "Ede laat bijstandsgerechtigden zelf kiezen", "2019-04-03", None),
    # a dateline opens the body: its date is the document's, not the one in the sentence
    ("Proef met de bijstand verlengd\n\nEDE, 12 maart 2021 – De proef die op 1 januari 2018 begon, loopt door.\n",
     "Proef met de bijstand verlengd", "2021-03-12", None),
    ("Proef verlengd\n\nEde, 12 maart 2021 – De proef die in 2018 begon, loopt door.\n",
     "Proef verlengd", "2021-03-12", None),
    # memo fields of a council letter
    ("RAADSINFORMATIEBRIEF\n\nAan: de gemeenteraad\nDatum: 2 februari 2021\nOnderwerp: tussenstand proef "
     "bijstand\n\nGeachte leden van de raad,\n", "tussenstand proef bijstand", "2021-02-02", None),
    # a byline with a bar and a time; a blog's metadata line
    ("Minder regels, meer werk?\n\nDoor Anouk Visser | 14 mei 2020, 09:12\n\nDe proef ...\n",
     "Minder regels, meer werk?", "2020-05-14", "Anouk Visser"),
    ("Blog | Pieter Smit | 2 juni 2020\n\nWat ik leerde van de proef\n\nTwee jaar lang ...\n",
     "Wat ik leerde van de proef", "2020-06-02", None),
    # a reference date is not the publication date; a month and year is
    ("Factsheet proef Ede\nPeildatum 1 juli 2019\n\nSinds 2018 ...\n", "Factsheet proef Ede", None, None),
    ("Eindrapport proef Ede\nHogeschool Arnhem, oktober 2020\n\nSamenvatting\n", "Eindrapport proef Ede", "2020-10",
     None),
    # an English paper: letterhead, series, title, a line of names
    ("Arnhem University – Institute for Work\nDiscussion Paper Series, No. 21-3\n\nTrust and work: a field "
     "experiment\n\nA. de Vries, B. van den Berg and C. Yilmaz\n\nAbstract\n", "Trust and work: a field experiment",
     None, "A. de Vries, B. van den Berg and C. Yilmaz"),
    # a sentence that begins with 'Door' is not a byline
    ("Door de proef vonden meer mensen werk, zegt de gemeente. Dat blijkt uit cijfers.\n", None, None, None),
])
def test_facts_from_the_top_of_a_text(text, title, published, author):
    facts = read_facts(text)
    assert (facts.title, facts.published, facts.author) == (title, published, author)


@pytest.mark.parametrize("title, publisher, expected", [
    ("Proef afgerond | Gemeente Ede", None, "Proef afgerond"),
    ("Proef afgerond - Omroep Gelderland", None, "Proef afgerond"),
    ("Ede en Wageningen: proef afgerond - resultaten zijn gemengd", None,
     "Ede en Wageningen: proef afgerond - resultaten zijn gemengd"),
    ("Proef afgerond | de krant van het oosten", "de krant van het oosten", "Proef afgerond"),
])
def test_a_page_title_loses_the_site_name(title, publisher, expected):
    assert without_site_name(title, publisher) == expected
