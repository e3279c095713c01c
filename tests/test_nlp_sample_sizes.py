"""The sample sizes component (ingest/nlp/sample_sizes.py) on sentences written for these tests
(not taken from any evaluation document)."""

import pytest

from conftest import of_type, one


@pytest.mark.parametrize("text,n,population", [
    ("In Zwolle deden uiteindelijk 1.250 bijstandsgerechtigden mee.", 1250, "participants"),
    ("De gemeente schreef ruim 3.400 mensen aan met een uitnodiging.", 3400, "approached"),
    ("Het doel was om vierhonderd deelnemers te werven.", 400, "intended"),
    ("Er meldden zich 612 inwoners aan voor de loting.", 612, "registered"),
    ("Almere telt circa 9.800 huishoudens in de bijstand.", 9800, "beneficiaries"),
    ("Van de deelnemers vonden 57 mensen een baan.", 57, "outflow"),
])
def test_sample_sizes(extract_text, text, n, population):
    [rec] = of_type(extract_text(text), "sample_size")
    assert (rec["n"], rec["population"]) == (n, population)


def test_arm_size_carries_its_arm(extract_text):
    recs = extract_text("In de groep met intensieve begeleiding zaten 150 deelnemers.")
    rec = one(recs, "sample_size", n=150)
    assert (rec["population"], rec["arm_type"]) == ("arm", "intensive_guidance")


@pytest.mark.parametrize("text", [
    "Het experiment liep van 2017 tot 2019 en kostte 250.000 euro.",
    "Ruim 40 procent van de mensen vond werk.",
    "Op 1 januari 2020 stopte de proef.",
])
def test_numbers_that_are_not_sample_sizes(extract_text, text):
    assert of_type(extract_text(text), "sample_size") == []


def test_counts_without_a_noun_need_a_verb_that_says_what_they_count(extract_text):
    recs = extract_text("Van de 2.300 aangeschreven inwoners meldden 410 zich aan; 380 van hen deden mee.")
    assert {(r["n"], r["population"]) for r in of_type(recs, "sample_size")} == {
        (2300, "approached"), (410, "registered"), (380, "participants")}
    assert of_type(extract_text("Een vrouw van 58 vertelt over haar ervaring als deelnemer."), "sample_size") == []


def test_n_in_parentheses_is_the_size_of_the_arm_before_it(extract_text):
    text = ("Of 2,100 invited recipients, 300 enrolled: an exemption group free of job-search rules "
            "(n = 101), an earnings-disregard group allowed to keep a quarter of their earnings up to a "
            "monthly maximum (n = 99), and a control group (n = 100).")
    sizes = {r["n"]: (r["population"], r["arm_type"]) for r in of_type(extract_text(text), "sample_size")}
    assert sizes[101] == ("arm", "exemption")
    assert sizes[99] == ("arm", "earnings_disregard")
    assert sizes[100] == ("arm", "control")


def test_an_intended_count_with_we_zoeken(extract_text):
    [rec] = of_type(extract_text("Voor het onderzoek in Zwolle zoeken we ongeveer 300 deelnemers."), "sample_size")
    assert (rec["n"], rec["population"]) == (300, "intended")
