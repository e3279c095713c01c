"""What the components hand each other, named once: the span groups in `doc.spans` and
the records in `doc.user_data`.

Each group is also a read-only extension attribute (`doc._.evidence_arms` reads
`doc.spans["arms"]`), so a factory can declare what it `requires` and `assigns` in
spaCy's own terms and `nlp.analyze_pipes()` checks that the pipeline's order gives every
component what it reads.
"""

from __future__ import annotations

from spacy.tokens import Doc

PARAGRAPHS = "paragraphs"            # evidence_sentences
ORGANISATIONS = "organisations"      # evidence_municipalities
MUNICIPALITIES = "municipalities"    # evidence_municipalities: mentions, label = CBS code
MUNICIPALITIES_WEAK = "municipalities_weak"  # evidence_municipalities: ambiguous mentions
QUOTES = "quotes"                    # evidence_quotes: the whole quotation, marks included
LABELS = "labels"                    # evidence_quotes: short phrases in marks (names)
EXPERIMENTS = "experiments"          # evidence_experiments
ARMS = "arms"                        # evidence_arms: label = arm type
GROUPS = (PARAGRAPHS, ORGANISATIONS, MUNICIPALITIES, MUNICIPALITIES_WEAK, QUOTES, LABELS, EXPERIMENTS, ARMS)

RECORDS = "evidence_records"         # every component: the records it found (doc_records)
SENTENCES = "token.is_sent_start"


def attr(key: str) -> str:
    """The attribute name of a span group or of the records, for requires/assigns."""
    return f"doc._.{key}" if key == RECORDS else f"doc._.evidence_{key}"


def _register() -> None:
    for key in GROUPS:
        if not Doc.has_extension(f"evidence_{key}"):
            Doc.set_extension(f"evidence_{key}", getter=lambda doc, key=key: list(doc.spans.get(key, [])))
    if not Doc.has_extension(RECORDS):
        Doc.set_extension(RECORDS, getter=lambda doc: doc.user_data.get(RECORDS, []))


_register()
