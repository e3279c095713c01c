"""The claim checker, against a real server on the documents of tests/site_corpus (written
for these tests: a Zwolle report against the control group, a press release against
non-participants with another participant count, a newspaper that gives only a direction,
Haren beside two Groningen sources), and the claim reader on its own."""

from __future__ import annotations

import json

import pytest


RAPPORT, PERS, KRANT = "zwolle_rapport", "zwolle_persbericht", "zwolle_krant"
HAREN, GRONINGEN, GRONINGEN_RAAD = "haren", "groningen", "groningen_raad"
EDE = "ede_persbericht"

# claim, overall verdict, verdict per source (sources not named: no_evidence or not listed)
CLAIMS = [
    # the claim's figure, but against non-participants: that record answers, not the
    # source's direction-only sentence that names no comparator
    ("In Ede vond 30 procent van de deelnemers werk, tegen 12 procent in de controlegroep.",
     "Geen bron met dezelfde vergelijking", {EDE: "other_comparator"}),
    # percent with its comparator's percent; the press release's non-participant ratio
    # must not hide its control-group figure
    ("In Zwolle vond 31 procent van de deelnemers werk, tegen 22 procent in de controlegroep.", "Ondersteund",
     {RAPPORT: "supports", PERS: "supports", KRANT: "supports_direction"}),
    ("In Zwolle vond 35 procent van de deelnemers werk.", "Wijkt af van de bronnen", {RAPPORT: "differs"}),
    # 'van X naar Y': Y is the figure, X the baseline
    ("In Zwolle steeg het aandeel deelnemers met betaald werk van 18 naar 26 procent.", "Ondersteund",
     {PERS: "supports"}),
    ("In Zwolle steeg het aandeel deelnemers met betaald werk van 18 naar 30 procent.", "Wijkt af van de bronnen",
     {PERS: "differs"}),
    # percentage points, also as the difference of two percentages
    ("In Zwolle lag de uitstroom naar werk 9 procentpunt hoger dan in de controlegroep.", "Ondersteund",
     {RAPPORT: "supports", PERS: "supports", KRANT: "supports_direction"}),
    ("In Zwolle lag de uitstroom naar werk 6 procentpunt hoger dan in de controlegroep.", "Wijkt af van de bronnen",
     {RAPPORT: "differs", PERS: "differs", KRANT: "supports_direction"}),
    # a ratio against non-participants: control-group sources compare with something else
    ("In Zwolle vonden deelnemers 2,5 keer zo vaak werk als niet-deelnemers.", "Ondersteund",
     {PERS: "supports", RAPPORT: "other_comparator", KRANT: "other_comparator"}),
    ("In Zwolle vonden deelnemers geen 2,5 keer zo vaak werk als niet-deelnemers.", "Wijkt af van de bronnen",
     {PERS: "differs", RAPPORT: "other_comparator", KRANT: "other_comparator"}),
    ("In Zwolle vonden deelnemers 2,5 keer zo vaak werk als de controlegroep.", "Wijkt af van de bronnen",
     {RAPPORT: "differs", PERS: "supports_direction", KRANT: "supports_direction"}),
    ("Deelnemers in Zwolle vonden vaker werk dan de controlegroep.", "Ondersteund",
     {RAPPORT: "supports", PERS: "supports", KRANT: "supports"}),
    ("In Zwolle vonden deelnemers met intensieve coaching vaker werk dan de controlegroep.", "Ondersteund",
     {RAPPORT: "supports", PERS: "supports", KRANT: "supports"}),
    ("In Zwolle nam het welbevinden van de deelnemers toe.", "Wijkt af van de bronnen", {RAPPORT: "differs"}),
    ("Het welbevinden van de Zwolse deelnemers verbeterde niet.", "Ondersteund", {RAPPORT: "supports"}),
    # part-time work, not the 'werk' it is part of
    ("Deelnemers in Zwolle vonden vaker parttime werk.", "Ondersteund", {RAPPORT: "supports"}),
    # plain scores
    ("In Zwolle waren de deelnemers tevredener over de begeleiding: zij gaven een 7,9.", "Ondersteund",
     {RAPPORT: "supports"}),
    ("De tevredenheid van de Zwolse deelnemers over de begeleiding was een 8,4.", "Wijkt af van de bronnen",
     {RAPPORT: "differs"}),
    # counts; Haren (dissolved into Groningen in 2019) is not Groningen
    ("Aan Samen Verder in Zwolle deden 600 mensen mee.", "Bronnen verschillen", {RAPPORT: "supports", PERS: "differs"}),
    ("Aan het experiment in Haren deden 31 mensen mee.", "Ondersteund", {HAREN: "supports"}),
    ("In Haren deden 1.142 mensen mee.", "Wijkt af van de bronnen", {HAREN: "differs"}),
    ("In Groningen deden 1.142 mensen mee aan het experiment.", "Bronnen verschillen",
     {GRONINGEN: "supports", GRONINGEN_RAAD: "differs"}),
]


