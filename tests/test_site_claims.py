"""The claim checker: claims we wrote, answered per source against the real server (seed
corpus plus a second Wageningen source with other figures), and the parser on its own."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from test_site_server import site  # noqa: F401  (the shared server fixture)

PLUGIN = Path(__file__).resolve().parents[1] / "plugins" / "site_claims.py"
SEED_WAGENINGEN = "Onderzoek bijstand Wageningen levert hogere uitstroom naar werk"
SECOND_SOURCE = "Wageningen: twee keer zoveel mensen aan het werk"


@pytest.fixture(scope="module")
def claims():
    spec = importlib.util.spec_from_file_location("site_claims", PLUGIN)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def check(site, claim: str) -> dict:
    return site.json("/-/claim.json", params={"claim": claim})


def by_title(result: dict) -> dict:
    return {a["document"]["title"]: a for a in result["answers"]}


def test_supported_and_differing_figure_with_the_comparator(site):
    result = check(site, "In Wageningen vonden 2,5 keer zoveel mensen werk.")
    assert result["parsed"]["municipality_code"] == "GM0289"
    assert result["parsed"]["measure"] == "outflow_to_work" and result["parsed"]["ratio"] == 2.5
    answers = by_title(result)
    seed = answers[SEED_WAGENINGEN]
    assert (seed["verdict"], seed["basis"], seed["comparator"]) == ("supports", "figure", "non_participants")
    assert seed["verdict_label"] == "ondersteunt" and seed["comparator_label"] == "niet-deelnemers"
    assert "2,5 keer" in seed["figure"]
    other = answers[SECOND_SOURCE]
    assert (other["verdict"], other["comparator_label"]) == ("differs", "niet-deelnemers")
    assert other["figure"] == "2 keer zo hoog" and "2 keer" in other["explanation"]
    assert result["verdict"]["text"] == "Bronnen verschillen"
    assert all(a["comparator_label"] for a in result["answers"])  # always named, also "niet vermeld"


def test_a_claim_against_the_control_group_differs_from_a_comparison_with_non_participants(site):
    result = check(site, "In Wageningen vonden 2,5 keer zoveel mensen werk als in de controlegroep.")
    assert result["parsed"]["comparator"] == "control"
    seed = by_title(result)[SEED_WAGENINGEN]
    assert (seed["verdict"], seed["basis"]) == ("differs", "comparator")
    assert "niet-deelnemers" in seed["explanation"] and "controlegroep" in seed["explanation"]
    assert result["verdict"]["counts"]["supports"] == 0


def test_no_evidence_when_no_source_measured_it(site):
    result = check(site, "In Wageningen nam de zelfredzaamheid van de deelnemers toe.")
    assert result["parsed"]["measure"] == "self_reliance"
    assert result["answers"] and {a["verdict"] for a in result["answers"]} == {"no_evidence"}
    assert {a["verdict_label"] for a in result["answers"]} == {"geen bewijs"}
    assert result["verdict"]["text"] == "Geen bewijs gevonden"
    assert SEED_WAGENINGEN in by_title(result)


def test_participant_counts_are_compared_per_source(site):
    result = check(site, "Aan Vertrouwen Werkt in Wageningen deden 410 mensen mee.")
    assert result["parsed"]["kind"] == "sample_size" and result["parsed"]["count"] == 410
    answers = by_title(result)
    assert answers[SEED_WAGENINGEN]["verdict"] == "supports"
    assert answers[SECOND_SOURCE]["verdict"] == "differs" and answers[SECOND_SOURCE]["figure"] == "400"


def test_a_direction_that_the_source_contradicts(site):
    result = check(site, "In Nijmegen leverde het experiment meer uitstroom naar werk op.")
    assert result["parsed"]["direction"] == "up"
    verdicts = {a["verdict"] for a in result["answers"]}
    assert "differs" in verdicts
    differing = [a for a in result["answers"] if a["verdict"] == "differs"][0]
    assert "geen verschil" in differing["explanation"]


def test_a_sentence_without_place_or_measure_is_explained(site):
    result = check(site, "Het weer was mooi.")
    assert result["answers"] == []
    assert len(result["parsed"]["problems"]) == 2
    html = site.html("/-/claim?claim=Het+weer+was+mooi.")
    assert "Geen gemeente of experiment herkend" in html


def test_html_answer_embeds_a_claim_review(site):
    claim = "In Wageningen vonden 2,5 keer zoveel mensen werk."
    html = site.html("/-/claim?claim=" + claim.replace(" ", "+").replace(",", "%2C"))
    assert "ondersteunt" in html and "wijkt af" in html and "Vergeleken met" in html
    block = html.split('<script type="application/ld+json">', 1)[1].split("</script>", 1)[0]
    review = json.loads(block)
    assert review["@type"] == "ClaimReview" and review["claimReviewed"] == claim
    assert review["reviewRating"]["alternateName"] == "Bronnen verschillen"
    assert review["itemReviewed"]["@type"] == "Claim"
    assert SECOND_SOURCE in {c["name"] for c in review["citation"]}
    assert "niet-deelnemers" in review["reviewBody"]


def test_accept_header_gives_json(site):
    response = site.get("/-/claim", params={"claim": "In Wageningen nam het welbevinden toe."},
                        headers={"Accept": "application/json"})
    assert response.headers["content-type"].startswith("application/json")
    assert response.json()["claim_review"]["@type"] == "ClaimReview"


@pytest.mark.parametrize("text, expected", [
    ("In Wageningen vonden 2,5 keer zoveel mensen werk.", {"municipality_code": "GM0289", "ratio": 2.5,
                                                            "measure": "outflow_to_work", "direction": "up"}),
    ("Circa 25% van de deelnemers in Wageningen stroomde uit naar werk.", {"percent": 25, "measure": "outflow_to_work"}),
    ("Een kwart van de Utrechtse deelnemers vond werk.", {"percent": 25.0, "municipality_code": "GM0344"}),
    ("Het Wageningse experiment verdubbelde de uitstroom naar werk.", {"ratio": 2.0, "municipality_code": "GM0289"}),
    ("In Groningen nam het welbevinden niet toe.", {"measure": "wellbeing", "direction": "none"}),
    ("In de groep zelf in actie in Tilburg steeg de uitstroom ten opzichte van de controlegroep.",
     {"arm_type": "exemption", "comparator": "control", "municipality_code": "GM0855"}),
    ("Bij Bijstand op Maat nam het welbevinden toe.", {"experiment": "Bijstand op Maat", "municipality_code": None}),
])
def test_parse_claim(claims, text, expected):
    parsed = claims.parse_claim(text, [{"name": "Bijstand op Maat", "municipality_code": "GM0014"}])
    for key, value in expected.items():
        assert getattr(parsed, key) == value, (key, parsed)


@pytest.mark.parametrize("said, found, kind, close", [
    (2.5, 2.5, "ratio", True), (2.5, 2.45, "ratio", True), (2.5, 2.0, "ratio", False),
    (25, 25.4, "percent", True), (25, 26, "percent", False), (410, 410, "count", True), (410, 400, "count", False),
])
def test_numbers_match_within_rounding(claims, said, found, kind, close):
    assert claims._close(said, found, kind) is close
