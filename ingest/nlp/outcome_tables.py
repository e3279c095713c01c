"""Outcomes read from tables as text extraction leaves them: one row per line, an arm or a
municipality first, then its cells, under a header line that names the measures."""

from __future__ import annotations

from spacy.tokens import Doc

from .doc_text import SentenceIndex, padded_words
from .findings import NEGATIONS, BySentence, Finding
from .numbers import clean, parse_number
from .rules import PatternSet
from .span_keys import MUNICIPALITIES


def results_table_findings(doc: Doc, index: SentenceIndex, by_sent: BySentence) -> list[Finding]:
    """Rows of a results table ('Regelluw 76 17,1' under 'Groep  Deelnemers (n)  Uitstroom
    naar werk (%)'): each arm's figure for the header's measures, against the control row."""
    rows = []  # (sentence index, arm span, numbers)
    for s_i, sent in enumerate(index.sents):
        arms = [a for a in by_sent.arms.get(s_i, []) if a.start <= sent.start + 1]
        if not arms or "\n" in sent.text.strip() or sent.text.strip()[-1:] in ".!?":
            continue
        cells = [t for t in doc[arms[0].end:sent.end] if not t.is_space]
        numbers, starred = [], []  # "26,8*": a significance mark on the cell before it
        for t in cells:
            text = t.text.rstrip("*†")
            if not text and numbers:
                starred[-1] = True
                continue
            value = parse_number(text)
            if value is None:
                break
            numbers.append(clean(value))
            starred.append(text != t.text)
        else:
            if numbers:
                rows.append((s_i, arms[0], numbers, starred))
    out = []
    groups: list[list] = []
    for row in rows:
        if groups and row[0] - groups[-1][-1][0] == 1:
            groups[-1].append(row)
        else:
            groups.append([row])
    for group in groups:
        first = group[0][0]
        header = next((h for h in (first - 1, first - 2) if h >= 0 and by_sent.measures.get(h)), None)
        if header is None or len(group) < 2:
            continue
        measures = by_sent.measures[header]
        head_text = index.sents[header].text
        unit = "percent" if "%" in head_text or "procent" in head_text.lower() else None
        control = next((r for r in group if r[1].label_ == "control"), None)
        marks = any(any(r[3]) for r in group)  # a table that marks significance
        for s_i, arm, numbers, starred in group:
            if arm.label_ == "control" or len(numbers) < len(measures):
                continue
            values = numbers[-len(measures):]
            stars = starred[-len(measures):]
            for k, m in enumerate(measures):
                comp = control[2][-len(measures):][k] if control and len(control[2]) >= len(measures) else None
                if comp is None:
                    continue
                direction = "up" if values[k] > comp else "down" if values[k] < comp else "none"
                out.append(Finding(header, s_i, {
                    "measure": m.label_, "arm_type": arm.label_, "direction": direction,
                    "value": values[k], "unit": unit, "comparator": "control", "comparator_value": comp,
                    "ratio": None, "significant": stars[k] if marks else None,
                    "rule_id": f"{m.id_}+outcome-table-row"}))
    return out


def effect_table_findings(doc: Doc, index: SentenceIndex, by_sent: BySentence,
                          directions: PatternSet) -> list[Finding]:
    """Rows of an effects table by municipality ('Groningen 1.142 geen sign. effect hoger
    (sign.)' under 'Gemeente Deelnemers (n) Voltijds werk Welbevinden'): the row's direction
    cues, read in order, are the header's measures, against what the caption compares with."""
    munis = {m.start: m for m in doc.spans.get(MUNICIPALITIES, [])}
    out = []
    for h_i, head in enumerate(index.sents):
        measures = by_sent.measures.get(h_i, [])
        if len(measures) < 2 or head.text.rstrip()[-1:] in ".!?:" or h_i + 1 >= len(index.sents) \
                or index.sents[h_i + 1].start not in munis:
            continue
        comparator = _caption_comparator(by_sent, h_i)
        r_i = h_i + 1
        while r_i < len(index.sents) and index.sents[r_i].start in munis:
            row = index.sents[r_i]
            cues = [d for d in directions(row) if d.start > row.start]
            if len(cues) == len(measures):
                code = munis[row.start].label_
                for k, (m, cue) in enumerate(zip(measures, cues)):
                    end = cues[k + 1].start if k + 1 < len(cues) else row.end
                    cell = padded_words(doc[cue.start:end])
                    sig = None if "sign" not in cell else not any(f" {w} " in cell for w in NEGATIONS)
                    out.append(Finding(h_i, r_i, {
                        "measure": m.label_, "arm_type": None, "direction": cue.label_, "value": None,
                        "unit": None, "comparator": comparator, "comparator_value": None, "ratio": None,
                        "significant": sig, "fixed_municipality": True, "municipality_code": code,
                        "rule_id": f"{m.id_}+{cue.id_}+outcome-effect-table"}))
            r_i += 1
    return out


def _caption_comparator(by_sent: BySentence, h_i: int) -> str | None:
    """What a table's caption or header compares with ('ten opzichte van de controlegroep')."""
    for s_i in (h_i, h_i - 1):
        arms = {a.label_ for a in by_sent.arms.get(s_i, [])} & {"control", "non_participants"}
        if arms:
            return "control" if "control" in arms else "non_participants"
        if by_sent.comparators.get(s_i):
            return by_sent.comparators[s_i][0].label_
    return None
