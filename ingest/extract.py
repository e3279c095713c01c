"""Documents in, evidence records out (the format of EVIDENCE_FORMAT.md).

The spaCy components find the records; this stage gives each its municipality (from
its sentence, then its paragraph, then the nearest before it, then the document's main
one), folds restatements together, and gives every record a deterministic id.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import Counter
from typing import Callable, Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc

from . import EXTRACTOR_VERSION
from .document import Document, short_id
from .nlp.doc_records import records
from .nlp.resources import lexicon, municipality_name
from .nlp.span_keys import MUNICIPALITIES, MUNICIPALITIES_WEAK, PARAGRAPHS
from .records import RECORD_TYPES, TYPES


class MunicipalityResolver:
    """Which municipality a record at a given place is about."""

    def __init__(self, doc: Doc):
        # (start character, CBS code) of every mention, sorted: plain tuples, bisected, since
        # every record asks and Span attributes are slow to read
        self.strong = sorted((s.start_char, s.label_) for s in doc.spans.get(MUNICIPALITIES, []))
        self.weak = sorted((s.start_char, s.label_) for s in doc.spans.get(MUNICIPALITIES_WEAK, []))
        paragraphs = list(doc.spans.get(PARAGRAPHS, [])) or [doc[:]]
        self.paragraphs = [(p.start_char, p.end_char) for p in paragraphs]
        self.para_starts = [start for start, _ in self.paragraphs]
        self.main = None
        self.main = self._dominant([code for _, code in self.strong])
        # A statement placed nowhere goes to the main municipality only where the document is
        # mostly about it: in a round-up of six cities, an unplaced finding is about none.
        counts = Counter(code for _, code in self.strong)
        self.fallback = self.main if self.main and counts[self.main] * 2 > len(self.strong) else None
        self.one_place = len(counts) == 1  # the document speaks of one municipality only

    def _dominant(self, codes: list[str]) -> str | None:
        """The most mentioned; among equals the document's main municipality, else the first."""
        if not codes:
            return None
        counts = Counter(codes)
        top = max(counts.values())
        tied = [c for c in codes if counts[c] == top]
        return self.main if self.main in tied else tied[0]

    @staticmethod
    def _within(mentions: list[tuple[int, str]], start: int, end: int) -> list[str]:
        return [code for _, code in mentions[bisect_left(mentions, (start, "")):bisect_left(mentions, (end, ""))]]

    def resolve(self, start: int, end: int, anchor: int, national: bool = False) -> tuple[str | None, str]:
        inside = self._within(self.strong, start, end)
        if national and len(set(inside)) != 1 and not self.one_place:
            # "in geen van de gemeenten", "in totaal": about all experiments, not one municipality
            # (unless the document speaks of one municipality only)
            return None, "fixed"
        if inside:
            return self._dominant(inside), "sentence"
        weak = self._within(self.weak, start, end)
        if weak:
            return self._dominant(weak), "sentence-organisation"
        # the paragraph holding the anchor (a paragraph's end counts as its own)
        p_i = max(0, bisect_right(self.para_starts, anchor) - 1)
        if p_i and self.paragraphs[p_i - 1][1] >= anchor:
            p_i -= 1
        for back, level in ((0, "paragraph"), (1, "previous-paragraph"), (2, "previous-paragraph")):
            if p_i - back < 0:
                break
            inside = self._within(self.strong, *self.paragraphs[p_i - back])
            if inside:
                return self._dominant(inside), level
        return self.fallback, "document"


LEVEL_RANK = {"fixed": 0, "sentence": 1, "sentence-organisation": 2, "paragraph": 3,
              "previous-paragraph": 4, "document": 5}


