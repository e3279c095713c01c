#!/usr/bin/env python3
"""Validates every gold file of the blind2 set (stdlib only).

Checks: JSON shape; exact field set per record type; vocabularies; municipality
names against /work/shared/reference/municipalities.csv (or null) and cbs_code of
municipality records; that every document has a gold file and vice versa; that
each quote text, experiment name and arm label occurs verbatim in the document
body (.txt: the file; .html: the text inside <article>, whitespace collapsed;
.pdf: the body strings in make_pdfs.py, since the stdlib cannot read PDF text).
"""
import csv, glob, json, os, re, sys
from html.parser import HTMLParser

HERE = os.path.dirname(os.path.abspath(__file__))
DOCS = os.path.join(HERE, "docs")
GOLD = os.path.join(HERE, "gold")
CSV = "/work/shared/reference/municipalities.csv"

ARM = {"exemption", "intensive_guidance", "earnings_disregard", "free_choice",
       "combined", "control", "non_participants"}
POP = {"participants", "intended", "approached", "registered", "beneficiaries",
       "arm", "outflow", "other"}
MEASURE = {"outflow_to_work", "fulltime_work", "parttime_work", "employment",
           "job_search", "wellbeing", "health", "self_reliance", "self_confidence",
           "participation", "social_trust", "satisfaction", "training_uptake",
           "poverty", "debt", "costs", "other"}
DIRECTION = {"up", "down", "none", "mixed"}
UNIT = {"percent", "percentage_points", "count", "ratio", "euro"}
COMPARATOR = {"control", "non_participants", "baseline", "other"}
ROLE = {"wethouder", "onderzoeker", "staatssecretaris", "minister", "projectleider",
        "deelnemer", "consulent", "organisatie", "other"}

FIELDS = {
    "municipality": {"cbs_code"},
    "experiment": {"name"},
    "arm": {"label", "arm_type"},
    "sample_size": {"n", "population", "arm_type"},
    "outcome": {"measure", "arm_type", "direction", "value", "unit", "comparator",
                "comparator_value", "ratio", "significant"},
    "quote": {"text", "speaker", "role", "organisation"},
}


class ArticleText(HTMLParser):
    """Collects the text inside <article>…</article> (the body of a page)."""
    def __init__(self):
        super().__init__()
        self.depth = 0
        self.parts = []

    def handle_starttag(self, tag, attrs):
        if tag == "article":
            self.depth += 1
        elif self.depth and tag in ("p", "li", "h1", "h2", "h3", "br", "ul", "div"):
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag == "article":
            self.depth -= 1
        elif self.depth and tag in ("p", "li", "h1", "h2", "h3"):
            self.parts.append("\n")

    def handle_data(self, data):
        if self.depth:
            self.parts.append(data)


def norm(s):
    return re.sub(r"\s+", " ", s).strip()


def body_text(path):
    ext = os.path.splitext(path)[1].lower()
    if ext == ".pdf":
        src = open(os.path.join(HERE, "make_pdfs.py"), encoding="utf-8").read()
        return norm(src), True
    text = open(path, encoding="utf-8").read()
    if ext in (".html", ".htm"):
        p = ArticleText()
        p.feed(text)
        return norm("".join(p.parts)), False
    return norm(text), False


def is_num(x):
    return isinstance(x, (int, float)) and not isinstance(x, bool)


