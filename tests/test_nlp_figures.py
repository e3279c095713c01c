"""One figure grammar (ingest/nlp/figures.py) for documents and claims: a claim and a
document sentence that say the same thing are read the same way. Sentences written for
these tests."""

import pytest

from conftest import of_type
from ingest.nlp.claims import parse_claim
from ingest.nlp.figures import ratio_at, unit_at


@pytest.mark.parametrize("text,k,unit", [
    ("31 procent", 0, "percent"),
    ("31%", 0, "percent"),
    ("4 procentpunten", 0, "percentage_points"),
    ("4 percentagepunt", 0, "percentage_points"),
    ("300 euro", 0, "euro"),
    ("€ 300", 1, "euro"),
    ("een 7,2", 1, None),
    ("0,4 punt", 0, None),
    ("van 31 naar 24 procent", 1, "percent"),
    ("van 300 tot 450 euro", 1, "euro"),
    ("410 deelnemers", 0, False),
    ("in 2019", 1, False),
])
def test_the_unit_of_a_number(nlp, text, k, unit):
    assert unit_at(list(nlp.make_doc(text)), k) == unit


@pytest.mark.parametrize("text,k,ratio", [
    ("2,5 keer zo vaak", 0, 2.5),
    ("twee maal zo hoog", 0, 2.0),
    ("de uitstroom verdubbelde", 2, 2.0),
    ("2,5 procent", 0, None),
])
def test_a_ratio(nlp, text, k, ratio):
    assert ratio_at(list(nlp.make_doc(text)), k) == ratio


SAME_READING = [
    "In Deventer vonden deelnemers nauwelijks vaker werk dan de controlegroep.",
    "In Deventer vonden deelnemers niet vaker werk dan de controlegroep.",
    "In Deventer vonden deelnemers vaker werk dan de controlegroep.",
    "In Deventer vond 28 procent van de deelnemers werk, tegen 19 procent in de controlegroep.",
    "In Deventer steeg de uitstroom naar werk van 17 naar 23 procent.",
    "In Deventer vonden deelnemers 1,8 keer zo vaak werk als de controlegroep.",
    "In Deventer verdubbelde de uitstroom naar werk.",
    "In Deventer voelden de deelnemers zich niet gelukkiger dan de controlegroep.",
    "In Deventer voelden de deelnemers zich gelukkiger dan de controlegroep.",
    "In Deventer nam het welbevinden van de deelnemers toe ten opzichte van de controlegroep.",
]


@pytest.mark.parametrize("text", SAME_READING)
def test_a_claim_reads_as_the_same_sentence_in_a_document(extract_text, text):
    claim = parse_claim(text, [])
    [record] = of_type(extract_text(text), "outcome")
    value = record["value"] if record["unit"] != "ratio" else None  # a claim keeps a ratio apart
    assert (claim.measure, claim.direction, claim.value, claim.unit, claim.comparator_value) == \
        (record["measure"], record["direction"], value, record["unit"] if value is not None else None,
         record["comparator_value"])
    if record["unit"] == "ratio":
        assert claim.ratio == record["value"]