def records_for(document: Document, doc: Doc) -> list[dict]:
    """The finished records of one document, in the order they appear."""
    resolver = MunicipalityResolver(doc)
    national_scope = [f" {p} " for p in lexicon()["national_scope"]]
    out = []
    for raw in sorted(records(doc), key=lambda r: (r["start"], TYPES.index(r["type"]))):
        raw = dict(raw)
        if raw.pop("fixed_municipality", False):
            code, level = raw.pop("municipality_code"), "fixed"
        else:
            if raw["type"] in ("outcome", "sample_size"):
                evidence = f" {document.text[raw['start']:raw['end']].lower()} "
                national = any(p in evidence for p in national_scope)
            else:
                national = False
            code, level = resolver.resolve(raw["start"], raw["end"], raw["anchor"], national)
        name = municipality_name(code)
        if raw["type"] == "quote":
            _finish_quote(raw, name)
        if raw["type"] == "municipality":
            raw["cbs_code"] = code
        record = {"doc": document.path, "type": raw["type"], "municipality": name,
                  "evidence": document.text[raw["start"]:raw["end"]],
                  "start": raw["start"], "end": raw["end"]}
        for field in RECORD_TYPES[raw["type"]].fields:
            record[field] = raw.get(field)
        record["rule_id"] = raw["rule_id"]
        record["_level"] = LEVEL_RANK[level]
        record["_cbs_code"] = code
        for field in RECORD_TYPES[raw["type"]].stored:
            record["_" + field] = raw[field]
        out.append(record)
    out = _fold(out)
    experiments: dict[str | None, str] = {}  # the experiment of each municipality in the document
    for record in out:
        if record["type"] == "experiment":
            experiments.setdefault(record["municipality"], record["name"])
    for record in out:
        if RECORD_TYPES[record["type"]].has_experiment:
            record["_experiment"] = experiments.get(record["municipality"])
        key = [document.content_hash, record["type"], str(record["start"]), str(record["end"])]
        key += [str(record.get(f)) for f in RECORD_TYPES[record["type"]].fields]
        record["id"] = short_id(*key)
        record["extractor_version"] = EXTRACTOR_VERSION
    return out


def _finish_quote(raw: dict, municipality: str | None) -> None:
    if raw.get("speaker") == "gemeente":
        raw["speaker"] = f"gemeente {municipality}" if municipality else "gemeente"
        raw["organisation"] = raw["speaker"] if municipality else None
    if raw.get("role") == "wethouder" and not raw.get("organisation") and municipality:
        raw["organisation"] = f"gemeente {municipality}"


def _fold(recs: list[dict]) -> list[dict]:
    """One record per fact and document: restatements of it are dropped (the first, most
    precisely placed statement is kept), as are outcomes a fuller record already states."""
    best: dict[tuple, dict] = {}
    order = []
    for r in recs:
        key = (r["type"], *RECORD_TYPES[r["type"]].fold_key(r))
        if key not in best:
            best[key] = r
            order.append(key)
        elif r["_level"] < best[key]["_level"]:
            best[key] = r
    kept = [best[k] for k in order]
    valued = {(r["municipality"], r["arm_type"], r["measure"], r["direction"])
              for r in kept if r["type"] == "outcome" and r["value"] is not None}
    return [r for r in kept if not (r["type"] == "outcome" and r["value"] is None and
                                    (r["municipality"], r["arm_type"], r["measure"], r["direction"]) in valued)]


def extract_documents(documents: Iterable[Document], nlp: Language, batch_size: int = 32,
                      on_failure: Callable[[Document, str], None] | None = None,
                      ) -> Iterator[tuple[Document, list[dict]]]:
    """Stream documents through the pipeline (nlp.pipe), yielding each with its records.

    A document that makes the pipeline or the record stage fail fails alone: it is passed
    to `on_failure` with the reason ("extract: ...") and the stream goes on. Without
    `on_failure` the exception propagates."""
    batch: list[Document] = []
    for document in documents:
        batch.append(document)
        if len(batch) >= batch_size:
            yield from _extract_batch(batch, nlp, on_failure)
            batch = []
    yield from _extract_batch(batch, nlp, on_failure)


def _extract_batch(batch: list[Document], nlp: Language, on_failure) -> Iterator[tuple[Document, list[dict]]]:
    if not batch:
        return
    if on_failure is None:
        for doc, document in nlp.pipe(((d.text, d) for d in batch), as_tuples=True, batch_size=len(batch)):
            yield document, records_for(document, doc)
        return
    try:
        done = [(document, records_for(document, doc))
                for doc, document in nlp.pipe(((d.text, d) for d in batch), as_tuples=True,
                                              batch_size=len(batch))]
    except Exception:
        done = None  # one of them failed: find it by taking them one at a time
    if done is not None:
        yield from done
        return
    for document in batch:
        try:
            records = records_for(document, nlp(document.text))
        except Exception as e:  # a bug or a limit in a component: the document fails, not the build
            on_failure(document, f"extract: {type(e).__name__}: {e}"[:500])
            continue
        yield document, records


def public(record: dict) -> dict:
    """The record as `extract --jsonl` prints it (no internal fields)."""
    return {k: v for k, v in record.items() if not k.startswith("_")}
