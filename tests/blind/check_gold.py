"""Check the gold files of the blind evaluation set against the interchange format.

    .venv/bin/python tests/blind/check_gold.py [--verbose]

Errors (exit status 1):
- a gold file without its document, or a document without its gold file;
- a gold file whose shape or field values do not follow shared/EVIDENCE_FORMAT.md
  (exact fields per record type, vocabularies, value types);
- a municipality that is not a current CBS name of shared/reference/municipalities.csv,
  or a `municipality` record whose `cbs_code` does not belong to its name;
- a record about a municipality that has no `municipality` record in the same file;
- a quote text that is not verbatim in the document's body text (txt: the file's text;
  html: the visible text of <article>, else <main>, else <body>; pdf: the pypdf text),
  compared after collapsing whitespace;
- two records of one document with the same scoring key.

Warnings (printed, exit status unaffected): a gold municipality, experiment name or
sample size that cannot be found in the body text by simple string matching. They
point at records worth a second look, not at mistakes.
"""

from __future__ import annotations

import csv
import json
import re
import sys
from pathlib import Path

from bs4 import BeautifulSoup
from pypdf import PdfReader

HERE = Path(__file__).resolve().parent
DOCS = HERE / "docs"
GOLD = HERE / "gold"


def find_reference() -> Path:
    """shared/ sits beside the repository checkout (locally and in CI)."""
    for parent in HERE.parents:
        candidate = parent / "shared" / "reference" / "municipalities.csv"
        if candidate.exists():
            return candidate
    raise SystemExit("Error: shared/reference/municipalities.csv not found next to the repository")


ARM_TYPES = {"exemption", "intensive_guidance", "earnings_disregard", "free_choice",
             "combined", "control", "non_participants"}
POPULATIONS = {"participants", "intended", "approached", "registered", "beneficiaries",
               "arm", "outflow", "other"}
MEASURES = {"outflow_to_work", "fulltime_work", "parttime_work", "employment", "job_search",
            "wellbeing", "health", "self_reliance", "self_confidence", "participation",
            "social_trust", "satisfaction", "training_uptake", "poverty", "debt", "costs", "other"}
