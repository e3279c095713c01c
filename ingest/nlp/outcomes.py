"""Outcomes: what was measured (measure), which way it went (direction, with negation
and hedging), by how much (value, unit, ratio), against whom (comparator: control group,
non-participants, before the start), and for which arm.

A finding is read per clause: the direction cue nearest the measure in its own clause,
else that of a measure it is listed with. Press releases spread one finding over a
few sentences ("X is 2,5 keer zo hoog als Y. Circa 25% van beide groepen … Bij Y was
dit 10%."), so value-only sentences are joined to the finding they complete; such a
record's evidence is the passage of all its sentences.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc, Span

from .doc_records import add_record
from .doc_text import SentenceIndex, contains_phrase, padded_words, sentence_index, text_of
from .figures import implied_direction, ratio_of, read_figures, significance
from .findings import COMPARATOR_ARMS, NEGATIONS, BySentence, Finding, group
from .outcome_tables import effect_table_findings, results_table_findings
from .resources import lexicon
from .rules import PatternSet
from .sentence_shapes import clauses, is_heading
from .span_keys import ARMS, MUNICIPALITIES, PARAGRAPHS, QUOTES, RECORDS, SENTENCES, attr

PARTICIPLE = re.compile(r"^(ge|be|ver|onder|her|ont|er)\w{3,}[dt]$")
ANAPHORA_BOTH = frozenset(lexicon()["anaphora_both"])
ANAPHORA_THIS = frozenset(lexicon()["anaphora_this"])


@Language.factory("evidence_outcomes",
                  requires=[SENTENCES, attr(PARAGRAPHS), attr(MUNICIPALITIES), attr(QUOTES), attr(ARMS)],
                  assigns=[attr(RECORDS)])
def make_outcomes(nlp: Language, name: str):
    return OutcomeRecognizer(nlp)


class OutcomeRecognizer:
    def __init__(self, nlp: Language):
        self.measures = PatternSet(nlp, "measures.jsonl")
        self.directions = PatternSet(nlp, "directions.jsonl")
        self.comparators = PatternSet(nlp, "comparators.jsonl")
        lex = lexicon()
        self.hedges = [h.lower() for h in lex["hedges"]]
        self.markers = set(lex["comparison_markers"])
        self.context = set(lex["comparison_context"])
        self.design = [c.lower() for c in lex["design_cues"]]
        self.anaphora = [c.lower() for c in lex["arm_anaphora"]]
        self.people = set(lex["people_nouns"])

    # -- per sentence --------------------------------------------------------------------
    def __call__(self, doc: Doc) -> Doc:
        index = sentence_index(doc)
        quote_tokens = {i for q in doc.spans.get(QUOTES, []) for i in range(q.start, q.end)}
        arm_tokens = {i for a in doc.spans.get(ARMS, []) for i in range(a.start, a.end)}
        # a measure word that is part of an arm's name is no measure ("meer bijverdienen"); a
        # measure that only spans an arm ("vonden mensen die extra begeleiding kregen vaker werk") is
        measures = [m for m in self.measures(doc) if m.start not in arm_tokens and m.end - 1 not in arm_tokens]
        measure_tokens = {i for m in measures for i in range(m.start, m.end)}
        # Cues matter only in sentences with a measure and in the one after (a follow-up).
        wanted = sorted({s for m in measures for s in (index.of_token(m.start), index.of_token(m.start) + 1)
                         if s < len(index.sents)})
        directions, comparators = [], []
        for s_i in wanted:
            sent = index.sents[s_i]
            directions += [self._direction(doc, d, measure_tokens, sent) for d in self.directions(sent, longest=False)]
            comparators += self.comparators(sent)
        directions = _resolve_overlaps([d for d in directions if d is not None])
        arms = list(doc.spans.get(ARMS, []))
        by_sent = BySentence(group(index, measures), group(index, directions), group(index, comparators),
                             group(index, arms))
        findings: list[Finding] = []
        for s_i, sent in enumerate(index.sents):
            sent_measures = by_sent.measures.get(s_i, [])
            if not sent_measures:
                continue
            # Headings restate the body; quotes are claims of their speaker, kept as quotes.
            if sent_measures[0].start in quote_tokens or self._hedged(sent) or is_heading(sent) \
                    or any(contains_phrase(padded_words(sent), c) for c in self.design):
                continue
            prev_arms = by_sent.arms.get(s_i - 1, [])
            for fields in self._read_sentence(doc, sent, sent_measures, by_sent.directions.get(s_i, []),
                                              by_sent.comparators.get(s_i, []), by_sent.arms.get(s_i, []), prev_arms):
                findings.append(Finding(s_i, s_i, fields))
        findings = self._join(doc, index, findings, by_sent)
        findings += results_table_findings(doc, index, by_sent)
        findings += effect_table_findings(doc, index, by_sent, self.directions)
        for finding in findings:
            fields = finding.fields
            if fields["value"] is None and fields["ratio"] is not None:
                # "2,5 keer zo vaak" and no other figure: the ratio is the figure
                fields["value"], fields["unit"] = fields["ratio"], "ratio"
            start, end = index.sents[finding.first].start_char, index.sents[finding.last].end_char
            add_record(doc, "outcome", start, end, fields.pop("rule_id"), anchor=start, **fields)
        return doc

    def _hedged(self, sent: Span) -> bool:
        words = padded_words(sent)
        return any(contains_phrase(words, h) for h in self.hedges)

    def _direction(self, doc: Doc, span: Span, measure_tokens: set, sent: Span) -> Span | None:
        """Validate a direction cue and apply negation."""
        rule = span.id_
        if self.directions.field(rule, "quantifier"):
            # "meer" counts only before what it quantifies: meer mensen, meer tevredenheid
            ahead = doc[span.end:min(span.end + 3, len(doc))]
            if not any(t.i in measure_tokens or t.lower_ in self.people for t in ahead):
                return None
        if self.directions.field(rule, "not_before_participle") and span.end < len(doc) \
                and PARTICIPLE.match(doc[span.end].lower_):
            return None  # "beter ondersteund": the adverb goes with the verb
        label = span.label_
        if label in ("up", "down"):
            before = doc[max(span.start - 3, sent.start):span.start]
            after = doc[span.end:min(span.end + 2, sent.end)]
            inside = list(span)
            if any(t.lower_ in NEGATIONS for t in inside) or any(
                    t.lower_ in NEGATIONS and not (t.i + 1 < len(doc) and doc[t.i + 1].lower_ == "alleen")
                    for t in before) or (len(after) and after[0].lower_ in ("niet", "not")):
                label = "none"  # "nam niet toe", "geen hogere", "steeg niet"
        return Span(doc, span.start, span.end, label=label, span_id=span.id_)

    def _comparison_start(self, sent: Span) -> int | None:
        """Token index where the comparison ('dan bij …', 'als in de controlegroep') starts."""
        for tok in sent:
            low = tok.lower_
            if low not in self.markers or tok.i == sent.start:
                continue
            before = sent.doc[max(sent.start, tok.i - 10):tok.i]
            if low == "als" and not any(t.lower_ in ("zo", "even", "evenveel") for t in before):
                continue
            if low == "tegen" and not any(t.like_num for t in sent.doc[tok.i + 1:min(tok.i + 3, sent.end)]):
                continue
            if low == "aan" and sent.doc[tok.i - 1].lower_ not in ("gelijk", "gelijke", "vergelijkbaar"):
                continue  # "gelijk aan die in de controlegroep"
            return tok.i
        return None

    def _read_sentence(self, doc, sent, measures, directions, comparators, arms, prev_arms):
        parts = clauses(sent)
        comp_at = self._comparison_start(sent)
        clause_comp = {c.start: self._comparison_start(c) for c in parts}
        compared = comp_at is not None or any(t.lower_ in self.context for t in sent)

        def after_marker(a):
            c = next((c for c in parts if c.start <= a.start < c.end), None)
            at = clause_comp.get(c.start) if c is not None else comp_at
            return at is not None and a.start >= at

        # "geen verschil met de controlegroep": a control or comparison group is what the
        # finding is measured against, not the group it is about
        comp_arms = [a for a in arms if after_marker(a) or (compared and a.label_ in COMPARATOR_ARMS)]
        own_arms = [a for a in arms if a not in comp_arms]
        comparator = None
        if comp_arms:
            types = {a.label_ for a in comp_arms}
            comparator = next((t for t in ("control", "non_participants") if t in types), "other")
        elif comparators:
            comparator = comparators[0].label_
        sig = significance(sent)

        def clause_of(i):
            return next((c for c in parts if c.start <= i < c.end), sent)

        found = {}
        for m in measures:
            c = clause_of(m.start)
            cues = [d for d in directions if c.start <= d.start < c.end]
            if any(d.label_ == "none" for d in cues):
                found[m.start] = ("none", "outcome-none-in-clause")
            elif cues:
                best = min(cues, key=lambda d: abs(d.start - m.start))
                found[m.start] = (best.label_, best.id_)
            elif ratio_of(doc, c) is not None:
                r = ratio_of(doc, c)
                found[m.start] = ("up" if r > 1 else "down" if r < 1 else "none", "outcome-ratio")
            elif self.measures.field(m.id_, "implies"):
                # "gelukkiger", "goedkoper": the measure word says which way it went
                found[m.start] = (implied_direction(self.measures, m, c.start),
                                  f"{m.id_}@{self.measures.field(m.id_, 'implies')}")
        for m in measures:
            if m.start in found:
                continue
            listed = [o for o in measures if o.start in found]
            if listed:
                other = min(listed, key=lambda o: abs(o.start - m.start))
                found[m.start] = (found[other.start][0], "outcome-listed-with")
            elif directions:
                best = min(directions, key=lambda d: abs(d.start - m.start))
                found[m.start] = (best.label_, best.id_)
        seen = set()
        for m in measures:
            direction, cue_rule = found.get(m.start, (None, None))
            c = clause_of(m.start)
            arm_spans = [a for a in own_arms if c.start <= a.start < c.end] or \
                [a for a in own_arms if a.end <= m.start]
            if not arm_spans and any(contains_phrase(padded_words(sent), a) for a in self.anaphora):
                arm_spans = [a for a in prev_arms if a.label_ not in COMPARATOR_ARMS]
            value, unit, comp_value, ratio, implied = read_figures(doc, c if len(measures) > 1 else sent, comp_at)
            for arm_type in sorted({a.label_ for a in arm_spans}) or [None]:
                key = (m.label_, arm_type)
                if key in seen:
                    continue
                seen.add(key)
                yield {
                    "measure": m.label_, "arm_type": arm_type, "direction": direction,
                    "value": value, "unit": unit, "comparator": comparator or implied,
                    "comparator_value": comp_value, "ratio": ratio, "significant": sig,
                    "rule_id": f"{m.id_}+{cue_rule or 'no-direction'}",
                }

    # -- across sentences ----------------------------------------------------------------
    def _join(self, doc: Doc, index: SentenceIndex, findings: list[Finding], by_sent: BySentence) -> list[Finding]:
        """Complete value-only findings from their neighbours; drop what stays incomplete."""
        kept: list[Finding] = []
        para_of = _paragraph_index(doc, index)
        for item in findings:
            first, last, f = item.first, item.last, item.fields
            if f["direction"] is not None and f["arm_type"] not in COMPARATOR_ARMS:
                kept.append(item)
                continue
            same_para = [k for k in kept if para_of[k.last] == para_of[first] and first - k.last <= 2
                         and k.fields["measure"] == f["measure"]]
            if f["arm_type"] in COMPARATOR_ARMS and f["value"] is not None and f["direction"] is None:
                # "Bij de groep niet-deelnemers was dit 10%": the comparator's figure
                targets = [k for k in same_para if k.fields["comparator"] in (f["arm_type"], None)]
                for k in targets:
                    k.fields["comparator"] = f["arm_type"]
                    if k.fields["comparator_value"] is None:
                        k.fields["comparator_value"] = f["value"]
                    k.last = max(k.last, last)
                if targets:
                    continue
            if f["direction"] is None and f["value"] is not None and f["comparator_value"] is not None:
                # "31 procent, tegen 22 procent in de controlegroep": the figures give the direction
                diff = f["value"] - f["comparator_value"]
                f["direction"] = "up" if diff > 0 else "down" if diff < 0 else "none"
                f["rule_id"] += "+outcome-from-figures"
                kept.append(item)
                continue
            if f["direction"] is None:
                targets = [k for k in same_para if k.fields["arm_type"] == f["arm_type"]]
                if targets and f["value"] is not None:
                    for k in targets:
                        if k.fields["value"] is None:
                            k.fields["value"], k.fields["unit"] = f["value"], f["unit"]
                        k.last = max(k.last, last)
                    continue
                follow = self._follow_up(doc, index, last, by_sent)
                if follow is not None:
                    direction, comparator, rule = follow
                    f["direction"] = direction
                    f["comparator"] = f["comparator"] or comparator
                    f["rule_id"] += f"+{rule}"
                    kept.append(Finding(first, last + 1, f))
                continue
            kept.append(item)
        return kept

    def _follow_up(self, doc: Doc, index: SentenceIndex, s_i: int, by_sent: BySentence):
        """'… 11 procent vond werk. Dat is niet meer dan bij de niet-deelnemers.'"""
        if s_i + 1 >= len(index.sents) or by_sent.measures.get(s_i + 1):
            return None
        nxt = index.sents[s_i + 1]
        if "\n\n" in text_of(doc)[index.sents[s_i].end_char:nxt.start_char]:
            return None
        cues = by_sent.directions.get(s_i + 1, [])
        if not cues:
            return None
        label = "none" if any(c.label_ == "none" for c in cues) else cues[0].label_
        comp_at = self._comparison_start(nxt)
        arms = [a for a in by_sent.arms.get(s_i + 1, []) if comp_at is not None and a.start >= comp_at]
        comparator = arms[0].label_ if arms and arms[0].label_ in COMPARATOR_ARMS else None
        return label, comparator, "outcome-follow-up"


def _resolve_overlaps(spans: list[Span]) -> list[Span]:
    """Where cues overlap, 'none' (a negated or no-difference cue) wins, then the longest."""
    rank = {"none": 0, "mixed": 1, "up": 2, "down": 2}
    ordered = sorted(spans, key=lambda s: (rank[s.label_], -(s.end - s.start), s.start))
    taken, out = set(), []
    for span in ordered:
        if any(i in taken for i in range(span.start, span.end)):
            continue
        taken.update(range(span.start, span.end))
        out.append(span)
    return sorted(out, key=lambda s: s.start)


def _paragraph_index(doc: Doc, index: SentenceIndex) -> list[int]:
    paras = list(doc.spans.get(PARAGRAPHS, []))
    out, p = [], 0
    for sent in index.sents:
        while p + 1 < len(paras) and paras[p + 1].start <= sent.start:
            p += 1
        out.append(p)
    return out
