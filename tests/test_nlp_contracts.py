"""The components' declared contracts (requires/assigns over the span groups of
ingest/nlp/span_keys.py) are checked by spaCy's analyze_pipes and hold in practice: each
component writes what it declares, reads only what it declares, and gives the same
records in the smallest pipeline its contract asks for as in the whole one."""

import ast
from pathlib import Path

import pytest
import spacy
from spacy.language import Language

from conftest import BLIND_DOCS, DEV_DOCS, ROOT
from ingest.nlp import COMPONENTS, check_contracts, load_pipeline, needed_for, span_keys
from ingest.nlp.doc_records import records

NLP_DIR = ROOT / "ingest" / "nlp"
GROUP_NAMES = {name for name in dir(span_keys) if getattr(span_keys, name) in span_keys.GROUPS
               and name.isupper()}
RECORD_TYPE = {"evidence_municipalities": "municipality", "evidence_quotes": "quote",
               "evidence_experiments": "experiment", "evidence_arms": "arm",
               "evidence_sample_sizes": "sample_size", "evidence_outcomes": "outcome"}
TEXTS = [p.read_text(encoding="utf-8")
         for p in sorted(DEV_DOCS.glob("*.txt"))[:4] + sorted(BLIND_DOCS.glob("*.txt"))[:4]]


def meta(name):
    return Language.get_factory_meta(name)


def test_the_pipeline_meets_every_declared_requirement():
    nlp = load_pipeline()
    problems = nlp.analyze_pipes()["problems"]
    assert set(problems) == set(COMPONENTS)
    assert not any(problems.values()), problems
    assert all(meta(c).assigns for c in COMPONENTS)


def test_a_pipeline_out_of_order_is_refused():
    nlp = spacy.blank("nl")
    for name in ("evidence_sentences", "evidence_municipalities", "evidence_arms", "evidence_quotes"):
        nlp.add_pipe(name)
    with pytest.raises(ValueError, match="evidence_arms requires doc._.evidence_quotes"):
        check_contracts(nlp)


def _groups_used(path: Path) -> set[str]:
    """The span-group constants a module names."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return {node.id for node in ast.walk(tree) if isinstance(node, ast.Name) and node.id in GROUP_NAMES}


def _helpers(path: Path, seen: set) -> set[Path]:
    """The nlp modules `path` imports, transitively, that hold no component of their own."""
    out = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level == 1 and node.module:
            target = NLP_DIR / f"{node.module}.py"
            if target.exists() and target not in seen and target.name != "span_keys.py" \
                    and "@Language.factory" not in target.read_text(encoding="utf-8"):
                seen.add(target)
                out |= {target} | _helpers(target, seen)
    return out


@pytest.mark.parametrize("component", COMPONENTS)
def test_a_component_reads_and_writes_only_the_groups_it_declares(component):
    module = NLP_DIR / f"{component.removeprefix('evidence_')}.py"
    used = set()
    for path in {module} | _helpers(module, {module}):
        used |= _groups_used(path)
    declared = {a for a in meta(component).requires + meta(component).assigns}
    undeclared = {name for name in used if span_keys.attr(getattr(span_keys, name)) not in declared}
    assert not undeclared, f"{component} names {sorted(undeclared)} without declaring them"


@pytest.fixture(scope="module")
def full():
    return load_pipeline()


@pytest.mark.parametrize("component", COMPONENTS)
def test_a_component_writes_the_groups_it_declares(component, full):
    before = set(COMPONENTS[:COMPONENTS.index(component)])
    declared = {k for k in span_keys.GROUPS if span_keys.attr(k) in meta(component).assigns}
    doc = full.make_doc(TEXTS[0])
    for name, pipe in full.pipeline:
        if name in before:
            doc = pipe(doc)
    keys_before = set(doc.spans)
    doc = full.get_pipe(component)(doc)
    assert set(doc.spans) - keys_before == declared


@pytest.mark.parametrize("component", list(RECORD_TYPE))
def test_a_component_needs_no_more_than_its_contract(component, full):
    """In the smallest pipeline its requires ask for, a component finds the same records."""
    small = spacy.blank("nl")
    for name in needed_for(component):
        small.add_pipe(name)
    assert len(small.pipe_names) < len(COMPONENTS) or component == COMPONENTS[-1]
    kind = RECORD_TYPE[component]
    for text in TEXTS:
        expected = [r for r in records(full(text)) if r["type"] == kind]
        assert [r for r in records(small(text)) if r["type"] == kind] == expected


def test_needed_for_follows_the_declarations():
    assert needed_for("evidence_sentences") == ["evidence_sentences"]
    assert needed_for("evidence_municipalities") == ["evidence_sentences", "evidence_municipalities"]
    assert "evidence_arms" in needed_for("evidence_outcomes")
    assert "evidence_experiments" not in needed_for("evidence_outcomes")
