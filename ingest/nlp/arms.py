"""Arms: every phrasing of an experimental arm, typed into the arm types of
EVIDENCE_FORMAT.md. All mentions go to doc.spans[ARMS] (the outcome and sample-size
components use them); a record is made only where the sentence describes the design
(a group word, an enumeration of arms, or the arm's name in quotation marks)."""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from .doc_records import add_record
from .doc_text import SentenceIndex, sentence_index, text_of
from .resources import gazetteer, lexicon
from .rules import PatternSet
from .sentences import BULLETS
from .span_keys import ARMS, LABELS, MUNICIPALITIES, ORGANISATIONS, QUOTES, RECORDS, SENTENCES, attr


@Language.factory("evidence_arms",
                  requires=[SENTENCES, attr(ORGANISATIONS), attr(MUNICIPALITIES), attr(QUOTES), attr(LABELS)],
                  assigns=[attr(ARMS), attr(RECORDS)])
def make_arms(nlp: Language, name: str):
    return ArmRecognizer(nlp)


class ArmRecognizer:
    def __init__(self, nlp: Language):
        inhabitants = {f.lower() for f, (_, rule) in gazetteer().items() if rule.endswith("inhabitants")}
        self.patterns = PatternSet(nlp, "arms.jsonl", {"inhabitants": inhabitants})
        self.context = set(lexicon()["arm_context"])

    def _local_names(self, doc: Doc, mentions: list[Span], labels: list[Span]) -> list[Span]:
        """A group's own name in quotation marks ('de groep ‘Eigen Pad’: deelnemers die niet
        meer hoeven te solliciteren'), or at the head of a list item ('• Combinatie: vrijstelling
        én een hogere vrijlating'), takes the type of the arm phrase that describes it, and
        every later use of that name is a mention of the arm."""
        index = sentence_index(doc)
        covered = {i for m in mentions for i in range(m.start, m.end)}
        names: dict[str, tuple[str, str]] = {}
        for label in labels:
            if any(i in covered for i in range(label.start, label.end)):
                continue
            head = doc[max(0, label.start - 3):label.start]
            if label.label_ != "ITEM" and not any(t.lower_ in GROUP_WORDS for t in head):
                continue
            sent = index.sents[index.of_token(label.start)]
            near = [m for m in mentions if sent.start <= m.start < sent.end]
            after = [m for m in near if 0 <= m.start - label.end <= 12]
            before = [m for m in near if 0 <= label.start - m.end <= 6]
            describing = after[:1] or before[-1:]
            types = {m.label_ for m in after} - {"control", "non_participants"}
            if len(types) >= 2 and all(m.start - label.end <= 8 for m in after[:2]):
                names.setdefault(label.text, ("combined", "arm-combined-local-name"))
            elif describing:
                names.setdefault(label.text, (describing[0].label_, describing[0].id_))
        found = []
        for text, (arm_type, rule) in names.items():
            for m in re.finditer(re.escape(text), text_of(doc)):
                span = doc.char_span(m.start(), m.end())
                if span is not None:
                    found.append(Span(doc, span.start, span.end, label=arm_type, span_id="arm-local-name"))
        return found

    def __call__(self, doc: Doc) -> Doc:
        quote_tokens = set()
        for q in doc.spans.get(QUOTES, []):
            quote_tokens.update(range(q.start, q.end))
        index = sentence_index(doc)
        # names in quotation marks, and the heads of list items ("• Combinatie: …")
        labels = list(doc.spans.get(LABELS, [])) + _item_labels(doc, index)
        mentions = []
        for span in self.patterns(doc):
            if span.start in quote_tokens:
                continue
            label = next((lab for lab in labels if lab.start <= span.start and span.end <= lab.end), None)
            if label is not None:
                span = Span(doc, label.start, label.end, label=span.label_, span_id=span.id_)
            mentions.append(span)
        mentions = filter_spans(mentions + self._local_names(doc, mentions, labels))
        mentions = _combine(doc, [m for m in mentions if not _negated(doc, m)])
        doc.spans[ARMS] = mentions
        by_sent: dict[int, list[Span]] = {}
        for span in mentions:
            by_sent.setdefault(index.of_token(span.start), []).append(span)
        for s_i, spans in by_sent.items():
            sent = index.sents[s_i]
            types = {s.label_ for s in spans}
            inside = {i for s in spans for i in range(s.start, s.end)}
            described = len(types) >= 2 or any(t.lower_ in self.context and t.i not in inside for t in sent)
            quoted_types = {s.label_ for s in spans if _is_label(s, labels)}
            done = set()
            for span in spans:
                quoted = _is_label(span, labels)
                # one arm per type and sentence: its name in quotation marks, else its first phrasing
                if span.label_ in done or (span.label_ in quoted_types and not quoted):
                    continue
                done.add(span.label_)
                # a control group is part of a design wherever it is mentioned
                if not (described or quoted or span.label_ == "control"):
                    continue
                add_record(doc, "arm", sent.start_char, sent.end_char, span.id_,
                           anchor=span.start_char, label=span.text, arm_type=span.label_)
        return doc


def _item_labels(doc: Doc, index: SentenceIndex) -> list[Span]:
    """The capitalised words that head a list item before a colon: '• Combinatie: …',
    'Groep 3: …' (a bullet, or a group word in the head; 'Keywords: …' is no group)."""
    out = []
    places = {i for key in (MUNICIPALITIES, ORGANISATIONS) for m in doc.spans.get(key, [])
              for i in range(m.start, m.end)}
    for sent in index.sents:
        i = sent.start
        while i < sent.end and (doc[i].text in BULLETS or doc[i].is_space):
            i += 1
        bullet = i > sent.start and any(t.text in BULLETS for t in doc[sent.start:i])
        j = i
        while j < min(i + 4, sent.end) and (doc[j].is_alpha or doc[j].like_num) and doc[j].text != ":":
            j += 1
        if i < j < sent.end and doc[j].text == ":" and doc[i].text[:1].isupper() and "\n" not in doc[i:j].text \
                and not places & set(range(i, j)) \
                and (bullet or any(t.lower_ in GROUP_WORDS for t in doc[i:j])):  # "Tilburg: …" is a place
            out.append(Span(doc, i, j, label="ITEM"))
    return out


GROUP_WORDS = frozenset(lexicon()["group_words"])


def _is_label(span: Span, labels: list[Span]) -> bool:
    return any(lab.start == span.start and lab.end == span.end for lab in labels)


JOINERS = frozenset(lexicon()["arm_joiners"])


def _negated(doc: Doc, span: Span) -> bool:
    """'Zonder controlegroep …': the group does not exist."""
    return span.start > 0 and doc[span.start - 1].lower_ in ("zonder", "without") and span.label_ == "control"


def _combine(doc: Doc, mentions: list[Span]) -> list[Span]:
    """'vrijstelling én hogere vrijlating', 'coaching plus premie': one combined arm."""
    out, skip = [], set()
    for k, a in enumerate(mentions):
        if k in skip:
            continue
        b = mentions[k + 1] if k + 1 < len(mentions) else None
        if b is not None and a.label_ != b.label_ and "control" not in (a.label_, b.label_) \
                and 0 < b.start - a.end <= 3 and any(t.lower_ in JOINERS for t in doc[a.end:b.start]) \
                and not any(t.text in (",", ";") for t in doc[a.end:b.start]):
            out.append(Span(doc, a.start, b.end, label="combined", span_id="arm-combined-joined"))
            skip.add(k + 1)
        else:
            out.append(a)
    return out
