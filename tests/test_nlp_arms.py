"""The arms component (ingest/nlp/arms.py) on sentences written for these tests
(not taken from any evaluation document)."""

import pytest

from conftest import of_type, one


@pytest.mark.parametrize("text,expected", [
    ("De ene groep kreeg vrijstelling van de sollicitatieplicht, de andere groep intensieve coaching.",
     {"exemption", "intensive_guidance"}),
    ("Deelnemers in de derde groep mochten met een hogere inkomstenvrijlating meer overhouden.",
     {"earnings_disregard"}),
    ("In de vierde groep konden deelnemers zelf kiezen welke aanpak ze wilden volgen.", {"free_choice"}),
    ("Daarnaast werd een gelote controlegroep gevolgd.", {"control"}),
    ("Zij vergeleken de groep met niet-deelnemers uit dezelfde wijk.", {"non_participants"}),
    ("De gemeente wil in de toekomst meer inzetten op coaching.", set()),
])
def test_arm_types(extract_text, text, expected):
    assert {r["arm_type"] for r in of_type(extract_text(text), "arm")} == expected


def test_arm_label_in_quotation_marks_is_kept_as_written(extract_text):
    recs = extract_text("Eén groep heette ‘Zelf aan zet’ en kreeg geen verplichtingen.")
    assert one(recs, "arm", arm_type="exemption")["label"] == "Zelf aan zet"
    assert of_type(recs, "quote") == []


def test_local_group_name_takes_the_type_of_its_description(extract_text):
    text = ("In Zwolle kwam een deel van de aanmelders in de groep ‘Eigen Koers’: deelnemers die niet "
            "meer hoeven te solliciteren. Later bleek de tevredenheid in ‘Eigen Koers’ gestegen.")
    recs = extract_text(text)
    assert one(recs, "arm", label="Eigen Koers")["arm_type"] == "exemption"
    assert one(recs, "outcome", measure="satisfaction")["arm_type"] == "exemption"


def test_joined_arms_are_one_combined_arm(extract_text):
    recs = extract_text("De vijfde groep kreeg intensieve coaching én een hogere inkomstenvrijlating.")
    assert {r["arm_type"] for r in of_type(recs, "arm")} == {"combined"}


def test_without_a_control_group_there_is_none(extract_text):
    assert of_type(extract_text("Zonder controlegroep zijn de cijfers lastig te duiden, erkent de gemeente."), "arm") == []


def test_list_item_heads_name_arms_and_their_later_table_rows(extract_text):
    text = ("De deelnemers werden verdeeld over drie groepen:\n\n"
            "• Duo: vrijstelling van de sollicitatieplicht én een hogere vrijlating.\n\n"
            "• Controlegroep: de gewone regels.\n\n"
            "Groep n Uitstroom naar werk (%)\n"
            "Duo 140 18,2*\n"
            "Controlegroep 139 11,0\n")
    recs = extract_text(text)
    assert one(recs, "arm", arm_type="combined")["label"] == "Duo"
    row = one(recs, "outcome", arm_type="combined")
    assert (row["value"], row["comparator_value"], row["significant"]) == (18.2, 11, True)
    assert one(recs, "sample_size", n=140)["arm_type"] == "combined"


def test_a_place_at_the_head_of_a_line_is_not_an_arm(extract_text):
    text = "Zwolle: meer begeleiding door een vaste consulent.\nAlmere: een hogere vrijlating."
    assert {r["label"] for r in of_type(extract_text(text), "arm")} <= {"meer begeleiding", "hogere vrijlating"}


@pytest.mark.parametrize("text,arm_type", [
    ("In Zwolle kreeg de groep die zelf mocht kiezen een gesprek aan de keukentafel.", "free_choice"),
    ("In de derde groep mag u een groter deel van uw bijverdiensten houden.", "earnings_disregard"),
    ("De regelvrije groep hoefde niets te bewijzen.", "exemption"),
])
def test_more_arm_phrasings(extract_text, text, arm_type):
    assert arm_type in {r["arm_type"] for r in of_type(extract_text(text), "arm")}