DIRECTIONS = {"up", "down", "none", "mixed"}
UNITS = {"percent", "percentage_points", "count", "ratio", "euro"}
COMPARATORS = {"control", "non_participants", "baseline", "other"}
ROLES = {"wethouder", "onderzoeker", "staatssecretaris", "minister", "projectleider",
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
COMMON = {"type", "municipality"}

# Dutch and English number words that occur in the documents, for the sample-size warning.
NUMBER_WORDS = {400: ["vierhonderd"], 12: ["twaalf"]}


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def body_text(path: Path) -> str:
    """The text the gold records are read from, whitespace collapsed."""
    if path.suffix == ".txt":
        return squash(path.read_text(encoding="utf-8"))
    if path.suffix == ".pdf":
        return squash("\n".join(page.extract_text() or "" for page in PdfReader(path).pages))
    if path.suffix in {".html", ".htm"}:
        soup = BeautifulSoup(path.read_bytes(), "html.parser")
        for tag in soup(["script", "style", "template", "noscript"]):
            tag.decompose()
        root = soup.find("article") or soup.find("main") or soup.body or soup
        return squash(root.get_text())
    raise ValueError(f"{path.name}: unknown document format")


def load_municipalities(path: Path) -> tuple[dict[str, str], dict[str, list[str]]]:
    """Current CBS names -> code, and code -> every spelling that points to it."""
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    current = {r["name"]: r["cbs_code"] for r in rows if not r["valid_to"]}
    spellings: dict[str, list[str]] = {}
    for r in rows:
        target = r["merged_into"] or r["cbs_code"]
        names = [r["name"]] + [a for a in r["aliases"].split(";") if a]
        spellings.setdefault(target, []).extend(names)
    return current, spellings


def words(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


def word_f1(a: str, b: str) -> float:
    wa, wb = words(a), words(b)
    if not wa or not wb:
        return 0.0
    common = 0
    pool = list(wb)
    for w in wa:
        if w in pool:
            pool.remove(w)
            common += 1
    if not common:
        return 0.0
    p, r = common / len(wa), common / len(wb)
    return 2 * p * r / (p + r)


def family_name(speaker: str) -> str:
    return speaker.split()[-1].lower() if speaker.split() else ""


def is_number(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def check_record(rec: dict, current: dict[str, str], say) -> None:
    kind = rec.get("type")
    if kind not in FIELDS:
        say(f"unknown type {kind!r}")
        return
    expected = COMMON | FIELDS[kind]
    if set(rec) != expected:
        missing, extra = expected - set(rec), set(rec) - expected
        say(f"{kind}: fields missing {sorted(missing)} / not allowed {sorted(extra)}")
        return
    mun = rec["municipality"]
    if mun is not None and mun not in current:
        say(f"{kind}: {mun!r} is not a current CBS municipality name")

    def vocab(field, allowed, nullable=True):
        value = rec[field]
        if value is None and nullable:
            return
        if value not in allowed:
            say(f"{kind}: {field} {value!r} not in the vocabulary")

    if kind == "municipality":
        if mun is None or current.get(mun) != rec["cbs_code"]:
            say(f"municipality: {mun!r} does not have code {rec['cbs_code']!r}")
    elif kind == "experiment":
        if not isinstance(rec["name"], str) or not rec["name"].strip():
            say("experiment: empty name")
    elif kind == "arm":
        vocab("arm_type", ARM_TYPES, nullable=False)
        if mun is None:
            say("arm: arm records need a municipality")
        if not isinstance(rec["label"], str) or not rec["label"].strip():
            say("arm: empty label")
    elif kind == "sample_size":
        if not isinstance(rec["n"], int) or isinstance(rec["n"], bool) or rec["n"] <= 0:
            say(f"sample_size: n {rec['n']!r} is not a positive integer")
        vocab("population", POPULATIONS, nullable=False)
        vocab("arm_type", ARM_TYPES)
        if (rec["population"] == "arm") != (rec["arm_type"] is not None):
            say("sample_size: arm_type is set exactly when population is 'arm'")
    elif kind == "outcome":
        vocab("measure", MEASURES, nullable=False)
        vocab("arm_type", ARM_TYPES)
        vocab("direction", DIRECTIONS, nullable=False)
        vocab("unit", UNITS)
        vocab("comparator", COMPARATORS)
        for field in ("value", "comparator_value", "ratio"):
            if rec[field] is not None and not is_number(rec[field]):
                say(f"outcome: {field} {rec[field]!r} is not a number")
        if rec["significant"] not in (True, False, None):
            say("outcome: significant must be true, false or null")
        if rec["value"] is None and rec["unit"] is not None:
            say("outcome: a unit without a value")
        if rec["comparator_value"] is not None and rec["comparator"] is None:
            say("outcome: comparator_value without comparator")
        if rec["ratio"] is not None and rec["unit"] != "ratio":
            say("outcome: ratio set but unit is not 'ratio'")
    elif kind == "quote":
        vocab("role", ROLES)
        for field in ("text", "speaker"):
            if not isinstance(rec[field], str) or not rec[field].strip():
                say(f"quote: empty {field}")


def scoring_key(rec: dict):
    kind = rec["type"]
    if kind == "municipality":
        return (kind, rec["municipality"])
    if kind == "experiment":
        return (kind, " ".join(words(rec["name"])))
    if kind == "arm":
        return (kind, rec["municipality"], rec["arm_type"])
    if kind == "sample_size":
        return (kind, rec["municipality"], rec["n"], rec["population"])
    if kind == "outcome":
        return (kind, rec["municipality"], rec["arm_type"], rec["measure"], rec["direction"])
    return None  # quotes: fuzzy, checked apart


def number_forms(n: int) -> list[str]:
    plain = str(n)
    forms = [plain]
    if n >= 1000:
        forms += [f"{n:,}".replace(",", "."), f"{n:,}"]
    return forms + NUMBER_WORDS.get(n, [])


def check_file(gold_path: Path, current, spellings, verbose: bool) -> tuple[list[str], list[str], dict]:
    errors, warnings = [], []
    name = gold_path.stem
    try:
        data = json.loads(gold_path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        return [f"{gold_path.name}: not valid JSON ({exc})"], [], {}
    if not isinstance(data, dict) or set(data) != {"doc", "records"} or not isinstance(data["records"], list):
        return [f"{gold_path.name}: must be {{\"doc\": ..., \"records\": [...]}}"], [], {}
    doc = DOCS / data["doc"]
    if Path(data["doc"]).stem != name or not doc.exists():
        return [f"{gold_path.name}: doc {data['doc']!r} is not docs/{name}.<ext>"], [], {}
    text = body_text(doc)
    lowered = text.lower()

    counts: dict[str, int] = {}
    seen = {}
    named = {r.get("municipality") for r in data["records"] if r.get("type") == "municipality"}
    quotes = []
    for i, rec in enumerate(data["records"]):
        where = f"{gold_path.name} #{i}"

        def say(msg, where=where):
            errors.append(f"{where}: {msg}")

        if not isinstance(rec, dict):
            say("record is not an object")
            continue
        check_record(rec, current, say)
        kind = rec.get("type")
        if kind not in FIELDS or set(rec) != COMMON | FIELDS[kind]:
            continue
        counts[kind] = counts.get(kind, 0) + 1
        mun = rec["municipality"]
        if mun is not None and mun not in named:
            say(f"{kind} about {mun!r}, which has no municipality record")
        key = scoring_key(rec)
        if key is not None:
            if key in seen:
                say(f"same scoring key as #{seen[key]}: {key}")
            seen[key] = i
        if kind == "quote":
            if squash(rec["text"]) not in text:
                say(f"quote text not verbatim in the body: {rec['text'][:60]!r}")
            for j, other in quotes:
                if (family_name(other["speaker"]) == family_name(rec["speaker"])
                        and word_f1(other["text"], rec["text"]) >= 0.8):
                    say(f"quote matches #{j} under the scoring rule (same speaker, overlap >= 0.8)")
            quotes.append((i, rec))
        # soft checks
        if kind == "municipality":
            forms = spellings.get(current.get(mun, ""), [mun])
            # adjective and inhabitant forms (Groningse, Wageningers) share a stem with the name
            stems = [form.lower()[: max(4, len(form) - 2)] for form in forms]
            if not any(stem in lowered for stem in stems):
                warnings.append(f"{where}: {mun!r} not found in the body by name or alias")
        elif kind == "experiment" and rec["name"].lower() not in lowered:
            warnings.append(f"{where}: experiment {rec['name']!r} not found verbatim")
        elif kind == "sample_size":
            if not any(re.search(rf"(?<![\d.,]){re.escape(f)}(?![\d]|[.,]\d)", text) for f in number_forms(rec["n"])):
                warnings.append(f"{where}: n={rec['n']} not found as a number in the body")
    if verbose:
        print(f"{gold_path.name}: {sum(counts.values())} records {counts}")
    return errors, warnings, counts


def main(argv: list[str]) -> int:
    verbose = "--verbose" in argv or "-v" in argv
    current, spellings = load_municipalities(find_reference())
    errors, warnings = [], []
    totals: dict[str, int] = {}
    doc_stems = {p.stem for p in DOCS.iterdir() if p.is_file()}
    gold_files = sorted(GOLD.glob("*.json"))
    for stem in sorted(doc_stems - {g.stem for g in gold_files}):
        errors.append(f"docs/{stem}.*: no gold file")
    for gold_path in gold_files:
        e, w, counts = check_file(gold_path, current, spellings, verbose)
        errors += e
        warnings += w
        for kind, n in counts.items():
            totals[kind] = totals.get(kind, 0) + n
    for w in warnings:
        print("warning:", w)
    for e in errors:
        print("error:", e)
    order = list(FIELDS)
    summary = ", ".join(f"{totals.get(k, 0)} {k}" for k in order)
    print(f"{len(gold_files)} gold files, {sum(totals.values())} records: {summary}")
    if errors:
        print(f"{len(errors)} errors")
        return 1
    print("ok")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
