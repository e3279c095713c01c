"""Extraction quality is a number, pinned as floors so it can only go up.

Raise a floor in tests/quality_floors.json when a change improves a score; never lower
one to make a change pass.
"""

import json

import pytest

from conftest import (BLIND2_DOCS, BLIND2_GOLD, BLIND_DOCS, BLIND_GOLD, DEV_DOCS, DEV_GOLD, GOLD, REAL_DOCS,
                      REAL_GOLD, ROOT, SEEDS, run_cli)

FLOORS = json.loads((ROOT / "tests" / "quality_floors.json").read_text())
CORPORA = {"seeds": (GOLD, SEEDS), "dev": (DEV_GOLD, DEV_DOCS), "blind": (BLIND_GOLD, BLIND_DOCS),
           "real": (REAL_GOLD, REAL_DOCS), "blind2": (BLIND2_GOLD, BLIND2_DOCS)}


@pytest.fixture(scope="module", params=sorted(CORPORA))
def scores(request):
    gold, docs = CORPORA[request.param]
    result = run_cli("evaluate", gold, docs, "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["missing_documents"] == []
    return request.param, data["scores"], data["contradictions"]


def test_f1_stays_above_its_floor(scores):
    corpus, by_type, _ = scores
    below = {t: (s["f1"], FLOORS[corpus][t]) for t, s in by_type.items() if s["f1"] < FLOORS[corpus][t]}
    print(corpus, {t: s["f1"] for t, s in by_type.items()})
    assert not below, f"F1 below floor on {corpus}: {below}"


def test_contradictions_stay_below_their_ceiling(scores):
    """An outcome whose direction or significance contradicts its source is worse than a
    missing one: their number per set may only go down (the aim is 0)."""
    corpus, _, contradicting = scores
    assert contradicting <= FLOORS["max_contradictions"][corpus]


def test_evaluate_scores_a_wrong_extraction_lower(tmp_path):
    """The scorer itself: a gold file that disagrees with the text must cost recall."""
    doc = tmp_path / "docs" / "a.txt"
    doc.parent.mkdir()
    doc.write_text("In Zwolle nam het welbevinden van de deelnemers toe.\n", encoding="utf-8")
    gold = tmp_path / "gold"
    gold.mkdir()
    (gold / "a.json").write_text(json.dumps({"doc": "a.txt", "records": [
        {"type": "municipality", "municipality": "Zwolle"},
        {"type": "outcome", "municipality": "Zwolle", "arm_type": None, "measure": "wellbeing",
         "direction": "down", "value": None},
    ]}), encoding="utf-8")
    data = json.loads(run_cli("evaluate", gold, doc.parent, "--json").stdout)["scores"]
    assert data["municipality"]["f1"] == 1.0
    assert data["outcome"]["recall"] == 0.0 and data["outcome"]["fp"] == 1


def test_a_contradicting_outcome_is_counted():
    from ingest.evaluate import contradictions

    gold = [{"type": "outcome", "municipality": "Zwolle", "arm_type": "exemption", "measure": "wellbeing",
             "direction": "up", "significant": True, "value": None}]
    same = dict(gold[0])
    assert contradictions([same], gold) == []
    assert contradictions([{**same, "significant": None}], gold) == []  # not stated is no contradiction
    assert len(contradictions([{**same, "direction": "none", "significant": False}], gold)) == 1
    assert len(contradictions([{**same, "significant": False}], gold)) == 1
    assert contradictions([{**same, "measure": "health", "direction": "down"}], gold) == []  # another finding
