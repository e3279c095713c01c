import pytest

from conftest import of_type


@pytest.mark.parametrize("text,expected", [
    ("De gemeente Tilburg startte in 2018 met het experiment.", {"Tilburg"}),
    ("Het Nijmeegse college is tevreden over de aanpak.", {"Nijmegen"}),
    ("Veel Amsterdammers in de bijstand reageerden positief.", {"Amsterdam"}),
    ("De Apeldoornse wethouder en de Deventer raad spraken erover.", {"Apeldoorn", "Deventer"}),
    ("Onderzoekers van de Radboud Universiteit volgden de deelnemers.", set()),
    ("De Erasmus Universiteit Rotterdam en Tilburg University deden het onderzoek.", set()),
    ("Hogeschool Utrecht en de Rijksuniversiteit Groningen werkten samen.", set()),
    ("Ook de provincie Utrecht keek mee, maar Zeist deed zelf de proef.", {"Zeist"}),
    ("In Den Haag liep een vergelijkbare proef.", {"'s-Gravenhage"}),
    ("De voormalige gemeente Haren deed ook mee.", {"Groningen"}),
    ("Best is het om te wachten. Het experiment in Best liep goed.", {"Best"}),
    ("Goes en Buren? Nee: het ging om Ede en Epe.", {"Ede", "Epe"}),
    ("Utrechters in de bijstand kregen meer ruimte.", {"Utrecht"}),
])
def test_municipalities(extract_text, text, expected):
    found = {r["municipality"] for r in of_type(extract_text(text), "municipality")}
    assert found == expected


def test_municipality_record_has_cbs_code_and_sentence(extract_text):
    text = "Intro zonder plaats. In Wageningen liep het onderzoek tot 2020."
    [rec] = of_type(extract_text(text), "municipality")
    assert rec["cbs_code"] == "GM0289"
    assert rec["evidence"] == "In Wageningen liep het onderzoek tot 2020."
    assert text[rec["start"]:rec["end"]] == rec["evidence"]


def test_records_take_the_municipality_of_their_paragraph(extract_text):
    text = ("Tilburg begon in 2018. De gemeente Oss volgde later.\n\n"
            "Nieuwe alinea over Oss: hier vonden meer deelnemers werk dan in de controlegroep.\n\n"
            "In Tilburg nam de zelfredzaamheid van deelnemers toe.")
    outcomes = of_type(extract_text(text), "outcome")
    by_measure = {r["measure"]: r["municipality"] for r in outcomes}
    assert by_measure == {"outflow_to_work": "Oss", "self_reliance": "Tilburg"}


def test_a_surname_with_van_is_not_a_municipality(extract_text):
    recs = extract_text("In Zwolle was het effect klein, zegt onderzoeker Iris van Houten. Van Houten verwacht meer.")
    assert {r["municipality"] for r in of_type(recs, "municipality")} == {"Zwolle"}
