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

from .numbers import FRACTIONS, clean, parse_number
from .resources import lexicon
from .rules import PatternSet
from .doc_records import add_record
from .doc_text import SentenceIndex, contains_phrase, padded_words, sentence_index, text_of
from .sentence_shapes import clauses, is_heading

NEGATIONS = {"niet", "geen", "nooit", "not", "no", "never", "nauwelijks"}
PARTICIPLE = re.compile(r"^(ge|be|ver|onder|her|ont|er)\w{3,}[dt]$")
ANAPHORA_BOTH = {"beide", "both"}
ANAPHORA_THIS = {"deze", "die", "this", "that"}
COMPARATOR_ARMS = {"control", "non_participants"}


@Language.factory("evidence_outcomes")
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
        quote_tokens = {i for q in doc.spans.get("quotes", []) for i in range(q.start, q.end)}
        arm_tokens = {i for a in doc.spans.get("arms", []) for i in range(a.start, a.end)}
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
        arms = list(doc.spans.get("arms", []))
        by_sent = _group(index, measures), _group(index, directions), _group(index, comparators), _group(index, arms)
        findings = []  # (sentence index, record fields)
        for s_i, sent in enumerate(index.sents):
            sent_measures = by_sent[0].get(s_i, [])
            if not sent_measures:
                continue
            # Headings restate the body; quotes are claims of their speaker, kept as quotes.
            if sent_measures[0].start in quote_tokens or self._hedged(sent) or is_heading(sent) \
                    or any(contains_phrase(padded_words(sent), c) for c in self.design):
                continue
            prev_arms = by_sent[3].get(s_i - 1, [])
            for fields in self._read_sentence(doc, sent, sent_measures, by_sent[1].get(s_i, []),
                                              by_sent[2].get(s_i, []), by_sent[3].get(s_i, []), prev_arms):
                findings.append([s_i, s_i, fields])
        findings = self._join(doc, index, findings, by_sent)
        findings += self._tables(doc, index, by_sent) + self._effect_tables(doc, index, by_sent)
        for first, last, fields in findings:
            if fields["value"] is None and fields["ratio"] is not None:
                # "2,5 keer zo vaak" and no other figure: the ratio is the figure
                fields["value"], fields["unit"] = fields["ratio"], "ratio"
            start, end = index.sents[first].start_char, index.sents[last].end_char
            add_record(doc, "outcome", start, end, fields.pop("rule_id"), anchor=start, **fields)
        return doc

    def _hedged(self, sent: Span) -> bool:
        words = padded_words(sent)
        return any(contains_phrase(words, h) for h in self.hedges)

    def _direction(self, doc: Doc, span: Span, measure_tokens: set, sent: Span) -> Span | None:
        """Validate a direction cue and apply negation."""
        rule = span.id_
        if rule.endswith("-more") or rule.endswith("-less"):
            # "meer" counts only before what it quantifies: meer mensen, meer tevredenheid
            ahead = doc[span.end:min(span.end + 3, len(doc))]
            if not any(t.i in measure_tokens or t.lower_ in self.people for t in ahead):
                return None
        if rule.endswith("-better") and span.end < len(doc) and PARTICIPLE.match(doc[span.end].lower_):
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
            if low == "als" and not any(t.lower_ in ("zo", "even", "evenveel") for t in sent.doc[max(sent.start, tok.i - 10):tok.i]):
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
        sig = self._significance(sent)

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
            elif "@" in m.id_:
                negated = any(t.lower_ in NEGATIONS for t in doc[max(c.start, m.start - 2):m.start])
                found[m.start] = ("none" if negated else m.id_.rsplit("@", 1)[1], m.id_)
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
            value, unit, comp_value, ratio, implied = self._numbers(doc, c if len(measures) > 1 else sent, comp_at)
            for arm_type in sorted({a.label_ for a in arm_spans}) or [None]:
                key = (m.label_, arm_type)
                if key in seen:
                    continue
                seen.add(key)
                yield {
                    "measure": m.label_, "arm_type": arm_type, "direction": direction,
                    "value": value, "unit": unit, "comparator": comparator or implied,
                    "comparator_value": comp_value, "ratio": ratio, "significant": sig,
                    "rule_id": f"{m.id_.split('@')[0]}+{cue_rule or 'no-direction'}",
                }

    def _significance(self, sent: Span):
        for tok in sent:
            if tok.lower_.startswith("significant"):
                before = {t.lower_ for t in sent.doc[max(sent.start, tok.i - 3):tok.i]}
                return not (before & NEGATIONS)
        return None

    def _numbers(self, doc: Doc, scope: Span, comp_at: int | None):
        """value, unit, comparator value and ratio in a clause. 'van 31 naar 24 procent' gives
        the new figure as the value and the old one as the comparator value."""
        value = unit = comp_value = ratio = None
        toks = list(scope)
        found = []  # (token index, number, unit)
        for k, tok in enumerate(toks):
            nxt = toks[k + 1].lower_ if k + 1 < len(toks) else ""
            after = toks[k + 2].lower_ if k + 2 < len(toks) else ""
            two = f"{tok.lower_} {nxt}"
            if two in FRACTIONS or (tok.lower_ in FRACTIONS and k and f"{toks[k-1].lower_} {tok.lower_}" not in FRACTIONS):
                # "de helft van de deelnemers", not "de helft van hun bijverdiensten"
                follow = [t.lower_ for t in toks[k + 1:k + 6]]
                if "van" in follow and any(w in self.people or w in ("hen", "them") for w in follow):
                    found.append((tok.i, FRACTIONS.get(two, FRACTIONS.get(tok.lower_)), "percent"))
                continue
            number = parse_number(tok.text)
            if number is None or (tok.is_alpha and nxt not in ("keer", "times", "maal")):
                continue
            if tok.text.endswith("%") or nxt in ("%", "procent", "percent"):
                this_unit = "percent"
            elif nxt.startswith("procentpunt") or nxt.startswith("percentage"):
                this_unit = "percentage_points"
            elif nxt in ("keer", "times", "maal"):
                ratio = clean(number)
                continue
            elif (k and toks[k - 1].text == "€") or nxt == "euro":
                this_unit = "euro"
            elif nxt in ("naar", "tot", "to") and (after.endswith("%") or (k + 3 < len(toks) and toks[k + 3].lower_ in ("procent", "%"))):
                this_unit = "percent"  # "van 31 naar 24 procent"
            elif nxt in ("punt", "punten", "points", "point") or ("," in tok.text and not tok.text.endswith(",")):
                this_unit = None  # a mark or score: "een 7,2 tegen een 6,6"
            else:
                continue
            found.append((tok.i, clean(number), this_unit))
        van = next((f for f in found if f[0] > scope.start and doc[f[0] - 1].lower_ in ("van", "from")), None)
        naar = next((f for f in found if f[0] > scope.start and doc[f[0] - 1].lower_ in ("naar", "to", "tot")), None)
        if van and naar and van[0] < naar[0]:
            return naar[1], naar[2], van[1], ratio, "baseline"
        # the comparison runs to the end of its clause: "…dan de controlegroep, gemiddeld 0,4 punt"
        comp_end = next((c.end for c in clauses(doc[scope.start:scope.end]) if comp_at is not None
                         and c.start <= comp_at < c.end), scope.end)
        for i, number, this_unit in found:
            if comp_at is not None and comp_at <= i < comp_end:
                comp_value = comp_value if comp_value is not None else number
            elif value is None:
                value, unit = number, this_unit
        return value, unit, comp_value, ratio, None

    # -- tables ---------------------------------------------------------------------------
    def _tables(self, doc: Doc, index: SentenceIndex, by_sent) -> list:
        """Rows of a results table ('Regelluw 76 17,1' under 'Groep  Deelnemers (n)  Uitstroom
        naar werk (%)'): each arm's figure for the header's measures, against the control row."""
        rows = []  # (sentence index, arm span, numbers)
        for s_i, sent in enumerate(index.sents):
            arms = [a for a in by_sent[3].get(s_i, []) if a.start <= sent.start + 1]
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
            header = next((h for h in (first - 1, first - 2) if h >= 0 and by_sent[0].get(h)), None)
            if header is None or len(group) < 2:
                continue
            measures = by_sent[0][header]
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
                    out.append([header, s_i, {
                        "measure": m.label_, "arm_type": arm.label_, "direction": direction,
                        "value": values[k], "unit": unit, "comparator": "control", "comparator_value": comp,
                        "ratio": None, "significant": stars[k] if marks else None,
                        "rule_id": f"{m.id_.split('@')[0]}+outcome-table-row"}])
        return out

    def _effect_tables(self, doc: Doc, index: SentenceIndex, by_sent) -> list:
        """Rows of an effects table by municipality ('Groningen 1.142 geen sign. effect hoger
        (sign.)' under 'Gemeente Deelnemers (n) Voltijds werk Welbevinden'): the row's direction
        cues, read in order, are the header's measures, against what the caption compares with."""
        munis = {m.start: m for m in doc.spans.get("municipalities", [])}
        out = []
        for h_i, head in enumerate(index.sents):
            measures = by_sent[0].get(h_i, [])
            if len(measures) < 2 or head.text.rstrip()[-1:] in ".!?:" or h_i + 1 >= len(index.sents) \
                    or index.sents[h_i + 1].start not in munis:
                continue
            comparator = self._caption_comparator(index, by_sent, h_i)
            r_i = h_i + 1
            while r_i < len(index.sents) and index.sents[r_i].start in munis:
                row = index.sents[r_i]
                cues = [d for d in self.directions(row) if d.start > row.start]
                if len(cues) == len(measures):
                    code = munis[row.start].label_
                    for k, (m, cue) in enumerate(zip(measures, cues)):
                        end = cues[k + 1].start if k + 1 < len(cues) else row.end
                        cell = padded_words(doc[cue.start:end])
                        sig = None if "sign" not in cell else not any(f" {w} " in cell for w in NEGATIONS)
                        out.append([h_i, r_i, {
                            "measure": m.label_, "arm_type": None, "direction": cue.label_, "value": None,
                            "unit": None, "comparator": comparator, "comparator_value": None, "ratio": None,
                            "significant": sig, "fixed_municipality": True, "municipality_code": code,
                            "rule_id": f"{m.id_.split('@')[0]}+{cue.id_}+outcome-effect-table"}])
                r_i += 1
        return out

    @staticmethod
    def _caption_comparator(index: SentenceIndex, by_sent, h_i: int) -> str | None:
        """What a table's caption or header compares with ('ten opzichte van de controlegroep')."""
        for s_i in (h_i, h_i - 1):
            arms = {a.label_ for a in by_sent[3].get(s_i, [])} & {"control", "non_participants"}
            if arms:
                return "control" if "control" in arms else "non_participants"
            if by_sent[2].get(s_i):
                return by_sent[2][s_i][0].label_
        return None

    # -- across sentences ----------------------------------------------------------------
    def _join(self, doc: Doc, index: SentenceIndex, findings: list, by_sent) -> list:
        """Complete value-only findings from their neighbours; drop what stays incomplete."""
        kept: list = []
        para_of = _paragraph_index(doc, index)
        for item in findings:
            first, last, f = item
            if f["direction"] is not None and f["arm_type"] not in COMPARATOR_ARMS:
                kept.append(item)
                continue
            same_para = [k for k in kept if para_of[k[1]] == para_of[first] and first - k[1] <= 2
                         and k[2]["measure"] == f["measure"]]
            if f["arm_type"] in COMPARATOR_ARMS and f["value"] is not None and f["direction"] is None:
                # "Bij de groep niet-deelnemers was dit 10%": the comparator's figure
                targets = [k for k in same_para if k[2]["comparator"] in (f["arm_type"], None)]
                for k in targets:
                    k[2]["comparator"] = f["arm_type"]
                    if k[2]["comparator_value"] is None:
                        k[2]["comparator_value"] = f["value"]
                    k[1] = max(k[1], last)
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
                targets = [k for k in same_para if k[2]["arm_type"] == f["arm_type"]]
                if targets and f["value"] is not None:
                    for k in targets:
                        if k[2]["value"] is None:
                            k[2]["value"], k[2]["unit"] = f["value"], f["unit"]
                        k[1] = max(k[1], last)
                    continue
                follow = self._follow_up(doc, index, last, by_sent)
                if follow is not None:
                    direction, comparator, rule = follow
                    f["direction"] = direction
                    f["comparator"] = f["comparator"] or comparator
                    f["rule_id"] += f"+{rule}"
                    kept.append([first, last + 1, f])
                continue
            kept.append(item)
        return kept

    def _follow_up(self, doc: Doc, index: SentenceIndex, s_i: int, by_sent):
        """'… 11 procent vond werk. Dat is niet meer dan bij de niet-deelnemers.'"""
        if s_i + 1 >= len(index.sents) or by_sent[0].get(s_i + 1):
            return None
        nxt = index.sents[s_i + 1]
        if "\n\n" in text_of(doc)[index.sents[s_i].end_char:nxt.start_char]:
            return None
        cues = by_sent[1].get(s_i + 1, [])
        if not cues:
            return None
        label = "none" if any(c.label_ == "none" for c in cues) else cues[0].label_
        comp_at = self._comparison_start(nxt)
        arms = [a for a in by_sent[3].get(s_i + 1, []) if comp_at is not None and a.start >= comp_at]
        comparator = arms[0].label_ if arms and arms[0].label_ in COMPARATOR_ARMS else None
        return label, comparator, "outcome-follow-up"


def ratio_of(doc: Doc, span: Span):
    """'2,5 keer zo vaak': the ratio a clause states, if any."""
    for tok in span:
        if tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ in ("keer", "maal", "times"):
            value = parse_number(tok.text)
            if value is not None:
                return value
    return None


def _group(index: SentenceIndex, spans) -> dict[int, list]:
    out: dict[int, list] = {}
    for span in spans:
        out.setdefault(index.of_token(span.start), []).append(span)
    return out


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
    paras = list(doc.spans.get("paragraphs", []))
    out, p = [], 0
    for sent in index.sents:
        while p + 1 < len(paras) and paras[p + 1].start <= sent.start:
            p += 1
        out.append(p)
    return out
