"""The spaCy pipeline: a tokenizer (blank Dutch by default, or any trained pipeline named in
EVIDENCE_PIPELINE) plus one rule component per record type, built from data files in
patterns/."""

from __future__ import annotations

import os

import spacy
from spacy.language import Language

# Importing the modules registers their @Language.factory components.
from . import arms, experiments, municipalities, outcomes, quotes, sample_sizes, sentences  # noqa: F401

DEFAULT_PIPELINE = "blank:nl"
COMPONENTS = [
    "evidence_sentences",
    "evidence_municipalities",
    "evidence_quotes",
    "evidence_experiments",
    "evidence_arms",
    "evidence_sample_sizes",
    "evidence_outcomes",
]


def pipeline_name() -> str:
    return os.environ.get("EVIDENCE_PIPELINE", DEFAULT_PIPELINE)


def load_pipeline(name: str | None = None) -> Language:
    """`blank:nl` (the default) or the name/path of a trained spaCy pipeline.

    A trained pipeline keeps its own components; ours are added after them, and our
    sentence splitter keeps the sentences a parser or senter has set (it adds paragraphs).
    """
    name = name or pipeline_name()
    if name.startswith("blank:"):
        nlp = spacy.blank(name.split(":", 1)[1])
    else:
        nlp = spacy.load(name, exclude=["ner", "lemmatizer"])
    for component in COMPONENTS:
        nlp.add_pipe(component)
    check_contracts(nlp)
    nlp.max_length = max(nlp.max_length, 5_000_000)
    return nlp


def needed_for(component: str) -> list[str]:
    """`component` and the components before it that it needs, by their declared
    requires/assigns, in pipeline order: the smallest pipeline that runs it."""
    needed, todo = {component}, [component]
    while todo:
        name = todo.pop()
        earlier = COMPONENTS[:COMPONENTS.index(name)]
        for attr in Language.get_factory_meta(name).requires:
            source = next((c for c in reversed(earlier) if attr in Language.get_factory_meta(c).assigns), None)
            if source is None:
                raise ValueError(f"{name} requires {attr}, which no component before it assigns")
            if source not in needed:
                needed.add(source)
                todo.append(source)
    return [c for c in COMPONENTS if c in needed]


def check_contracts(nlp: Language) -> None:
    """Every component gets what it declares it `requires` from one before it (spaCy's
    analyze_pipes over the factories' requires/assigns, see span_keys)."""
    problems = {name: missing for name, missing in nlp.analyze_pipes()["problems"].items() if missing}
    if problems:
        raise ValueError("pipeline out of order: " + "; ".join(
            f"{name} requires {', '.join(missing)}" for name, missing in problems.items()))