def check(site, claim: str) -> dict:
    return site.json("/-/claim.json", params={"claim": claim})


def verdicts(result: dict) -> dict[str, str]:
    return {a["document"]["path"].rsplit("/", 1)[-1].rsplit(".", 1)[0]: a["verdict"] for a in result["answers"]}


@pytest.mark.parametrize("claim, overall, expected", CLAIMS, ids=[c[0][:60] for c in CLAIMS])
def test_verdict_per_source(own_site, claim, overall, expected):
    result = check(own_site, claim)
    found = verdicts(result)
    assert {k: v for k, v in found.items() if v != "no_evidence"} == expected, result["answers"]
    assert result["verdict"]["text"] == overall
    for answer in result["answers"]:
        assert answer["comparator_label"]  # always named, if only "niet vermeld"
        if result["parsed"]["kind"] == "outcome" and answer["verdict"] != "no_evidence":
            assert answer["comparator"]  # every source here says what it compared with


def test_the_matching_comparator_answers_and_the_other_is_listed(own_site):
    result = check(own_site, "In Zwolle lag de uitstroom naar werk 9 procentpunt hoger dan in de controlegroep.")
    pers = next(a for a in result["answers"] if PERS in a["document"]["path"])
    assert (pers["verdict"], pers["comparator"]) == ("supports", "control")
    assert [o["verdict"] for o in pers["others"]] == ["other_comparator"]
    assert pers["verdict_label"] == "ondersteunt"


def test_a_different_comparator_is_named_not_counted_as_differing(own_site):
    result = check(own_site, "In Zwolle vonden deelnemers 2,5 keer zo vaak werk als niet-deelnemers.")
    rapport = next(a for a in result["answers"] if RAPPORT in a["document"]["path"])
    assert rapport["verdict_label"] == "vergelijkt met iets anders"
    assert "gelote controlegroep" in rapport["explanation"] and "niet-deelnemers" in rapport["explanation"]
    assert result["verdict"]["counts"]["differs"] == 0


def test_a_direction_without_a_figure_is_weaker_support_and_says_so(own_site):
    result = check(own_site, "In Zwolle vonden deelnemers 2,5 keer zo vaak werk als de controlegroep.")
    krant = next(a for a in result["answers"] if KRANT in a["document"]["path"])
    assert krant["verdict_label"] == "ondersteunt alleen de richting"
    assert "geen cijfer" in krant["explanation"]


def test_haren_is_named_as_written_and_groningen_sources_stay_out(own_site):
    result = check(own_site, "Aan het experiment in Haren deden 31 mensen mee.")
    assert result["parsed"]["written"] == "Haren" and result["parsed"]["municipality_code"] == "GM0014"
    assert set(verdicts(result)) == {HAREN}
    html = own_site.html("/-/claim?claim=In+Haren+deden+31+mensen+mee.")
    assert "Haren (nu Groningen)" in html


def test_no_evidence_when_no_source_measured_it(own_site):
    result = check(own_site, "In Zwolle nam de zelfredzaamheid van de deelnemers toe.")
    assert result["parsed"]["measure"] == "self_reliance"
    assert result["answers"] and {a["verdict"] for a in result["answers"]} == {"no_evidence"}
    assert result["verdict"]["text"] == "Geen bewijs gevonden"


def test_a_sentence_without_place_or_measure_is_explained(own_site):
    result = check(own_site, "Het weer was mooi.")
    assert result["answers"] == []
    assert len(result["parsed"]["problems"]) == 2
    assert "Geen gemeente of experiment herkend" in own_site.html("/-/claim?claim=Het+weer+was+mooi.")