def main():
    names = {}
    with open(CSV, encoding="utf-8") as f:
        for row in csv.DictReader(f):
            names[row["name"]] = row["cbs_code"]
    errors = []
    counts = {}
    docs = sorted(os.listdir(DOCS))
    golds = sorted(glob.glob(os.path.join(GOLD, "*.json")))
    stems = {os.path.splitext(d)[0] for d in docs}
    for g in golds:
        if os.path.splitext(os.path.basename(g))[0] not in stems:
            errors.append(f"{g}: no document")
    for d in docs:
        gpath = os.path.join(GOLD, os.path.splitext(d)[0] + ".json")
        if not os.path.exists(gpath):
            errors.append(f"{d}: no gold file")
            continue
        try:
            gold = json.load(open(gpath, encoding="utf-8"))
        except json.JSONDecodeError as e:
            errors.append(f"{gpath}: bad JSON: {e}")
            continue
        if set(gold) != {"doc", "records"} or gold["doc"] != d or not isinstance(gold["records"], list):
            errors.append(f"{gpath}: top level must be {{doc: {d!r}, records: [...]}}")
            continue
        body, is_pdf = body_text(os.path.join(DOCS, d))
        chars = len(open(os.path.join(DOCS, d), "rb").read()) if is_pdf else len(body)
        if not is_pdf and not (1500 <= chars <= 4000):
            errors.append(f"{d}: body length {chars} outside 1,500-4,000")
        for i, r in enumerate(gold["records"]):
            where = f"{d} record {i}"
            t = r.get("type")
            if t not in FIELDS:
                errors.append(f"{where}: bad type {t!r}")
                continue
            counts[t] = counts.get(t, 0) + 1
            want = {"type", "municipality"} | FIELDS[t]
            if set(r) != want:
                errors.append(f"{where}: fields {sorted(set(r) ^ want)} wrong")
                continue
            m = r["municipality"]
            if m is not None and m not in names:
                errors.append(f"{where}: municipality {m!r} not a CBS name")
            if t == "municipality":
                if m is None or names.get(m) != r["cbs_code"]:
                    errors.append(f"{where}: cbs_code {r['cbs_code']!r} does not fit {m!r}")
            elif t == "experiment":
                if not isinstance(r["name"], str) or norm(r["name"]) not in body:
                    errors.append(f"{where}: experiment name {r['name']!r} not in document")
            elif t == "arm":
                if r["arm_type"] not in ARM:
                    errors.append(f"{where}: arm_type {r['arm_type']!r}")
                if not isinstance(r["label"], str) or norm(r["label"]) not in body:
                    errors.append(f"{where}: arm label {r['label']!r} not in document")
            elif t == "sample_size":
                if not isinstance(r["n"], int) or isinstance(r["n"], bool) or r["n"] <= 0:
                    errors.append(f"{where}: n must be a positive integer")
                if r["population"] not in POP:
                    errors.append(f"{where}: population {r['population']!r}")
                if r["arm_type"] is not None and r["arm_type"] not in ARM:
                    errors.append(f"{where}: arm_type {r['arm_type']!r}")
                if r["population"] == "arm" and r["arm_type"] is None:
                    errors.append(f"{where}: population arm needs an arm_type")
            elif t == "outcome":
                if r["measure"] not in MEASURE:
                    errors.append(f"{where}: measure {r['measure']!r}")
                if r["arm_type"] is not None and r["arm_type"] not in ARM:
                    errors.append(f"{where}: arm_type {r['arm_type']!r}")
                if r["direction"] not in DIRECTION:
                    errors.append(f"{where}: direction {r['direction']!r}")
                for k in ("value", "comparator_value", "ratio"):
                    if r[k] is not None and not is_num(r[k]):
                        errors.append(f"{where}: {k} must be a number or null")
                if r["unit"] is not None and r["unit"] not in UNIT:
                    errors.append(f"{where}: unit {r['unit']!r}")
                if r["comparator"] is not None and r["comparator"] not in COMPARATOR:
                    errors.append(f"{where}: comparator {r['comparator']!r}")
                if r["significant"] not in (True, False, None):
                    errors.append(f"{where}: significant must be true/false/null")
                if r["direction"] == "none" and r["significant"] is not False:
                    errors.append(f"{where}: direction none must have significant false")
                if r["comparator_value"] is not None and r["comparator"] is None:
                    errors.append(f"{where}: comparator_value without comparator")
            elif t == "quote":
                if not isinstance(r["text"], str) or not r["text"].strip():
                    errors.append(f"{where}: empty quote text")
                elif norm(r["text"]) not in body:
                    errors.append(f"{where}: quote text not verbatim in document: {r['text'][:60]!r}")
                if not isinstance(r["speaker"], str) or not r["speaker"].strip():
                    errors.append(f"{where}: speaker missing")
                if r["role"] is not None and r["role"] not in ROLE:
                    errors.append(f"{where}: role {r['role']!r}")
                if r["organisation"] is not None and not isinstance(r["organisation"], str):
                    errors.append(f"{where}: organisation must be a string or null")
        present = {r.get("municipality") for r in gold["records"] if r.get("type") == "municipality"}
        used = {r.get("municipality") for r in gold["records"]} - {None}
        for m in sorted(used - present):
            errors.append(f"{d}: records use municipality {m!r} without a municipality record")
    for e in errors:
        print("ERROR", e)
    total = sum(counts.values())
    print(f"{len(docs)} documents, {total} records: " +
          ", ".join(f"{k} {counts.get(k, 0)}" for k in FIELDS))
    if errors:
        print(f"FAILED with {len(errors)} error(s)")
        return 1
    print("OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
