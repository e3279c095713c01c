"""The outcomes component (ingest/nlp/outcomes.py) on sentences written for these tests
(not taken from any evaluation document)."""

import pytest

from conftest import of_type, one


@pytest.mark.parametrize("text,measure,direction", [
    ("Het welbevinden van de deelnemers is duidelijk toegenomen.", "wellbeing", "up"),
    ("De schulden van de deelnemers namen licht af.", "debt", "down"),
    ("Er was geen significant verschil in uitstroom naar werk.", "outflow_to_work", "none"),
    ("De zelfredzaamheid verbeterde nauwelijks.", "self_reliance", "none"),
    ("Deelnemers solliciteerden minder vaak: het sollicitatiegedrag verminderde.", "job_search", "down"),
    ("Het sociaal vertrouwen van de deelnemers steeg niet.", "social_trust", "none"),
    ("De effecten op gezondheid waren wisselend.", "health", "mixed"),
])
def test_outcome_direction(extract_text, text, measure, direction):
    rec = one(extract_text(text), "outcome", measure=measure)
    assert rec["direction"] == direction


def test_outcome_value_comparator_and_arm(extract_text):
    text = ("In de groep met intensieve begeleiding vond 31 procent werk, tegen 22 procent in de controlegroep.")
    rec = one(extract_text(text), "outcome", measure="outflow_to_work")
    assert (rec["arm_type"], rec["value"], rec["unit"]) == ("intensive_guidance", 31, "percent")
    assert (rec["comparator"], rec["comparator_value"]) == ("control", 22)


def test_outcome_ratio_against_non_participants(extract_text):
    text = "De uitstroom naar werk lag in Oss drie keer zo hoog als bij niet-deelnemers."
    rec = one(extract_text(text), "outcome", measure="outflow_to_work")
    assert (rec["direction"], rec["ratio"], rec["comparator"]) == ("up", 3, "non_participants")


def test_outcome_significance(extract_text):
    recs = extract_text("Het effect op parttime werk was statistisch significant hoger dan in de controlegroep.")
    rec = one(recs, "outcome", measure="parttime_work")
    assert (rec["direction"], rec["significant"], rec["comparator"]) == ("up", True, "control")
    recs = extract_text("De uitstroom naar werk was niet significant hoger dan in de controlegroep.")
    assert one(recs, "outcome", measure="outflow_to_work")["significant"] is False


@pytest.mark.parametrize("text", [
    "De gemeente verwacht dat de uitstroom naar werk zal stijgen.",
    "We hopen dat het welbevinden van deelnemers toeneemt.",
    "Onderzocht werd het effect op gezondheid en welzijn.",
])
def test_hopes_and_plans_are_not_findings(extract_text, text):
    assert of_type(extract_text(text), "outcome") == []


def test_a_figure_is_joined_to_the_finding_it_completes(extract_text):
    text = ("In Zwolle vond 18 procent van de deelnemers betaald werk. "
            "Dat is niet meer dan bij mensen die niet deelnamen.")
    rec = one(extract_text(text), "outcome", measure="outflow_to_work")
    assert (rec["value"], rec["direction"], rec["comparator"]) == (18, "none", "non_participants")
    assert rec["evidence"] == text


def test_results_table_rows_against_the_control_row(extract_text):
    text = ("Tabel 2. Uitkomsten per groep\n"
            "Groep Deelnemers (n) Uitstroom naar werk (%)\n"
            "Intensieve begeleiding 120 21,5\n"
            "Vrijstelling 118 15,0\n"
            "Controlegroep 121 17,0\n")
    recs = {r["arm_type"]: r for r in of_type(extract_text(text), "outcome")}
    assert (recs["intensive_guidance"]["value"], recs["intensive_guidance"]["direction"]) == (21.5, "up")
    assert (recs["exemption"]["value"], recs["exemption"]["direction"]) == (15, "down")
    assert recs["exemption"]["comparator"] == "control" and recs["exemption"]["comparator_value"] == 17
    sizes = {r["arm_type"]: r["n"] for r in of_type(extract_text(text), "sample_size")}
    assert sizes == {"intensive_guidance": 120, "exemption": 118, "control": 121}


def test_from_to_figures_compare_with_the_start(extract_text):
    rec = one(extract_text("Het aandeel deelnemers met schulden daalde van 40 naar 33 procent."), "outcome")
    assert (rec["measure"], rec["direction"], rec["value"], rec["comparator"], rec["comparator_value"]) == (
        "debt", "down", 33, "baseline", 40)


def test_statements_about_all_experiments_have_no_municipality(extract_text):
    text = ("Het kabinet schrijft over Tilburg en Zwolle. In geen van de gemeenten was er een "
            "significant effect op voltijds werk.")
    rec = one(extract_text(text), "outcome", measure="fulltime_work")
    assert (rec["municipality"], rec["direction"]) == (None, "none")


