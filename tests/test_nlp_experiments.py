"""The experiments component (ingest/nlp/experiments.py) on sentences written for these tests
(not taken from any evaluation document)."""

import pytest

from conftest import of_type, one


@pytest.mark.parametrize("text,expected", [
    ("Tilburg begon in 2017 het experiment Samen Verder met tweehonderd deelnemers.", {"Samen Verder"}),
    ("Het onderzoek ‘Meedoen naar Vermogen’ liep twee jaar in Nijmegen.", {"Meedoen naar Vermogen"}),
    ("Deventer noemde de proef Ruimte voor Regie en bracht die in 2019 tot een einde.", {"Ruimte voor Regie"}),
    ("De pilot, getiteld Werk in Uitvoering, startte in Oss.", {"Werk in Uitvoering"}),
    ("Het Apeldoornse Vrij Baan project had vier groepen.", {"Vrij Baan"}),
    ("Het onderzoek van de gemeente Epe liep twee jaar.", set()),
    ("De resultaten van het onderzoek waren gemengd.", set()),
])
def test_experiment_names(extract_text, text, expected):
    assert {r["name"] for r in of_type(extract_text(text), "experiment")} == expected


def test_later_mentions_of_a_name_place_it(extract_text):
    text = ("Het experiment Samen Verder liep in meerdere gemeenten.\n\n"
            "In Zwolle leverde Samen Verder meer tevredenheid op.")
    rec = one(extract_text(text), "experiment", name="Samen Verder")
    assert rec["municipality"] == "Zwolle"


def test_a_name_after_a_wrapped_pdf_line(extract_text):
    filler = "Dit is een gewone regel tekst uit een rapport die de volle breedte van de pagina vult,"
    text = (f"{filler}\n{filler}\nen in 2018 voerde de gemeente Zwolle een proef in de bijstand uit onder de titel\n"
            "Samen Sterker Verder, met ruim driehonderd inwoners.\n")
    assert {r["name"] for r in of_type(extract_text(text), "experiment")} == {"Samen Sterker Verder"}


@pytest.mark.parametrize("text,name", [
    ("We study Werk Zonder Grenzen (‘Work Without Borders’), a randomised trial in Zwolle.", "Werk Zonder Grenzen"),
    ("Almere begon met Samen Sterk, een experiment met vier groepen.", "Samen Sterk"),
])
def test_a_name_in_apposition_to_the_keyword(extract_text, text, name):
    assert {r["name"] for r in of_type(extract_text(text), "experiment")} == {name}
