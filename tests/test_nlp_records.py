"""Component behaviour on sentences written for these tests (not taken from the seeds)."""

import pytest

from conftest import of_type


def one(records, type_, **where):
    found = [r for r in of_type(records, type_) if all(r.get(k) == v for k, v in where.items())]
    assert len(found) == 1, (where, of_type(records, type_))
    return found[0]


# -- experiments -------------------------------------------------------------------------

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


# -- arms ----------------------------------------------------------------------------------

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


# -- sample sizes ----------------------------------------------------------------------------

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


# -- outcomes --------------------------------------------------------------------------------

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


# -- quotes ----------------------------------------------------------------------------------

@pytest.mark.parametrize("text,quote,speaker,role", [
    ("Wethouder Sandra Kooistra: „We zien dat mensen weer regie pakken over hun eigen leven.”",
     "We zien dat mensen weer regie pakken over hun eigen leven.", "Sandra Kooistra", "wethouder"),
    ("“Het vertrouwen van de mensen is echt gegroeid,” zegt projectleider Joris van der Meer.",
     "Het vertrouwen van de mensen is echt gegroeid,", "Joris van der Meer", "projectleider"),
    ("‘De regio’s verschillen sterk, dus maatwerk blijft nodig,’ aldus onderzoeker Eva de Wit.",
     "De regio’s verschillen sterk, dus maatwerk blijft nodig,", "Eva de Wit", "onderzoeker"),
    ('"Ik heb eindelijk weer zin om iets te doen," vertelt deelnemer Karim.',
     "Ik heb eindelijk weer zin om iets te doen,", "Karim", "deelnemer"),
])
def test_quote_styles_and_speakers(extract_text, text, quote, speaker, role):
    rec = one(extract_text(text), "quote")
    assert (rec["text"], rec["speaker"], rec["role"]) == (quote, speaker, role)
    assert text[rec["start"]:rec["end"]] == rec["evidence"]
    assert rec["text"] in rec["evidence"]


def test_quote_attributed_from_the_previous_sentence(extract_text):
    text = ("Volgens wethouder Bart Hendriks heeft de proef veel opgeleverd. "
            "„We gaan hier zeker mee verder, ook na afloop van het experiment.”")
    rec = one(extract_text(text), "quote")
    assert (rec["speaker"], rec["role"]) == ("Bart Hendriks", "wethouder")


def test_quote_by_an_organisation(extract_text):
    text = ("In Oss is men tevreden. Volgens de gemeente laat het experiment zien "
            "‘dat vertrouwen geven meer oplevert dan controleren en straffen.’")
    rec = one(extract_text(text), "quote")
    assert (rec["speaker"], rec["role"]) == ("gemeente Oss", "organisatie")


def test_family_name_reference_finds_the_full_name(extract_text):
    text = ("Staatssecretaris Anne de Boer reageerde op de uitkomsten. "
            "„Ik neem de lessen mee naar de nieuwe wet,” zei De Boer.")
    rec = one(extract_text(text), "quote")
    assert (rec["speaker"], rec["role"]) == ("Anne de Boer", "staatssecretaris")


def test_unattributed_quote_is_not_a_record(extract_text):
    assert of_type(extract_text("„Dit is een zin tussen aanhalingstekens zonder spreker erbij.”"), "quote") == []


# -- rules added for the patterns of the second gold set -------------------------------------

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


def test_counts_without_a_noun_need_a_verb_that_says_what_they_count(extract_text):
    recs = extract_text("Van de 2.300 aangeschreven inwoners meldden 410 zich aan; 380 van hen deden mee.")
    assert {(r["n"], r["population"]) for r in of_type(recs, "sample_size")} == {
        (2300, "approached"), (410, "registered"), (380, "participants")}
    assert of_type(extract_text("Een vrouw van 58 vertelt over haar ervaring als deelnemer."), "sample_size") == []


# -- attribution rules added after the blind set's first reading ------------------------------

def test_a_person_introduced_by_age_is_found_by_a_later_pronoun(extract_text):
    text = ("Consulent Bram Welling begeleidde tien deelnemers in Zwolle. Een van hen is Noor Amrani (52). "
            "Zij had geen verplichtingen meer. ‘Voor het eerst voelde ik me geen dossier meer,’ vertelt ze.")
    assert one(extract_text(text), "quote")["speaker"] == "Noor Amrani"


def test_a_name_ends_before_van_and_the_organisation_that_employs_the_person(extract_text):
    text = "“De verschillen zijn klein maar duidelijk,” zegt onderzoeker Sanne Vos van Universiteit Utrecht."
    rec = one(extract_text(text), "quote")
    assert rec["speaker"] == "Sanne Vos"


def test_a_name_with_van_is_still_read_whole(extract_text):
    text = "„We gaan hiermee door in de hele stad,” zegt wethouder Jan van Dalen."
    assert one(extract_text(text), "quote")["speaker"] == "Jan van Dalen"


def test_a_pull_quote_signed_on_the_next_line(extract_text):
    text = ("Vanaf januari doet Zwolle mee aan het experiment.\n\n"
            "“Wij willen leren wat mensen echt vooruithelpt in hun zoektocht naar werk.”\n\n"
            "— Els Hoekstra, wethouder Werk\n\n"
            "Wie kan meedoen?")
    rec = one(extract_text(text), "quote")
    assert (rec["speaker"], rec["role"]) == ("Els Hoekstra", "wethouder")


# -- arm, count and outcome rules added after the blind set's first reading -------------------

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