@pytest.mark.parametrize("text,direction,value", [
    ("In Zwolle had 15 procent de bijstand verlaten voor werk, precies evenveel als in de controlegroep.",
     "none", 15),
    ("In Almere was de uitstroom naar werk nagenoeg gelijk aan die in de controlegroep.", "none", None),
    ("In Ede vonden mensen die intensieve coaching kregen iets vaker werk dan de controlegroep.", "up", None),
])
def test_outflow_findings_against_the_control_group(extract_text, text, direction, value):
    rec = one(extract_text(text), "outcome", measure="outflow_to_work")
    assert (rec["direction"], rec["value"], rec["comparator"]) == (direction, value, "control")


def test_an_unplaced_finding_in_a_round_up_of_cities_has_no_municipality(extract_text):
    text = ("Deelnemers vonden niet vaker een voltijdbaan dan de controlegroep.\n\n"
            "Het ging om Zwolle, Almere, Ede en Zeist.")
    rec = one(extract_text(text), "outcome")
    assert rec["municipality"] is None


def test_a_table_caption_is_not_joined_to_the_header_below_it(extract_text):
    filler = "Dit is een gewone regel tekst uit een rapport die de volle breedte van de pagina vult."
    text = (f"{filler}\n{filler}\n"
            "Tabel 3. Uitstroom naar werk per groep na twee jaar, ten opzichte van de controlegroep\n"
            "Groep Deelnemers (n) Uitstroom naar werk (%)\n"
            "Extra begeleiding 130 14,0\n"
            "Controlegroep 128 12,0\n")
    rec = one(extract_text(text), "outcome", arm_type="intensive_guidance")
    assert (rec["value"], rec["comparator_value"]) == (14, 12)


def test_an_effects_table_by_municipality(extract_text):
    text = ("Tabel 4. Effecten per gemeente ten opzichte van de controlegroep\n"
            "Gemeente Deelnemers (n) Deeltijdwerk Welbevinden\n"
            "Zwolle 412 hoger (sign.) geen sign. effect\n"
            "Almere 388 geen sign. effect lager\n")
    got = {(r["municipality"], r["measure"]): (r["direction"], r["comparator"], r["significant"])
           for r in of_type(extract_text(text), "outcome")}
    assert got == {("Zwolle", "parttime_work"): ("up", "control", True),
                   ("Zwolle", "wellbeing"): ("none", "control", False),
                   ("Almere", "parttime_work"): ("none", "control", False),
                   ("Almere", "wellbeing"): ("down", "control", None)}


@pytest.mark.parametrize("text,measure,direction", [
    ("In Tilburg voelden de deelnemers zich gelukkiger dan de controlegroep.", "wellbeing", "up"),
    ("In Tilburg voelden de deelnemers zich niet gelukkiger dan de controlegroep.", "wellbeing", "none"),
    ("In Tilburg was de regeling voor de gemeente goedkoper dan de gewone bijstand.", "costs", "down"),
])
def test_a_measure_word_that_implies_a_direction(extract_text, text, measure, direction):
    assert [(r["measure"], r["direction"]) for r in of_type(extract_text(text), "outcome")] == [(measure, direction)]


@pytest.mark.parametrize("text,found", [
    ("In Zwolle vonden deelnemers meer werk dan de controlegroep.", [("outflow_to_work", "up")]),
    # 'meer' quantifies 'weten', not the work that was found: no direction, no finding
    ("In Zwolle vonden deelnemers werk, en de gemeente wil meer weten over de controlegroep.", []),
    ("In Zwolle was de gezondheid van deelnemers beter dan die van de controlegroep.", [("health", "up")]),
    # 'beter' before a participle goes with the verb
    ("In Zwolle vonden deelnemers met extra begeleiding beter betaald werk dan de controlegroep.", []),
])
def test_quantifier_and_adverb_cues(extract_text, text, found):
    assert [(r["measure"], r["direction"]) for r in of_type(extract_text(text), "outcome")] == found


def test_patterns_of_one_id_must_agree_on_their_fields(tmp_path, nlp):
    from ingest.nlp.rules import PatternSet

    path = tmp_path / "p.jsonl"
    path.write_text('{"id": "a", "label": "x", "pattern": "sneller", "quantifier": true}\n'
                    '{"id": "b", "label": "x", "pattern": "vaker"}\n', encoding="utf-8")
    patterns = PatternSet(nlp, str(path))
    assert patterns.field("a", "quantifier") is True
    assert patterns.field("b", "quantifier") is None and patterns.field("b", "implies", "none") == "none"
    other = tmp_path / "q.jsonl"  # pattern files are read once per name
    other.write_text('{"id": "a", "label": "x", "pattern": "sneller", "quantifier": true}\n'
                     '{"id": "a", "label": "x", "pattern": "vaker"}\n', encoding="utf-8")
    with pytest.raises(ValueError, match="the patterns of a differ"):
        PatternSet(nlp, str(other))