def test_html_answer_embeds_a_claim_review(own_site):
    claim = "Aan Samen Verder in Zwolle deden 600 mensen mee."
    html = own_site.html("/-/claim?claim=" + claim.replace(" ", "+"))
    assert "ondersteunt" in html and "wijkt af" in html and "Vergeleken met" in html
    block = html.split('<script type="application/ld+json">', 1)[1].split("</script>", 1)[0]
    review = json.loads(block)
    assert review["@type"] == "ClaimReview" and review["claimReviewed"] == claim
    assert review["reviewRating"] == {"@type": "Rating", "alternateName": "Bronnen verschillen", "bestRating": 4,
                                      "worstRating": 1, "ratingValue": 2}
    assert review["itemReviewed"]["@type"] == "Claim"
    assert "Samen Verder helpt Zwolse bijstandsgerechtigden aan werk" in {c["name"] for c in review["citation"]}
    assert all("/" not in c["name"] for c in review["citation"])  # titles, not file paths


def test_accept_header_gives_json(own_site):
    response = own_site.get("/-/claim", params={"claim": "In Zwolle nam het welbevinden toe."},
                            headers={"Accept": "application/json"})
    assert response.headers["content-type"].startswith("application/json")
    assert response.json()["claim_review"]["@type"] == "ClaimReview"


@pytest.mark.parametrize("text, expected", [
    ("In Zwolle vonden 2,5 keer zoveel mensen werk.", {"municipality_code": "GM0193", "ratio": 2.5,
                                                        "measure": "outflow_to_work", "direction": "up"}),
    ("Circa 25% van de deelnemers in Zwolle stroomde uit naar werk.", {"value": 25, "unit": "percent"}),
    ("Een kwart van de Utrechtse deelnemers vond werk.", {"value": 25.0, "unit": "percent",
                                                           "municipality_code": "GM0344"}),
    ("Het Zwolse experiment verdubbelde de uitstroom naar werk.", {"ratio": 2.0, "direction": "up"}),
    ("Het Zwolse experiment verdubbelde de uitstroom naar werk niet.", {"ratio": 2.0, "negated": True,
                                                                         "direction": None}),
    ("In Zwolle vonden deelnemers geen 2,5 keer zo vaak werk.", {"ratio": 2.5, "negated": True, "direction": None}),
    ("In Zwolle steeg de uitstroom van 20 naar 26 procent.", {"value": 26, "unit": "percent",
                                                               "comparator_value": 20, "comparator": "baseline"}),
    ("In Zwolle vond 31 procent werk, tegen 22 procent in de controlegroep.",
     {"value": 31, "comparator_value": 22, "comparator": "control", "direction": "up"}),
    ("In Zwolle lag de uitstroom 4 procentpunt hoger.", {"value": 4, "unit": "percentage_points"}),
    ("De Zwolse deelnemers gaven hun tevredenheid een 7,9.", {"value": 7.9, "unit": None, "measure": "satisfaction"}),
    ("In Zwolle vonden deelnemers met intensieve coaching werk.", {"measure": "outflow_to_work",
                                                                    "arm_type": "intensive_guidance"}),
    ("Zwolse deelnemers vonden vaker parttime werk.", {"measure": "parttime_work"}),
    ("In Groningen nam het welbevinden niet toe.", {"measure": "wellbeing", "direction": "none", "written": None}),
    ("In Haren nam het welbevinden toe.", {"municipality_code": "GM0014", "written": "Haren"}),
    ("In de groep zelf in actie in Tilburg steeg de uitstroom ten opzichte van de controlegroep.",
     {"arm_type": "exemption", "comparator": "control", "municipality_code": "GM0855"}),
    ("Bij Samen Verder nam het welbevinden toe.", {"experiment": "Samen Verder", "municipality_code": None}),
])
def test_parse_claim(text, expected):
    from ingest.nlp.claims import parse_claim

    parsed = parse_claim(text, [{"name": "Samen Verder", "municipality_code": "GM0193"}])
    for key, value in expected.items():
        assert getattr(parsed, key) == value, (key, parsed)


@pytest.mark.parametrize("said, found, kind, close", [
    (2.5, 2.5, "ratio", True), (2.5, 2.45, "ratio", True), (2.5, 2.0, "ratio", False),
    (25, 25.4, "percent", True), (25, 26, "percent", False), (9, 9.4, "percentage_points", True),
    (7.9, 7.9, "score", True), (7.9, 8.0, "score", False), (410, 410, "count", True), (410, 400, "count", False),
])
def test_numbers_match_within_rounding(said, found, kind, close):
    from ingest.publish.claims import close as is_close

    assert is_close(said, found, kind) is close
