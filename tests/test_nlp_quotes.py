"""The quotes component (ingest/nlp/quotes.py) on sentences written for these tests
(not taken from any evaluation document)."""

import pytest

from conftest import of_type, one


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


QUOTE = "„We zien dat mensen meer rust ervaren in hun leven”"


@pytest.mark.parametrize("text,speaker,role,rule_id", [
    (f"{QUOTE}, zegt wethouder Petra Hoogland.", "Petra Hoogland", "wethouder", "quote-after-verb"),
    (f"Wethouder Petra Hoogland: {QUOTE}.", "Petra Hoogland", "wethouder", "quote-before-colon"),
    (f"{QUOTE}, laat de gemeente Zwolle weten.", "gemeente Zwolle", "organisatie", "quote-laat-weten"),
    (f"Wethouder Petra Hoogland was tevreden. {QUOTE}.", "Petra Hoogland", "wethouder", "quote-previous-sentence"),
    (f"{QUOTE} – Petra Hoogland", "Petra Hoogland", None, "quote-after-dash"),
    ("Volgens de gemeente Zwolle is het ‘een stap vooruit voor iedereen in de bijstand’.",
     "gemeente Zwolle", "organisatie", "quote-according-to"),
])
def test_each_attribution_rule(extract_text, text, speaker, role, rule_id):
    """Which rule attributed the quote is on the record: the table names each rule once."""
    [quote] = of_type(extract_text(text), "quote")
    assert (quote["speaker"], quote["role"], quote["rule_id"]) == (speaker, role, rule_id)
