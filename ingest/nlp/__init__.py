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

    A trained pipeline keeps its own components; ours are added after them and our
    sentence splitter is used only where the pipeline has no parser or senter.
    """
    name = name or pipeline_name()
    if name.startswith("blank:"):
        nlp = spacy.blank(name.split(":", 1)[1])
    else:
        nlp = spacy.load(name, exclude=["ner", "lemmatizer"])
    for component in COMPONENTS:
        if component == "evidence_sentences" and ({"parser", "senter"} & set(nlp.pipe_names)):
            continue
        nlp.add_pipe(component)
    nlp.max_length = max(nlp.max_length, 5_000_000)
    return nlp