def test_n_in_parentheses_is_the_size_of_the_arm_before_it(extract_text):
    text = ("Of 2,100 invited recipients, 300 enrolled: an exemption group free of job-search rules "
            "(n = 101), an earnings-disregard group allowed to keep a quarter of their earnings up to a "
            "monthly maximum (n = 99), and a control group (n = 100).")
    sizes = {r["n"]: (r["population"], r["arm_type"]) for r in of_type(extract_text(text), "sample_size")}
    assert sizes[101] == ("arm", "exemption")
    assert sizes[99] == ("arm", "earnings_disregard")
    assert sizes[100] == ("arm", "control")


@pytest.mark.parametrize("text,arm_type", [
    ("In Zwolle kreeg de groep die zelf mocht kiezen een gesprek aan de keukentafel.", "free_choice"),
    ("In de derde groep mag u een groter deel van uw bijverdiensten houden.", "earnings_disregard"),
    ("De regelvrije groep hoefde niets te bewijzen.", "exemption"),
])
def test_more_arm_phrasings(extract_text, text, arm_type):
    assert arm_type in {r["arm_type"] for r in of_type(extract_text(text), "arm")}


def test_an_intended_count_with_we_zoeken(extract_text):
    [rec] = of_type(extract_text("Voor het onderzoek in Zwolle zoeken we ongeveer 300 deelnemers."), "sample_size")
    assert (rec["n"], rec["population"]) == (300, "intended")


@pytest.mark.parametrize("text,direction,value", [
    ("In Zwolle had 15 procent de bijstand verlaten voor werk, precies evenveel als in de controlegroep.",
     "none", 15),
    ("In Almere was de uitstroom naar werk nagenoeg gelijk aan die in de controlegroep.", "none", None),
    ("In Ede vonden mensen die intensieve coaching kregen iets vaker werk dan de controlegroep.", "up", None),
])
def test_outflow_findings_against_the_control_group(extract_text, text, direction, value):
    rec = one(extract_text(text), "outcome", measure="outflow_to_work")
    assert (rec["direction"], rec["value"], rec["comparator"]) == (direction, value, "control")


def test_a_surname_with_van_is_not_a_municipality(extract_text):
    recs = extract_text("In Zwolle was het effect klein, zegt onderzoeker Iris van Houten. Van Houten verwacht meer.")
    assert {r["municipality"] for r in of_type(recs, "municipality")} == {"Zwolle"}


def test_an_unplaced_finding_in_a_round_up_of_cities_has_no_municipality(extract_text):
    text = ("Deelnemers vonden niet vaker een voltijdbaan dan de controlegroep.\n\n"
            "Het ging om Zwolle, Almere, Ede en Zeist.")
    rec = one(extract_text(text), "outcome")
    assert rec["municipality"] is None


def test_a_name_after_a_wrapped_pdf_line(extract_text):
    filler = "Dit is een gewone regel tekst uit een rapport die de volle breedte van de pagina vult,"
    text = (f"{filler}\n{filler}\nen in 2018 voerde de gemeente Zwolle een proef in de bijstand uit onder de titel\n"
            "Samen Sterker Verder, met ruim driehonderd inwoners.\n")
    assert {r["name"] for r in of_type(extract_text(text), "experiment")} == {"Samen Sterker Verder"}


def test_a_table_caption_is_not_joined_to_the_header_below_it(extract_text):
    filler = "Dit is een gewone regel tekst uit een rapport die de volle breedte van de pagina vult."
    text = (f"{filler}\n{filler}\n"
            "Tabel 3. Uitstroom naar werk per groep na twee jaar, ten opzichte van de controlegroep\n"
            "Groep Deelnemers (n) Uitstroom naar werk (%)\n"
            "Extra begeleiding 130 14,0\n"
            "Controlegroep 128 12,0\n")
    rec = one(extract_text(text), "outcome", arm_type="intensive_guidance")
    assert (rec["value"], rec["comparator_value"]) == (14, 12)


@pytest.mark.parametrize("text,name", [
    ("We study Werk Zonder Grenzen (‘Work Without Borders’), a randomised trial in Zwolle.", "Werk Zonder Grenzen"),
    ("Almere begon met Samen Sterk, een experiment met vier groepen.", "Samen Sterk"),
])
def test_a_name_in_apposition_to_the_keyword(extract_text, text, name):
    assert {r["name"] for r in of_type(extract_text(text), "experiment")} == {name}


@pytest.mark.parametrize("text,speaker,role", [
    ("Haar collega-wethouder Anke de Wit van Zwolle is voorzichtig. ‘We weten nog niet of dit ook op de lange termijn werkt.’",
     "Anke de Wit", "wethouder"),
    ("Wethouder Kees Smit spreekt van ‘een voorzichtige maar duidelijke stap in de goede richting’.", "Kees Smit",
     "wethouder"),
    ("Het SCP, dat de evaluatie leidt, benadrukt in een notitie dat ‘de cijfers nog te voorlopig zijn voor conclusies’.",
     "SCP", "organisatie"),
    ("Mijn collega Daan Bos, die de evaluatie deed, zei het ooit zo: „Wie vergelijkt met niet-deelnemers, meet vooral motivatie.”",
     "Daan Bos", "other"),
    ("De Zwolse wethouder Mira Jansen zei het in de raad zo: \"Als mensen weer meedoen, is dat ook winst voor de stad.\"",
     "Mira Jansen", "wethouder"),
    ("“Dit is een resultaat om trots op te zijn,” aldus wethouder Tom Bakker van Zwolle.", "Tom Bakker", "wethouder"),
])
def test_more_speakers(extract_text, text, speaker, role):
    rec = one(extract_text(text), "quote")
    assert (rec["speaker"], rec["role"]) == (speaker, role)


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


# -- what pattern fields say (ingest/nlp/rules.py) --------------------------------------------

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
