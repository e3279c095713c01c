"""The claim checker: paste a Dutch sentence, get an answer per source.

The sentence is read with the extractor's own pipeline and pattern files (municipalities
with their adjective forms, arms, measures, directions, comparators) plus the experiment
names in the database; its numbers (2,5 keer -> ratio; 25% -> value; 410 mensen ->
count) are compared with the outcome and sample-size records of every document about
that municipality or experiment. Each source answers `supports`, `differs` (with its own
figure) or `no_evidence`, always naming what it compared with. HTML with schema.org
ClaimReview JSON-LD, or JSON (/-/claim.json, or Accept: application/json)."""


import asyncio
import json
import threading
from dataclasses import asdict, dataclass, field
from functools import lru_cache

from datasette import hookimpl
from datasette.utils.asgi import Response

from ingest.nlp.experiments import normalise
from ingest.nlp.numbers import FRACTIONS, parse_number
from ingest.nlp.resources import lexicon, municipalities
from ingest.publish import describe, figure, label, number

VERDICTS = {"supports": "ondersteunt", "differs": "wijkt af", "no_evidence": "geen bewijs"}
COMPARATOR_ARMS = {"control", "non_participants"}
NEGATIONS = {"niet", "geen", "nooit"}
DOUBLING = {"verdubbeld", "verdubbelde", "verdubbelden", "verdubbelt", "verdubbeling"}
RATIO_WORDS = {"keer", "maal"}
PERCENT_WORDS = {"%", "procent", "percent"}
EXAMPLES = [
    "In Wageningen vonden 2,5 keer zoveel mensen werk.",
    "In Wageningen vonden 2,5 keer zoveel mensen werk als in de controlegroep.",
    "Aan Vertrouwen Werkt in Wageningen deden 410 mensen mee.",
    "In Geldrop-Mierlo vond 11 procent van de deelnemers een baan.",
    "In Nijmegen leverde het experiment meer uitstroom naar werk op.",
]
_lock = threading.Lock()


@dataclass
class Claim:
    text: str
    municipality_code: str | None = None
    municipality: str | None = None
    experiment: str | None = None
    kind: str | None = None  # outcome or sample_size
    measure: str | None = None
    arm_type: str | None = None
    direction: str | None = None
    comparator: str | None = None
    ratio: float | None = None
    percent: float | None = None
    count: int | None = None
    population: str | None = None
    problems: list[str] = field(default_factory=list)


@lru_cache(maxsize=1)
def _parser():
    from ingest.nlp import load_pipeline
    from ingest.nlp.rules import PatternSet

    nlp = load_pipeline()
    return nlp, {name: PatternSet(nlp, f"{name}.jsonl") for name in ("measures", "directions", "comparators")}


def parser():
    with _lock:  # the first call loads the pipeline (about a second)
        return _parser()


def parse_claim(text: str, experiments: list[dict]) -> Claim:
    """What a claim says: where, which experiment, which measure and arm, which numbers,
    compared with whom."""
    from ingest.nlp.util import records

    nlp, patterns = parser()
    doc = nlp(text)
    claim = Claim(text=text)
    places = list(doc.spans.get("municipalities", []))
    if places:
        claim.municipality_code = places[0].label_
        claim.municipality = municipalities()[claim.municipality_code]["name"]
    padded = f" {normalise(text)} "
    named = [e for e in experiments if len(normalise(e["name"])) >= 8 and f" {normalise(e['name'])} " in padded]
    if named:
        claim.experiment = max(named, key=lambda e: len(e["name"]))["name"]
    markers = set(lexicon()["comparison_markers"])
    comp_at = next((t.i for t in doc if t.lower_ in markers and t.i > 0), len(doc))
    for arm in doc.spans.get("arms", []):
        if arm.label_ in COMPARATOR_ARMS:
            claim.comparator = claim.comparator or arm.label_
        elif arm.start < comp_at and claim.arm_type is None:
            claim.arm_type = arm.label_
    comparators = patterns["comparators"](doc)
    if claim.comparator is None and comparators:
        claim.comparator = comparators[0].label_
    measures = patterns["measures"](doc)
    if measures:
        claim.measure = measures[0].label_
        if "@" in measures[0].id_:
            claim.direction = measures[0].id_.rsplit("@", 1)[1]
    _read_numbers(doc, claim)
    cues = patterns["directions"](doc, longest=False)
    labels = set()
    for cue in cues:
        lab = cue.label_
        around = {t.lower_ for t in doc[max(0, cue.start - 3):cue.end]}  # "nam ... niet toe", "niet meer"
        if lab in ("up", "down") and around & NEGATIONS:
            lab = "none"
        labels.add(lab)
    if "none" in labels:
        claim.direction = "none"
    elif claim.ratio is not None:
        claim.direction = "up" if claim.ratio > 1 else "down" if claim.ratio < 1 else "none"
    elif labels & {"up", "down", "mixed"}:
        claim.direction = next(d for d in ("up", "down", "mixed") if d in labels)
    sizes = [r for r in records(doc) if r["type"] == "sample_size"]
    if sizes and (claim.measure is None or sizes[0]["population"] == "outflow"):
        claim.kind, claim.count, claim.population = "sample_size", sizes[0]["n"], sizes[0]["population"]
        claim.arm_type = claim.arm_type or sizes[0].get("arm_type")
    elif claim.measure:
        claim.kind = "outcome"
    if not (claim.municipality_code or claim.experiment):
        claim.problems.append("Geen gemeente of experiment herkend in de zin.")
    if claim.kind is None:
        claim.problems.append("Geen uitkomst (zoals uitstroom naar werk of welbevinden) of aantal deelnemers herkend.")
    return claim


def _read_numbers(doc, claim: Claim) -> None:
    toks = list(doc)
    for k, tok in enumerate(toks):
        low = tok.lower_
        nxt = toks[k + 1].lower_ if k + 1 < len(toks) else ""
        if low in DOUBLING and claim.ratio is None:
            claim.ratio = 2.0
            continue
        two = f"{low} {nxt}"
        if two in FRACTIONS or (low in FRACTIONS and f"{toks[k - 1].lower_} {low}" not in FRACTIONS):
            claim.percent = claim.percent if claim.percent is not None else FRACTIONS.get(two, FRACTIONS.get(low))
            continue
        value = parse_number(tok.text)
        if value is None or (low in ("een", "één") and nxt not in RATIO_WORDS):
            continue
        if nxt in RATIO_WORDS and claim.ratio is None:
            claim.ratio = value
        elif (tok.text.endswith("%") or nxt in PERCENT_WORDS) and claim.percent is None:
            claim.percent = value


# -- comparing with the sources ------------------------------------------------------------

def _close(a: float, b: float, kind: str) -> bool:
    if kind == "count":
        return round(a) == round(b)
    if kind == "percent":
        return abs(a - b) <= 0.5
    return abs(a - b) <= 0.02 * max(abs(a), abs(b)) + 1e-9  # ratios, rounded in the press


def source_ratio(row: dict) -> float | None:
    if row.get("ratio") is not None:
        return row["ratio"]
    if row.get("value") is not None and row.get("comparator_value"):
        return row["value"] / row["comparator_value"]
    return None


def judge_outcome(claim: Claim, row: dict) -> tuple[int, str, str, str] | None:
    """(rank, verdict, basis, explanation) for one outcome record; lower rank = stronger."""
    if claim.arm_type and row["arm_type"] and claim.arm_type != row["arm_type"]:
        return None
    if claim.comparator and row["comparator"] and claim.comparator != row["comparator"]:
        return (2, "differs", "comparator",
                f"Deze bron vergelijkt met {label('comparator', row['comparator'])}, "
                f"niet met {label('comparator', claim.comparator)}.")
    caveat = "" if row["comparator"] or not claim.comparator else " De bron zegt niet waarmee vergeleken is."
    checks = []
    if claim.ratio is not None and source_ratio(row) is not None:
        checks.append(("ratio", claim.ratio, source_ratio(row), f"{number(round(source_ratio(row), 2))} keer"))
    if claim.percent is not None and row["value"] is not None and row["unit"] == "percent":
        checks.append(("percent", claim.percent, row["value"], f"{number(row['value'])}%"))
    for kind, said, found, shown in checks:
        if _close(said, found, kind):
            return 0, "supports", "figure", f"Zelfde cijfer: {shown}.{caveat}"
        return 1, "differs", "figure", f"Deze bron noemt {shown}.{caveat}"
    if claim.direction and row["direction"]:
        if claim.direction == row["direction"]:
            detail = " (de bron noemt geen cijfer)" if claim.ratio is not None or claim.percent is not None else ""
            return 3, "supports", "direction", f"Zelfde richting: {label('direction', row['direction'])}{detail}.{caveat}"
        return 4, "differs", "direction", f"Deze bron meldt: {label('direction', row['direction'])}."
    return None


def judge_sample_size(claim: Claim, row: dict) -> tuple[int, str, str, str] | None:
    if claim.population and row["population"] != claim.population:
        return (5, "no_evidence", "other_count",
                f"Deze bron telt iets anders: {number(row['n'])} ({label('population', row['population'])}).")
    if _close(claim.count, row["n"], "count"):
        return 0, "supports", "figure", f"Zelfde aantal: {number(row['n'])} ({label('population', row['population'])})."
    return 1, "differs", "figure", f"Deze bron noemt {number(row['n'])} ({label('population', row['population'])})."


async def _experiments(db) -> list[dict]:
    return [dict(r) for r in await db.execute(
        "select name, municipality_code from experiments group by lower(name), municipality_code")]


async def check(db, claim: Claim) -> list[dict]:
    """One answer per source document about the claim's municipality or experiment."""
    if claim.kind is None or not (claim.municipality_code or claim.experiment):
        return []
    where = "(municipality_code = :code or lower(experiment) = lower(:exp))"
    params = {"code": claim.municipality_code, "exp": claim.experiment, "measure": claim.measure}
    docs = [dict(r) for r in await db.execute(
        "select id, title, path, source_url, publisher, published from documents where id in ("
        "select document_id from municipality_mentions where municipality_code = :code "
        "union select document_id from experiments where municipality_code = :code or lower(name) = lower(:exp) "
        f"union select document_id from outcomes where {where} "
        f"union select document_id from sample_sizes where {where}) "
        "order by published is null, published desc, id", params)]
    if claim.kind == "outcome":
        rows = await db.execute(f"select * from outcomes where measure = :measure and {where} order by id", params)
        judge = judge_outcome
    else:
        rows = await db.execute(f"select * from sample_sizes where {where} order by id", params)
        judge = judge_sample_size
    by_doc: dict[str, list] = {}
    for row in rows:
        row = dict(row)
        found = judge(claim, row)
        if found is not None:
            by_doc.setdefault(row["document_id"], []).append((found, row))
    answers = []
    for doc in docs:
        doc["title"] = describe("documents", doc)
        judged = sorted(by_doc.get(doc["id"], []), key=lambda fr: (fr[0][0], fr[1]["id"]))
        answer = {"document": doc, "verdict": "no_evidence", "basis": None, "comparator": None,
                  "explanation": _no_evidence_text(claim), "figure": None, "record": None, "others": []}
        if judged:
            (rank, verdict, basis, text), row = judged[0]
            table = "outcomes" if claim.kind == "outcome" else "sample_sizes"
            answer.update(
                verdict=verdict, basis=basis, explanation=text,
                comparator=row.get("comparator") if claim.kind == "outcome" else None,
                figure=(figure(row) or None) if claim.kind == "outcome" else number(row["n"]),
                record={"table": table, "id": row["id"], "title": describe(table, row), "evidence": row["evidence"]},
                others=[{"table": table, "id": r["id"], "title": describe(table, r)} for _, r in judged[1:]])
            if verdict == "no_evidence":
                answer["comparator"] = None
        answer["verdict_label"] = VERDICTS[answer["verdict"]]
        answer["comparator_label"] = label("comparator", answer["comparator"])
        answers.append(answer)
    return answers


def _no_evidence_text(claim: Claim) -> str:
    subject = (label("measure", claim.measure) if claim.kind == "outcome"
               else f"het aantal ({label('population', claim.population)})")
    where = claim.municipality or claim.experiment
    return f"Deze bron gaat over {where}, maar zegt niets vergelijkbaars over {subject}."


def summary(claim: Claim, answers: list[dict]) -> dict:
    n = {v: sum(a["verdict"] == v for a in answers) for v in VERDICTS}
    if n["supports"] and not n["differs"]:
        rating, text = 3, "Ondersteund"
    elif n["supports"] and n["differs"]:
        rating, text = 2, "Bronnen verschillen"
    elif n["differs"]:
        rating, text = 1, "Wijkt af van de bronnen"
    else:
        rating, text = None, "Geen bewijs gevonden"
    comparators = sorted({a["comparator_label"] for a in answers if a["verdict"] != "no_evidence"})
    return {"rating": rating, "text": text, "counts": n, "comparators": comparators,
            "claim_comparator": label("comparator", claim.comparator)}


def claim_review(claim: Claim, answers: list[dict], verdict: dict, url: str) -> dict:
    """schema.org ClaimReview for the whole claim; every source is cited."""
    body = " ".join(
        f"{a['document']['title'] or a['document']['path']}: {a['verdict_label']}"
        f" (vergeleken met: {a['comparator_label']}). {a['explanation']}" for a in answers)
    rating = {"@type": "Rating", "alternateName": verdict["text"], "bestRating": 3, "worstRating": 1}
    if verdict["rating"] is not None:
        rating["ratingValue"] = verdict["rating"]
    return {
        "@context": "https://schema.org", "@type": "ClaimReview", "url": url, "inLanguage": "nl",
        "claimReviewed": claim.text,
        "author": {"@type": "Organization", "name": "Bewijsbank bijstandsexperimenten"},
        "reviewRating": rating, "reviewBody": body or verdict["text"],
        "itemReviewed": {"@type": "Claim", "text": claim.text,
                         "about": [x for x in (claim.municipality, claim.experiment) if x]},
        "citation": [{"@type": "CreativeWork", "name": a["document"]["title"] or a["document"]["path"],
                      "url": a["document"]["source_url"], "publisher": a["document"]["publisher"],
                      "datePublished": a["document"]["published"]} for a in answers],
    }


def _script_json(data: dict) -> str:
    # Inside <script>, "</script>" in a pasted claim must not end the element.
    return (json.dumps(data, ensure_ascii=False, indent=1)
            .replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))


async def claim_page(datasette, request):
    text = (request.args.get("claim") or "").strip()[:1000]
    wants_json = request.url_vars.get("format") == "json" or "application/json" in request.headers.get("accept", "")
    db = datasette.get_database()
    data = {"claim": text}
    if text:
        experiments = await _experiments(db)
        loop = asyncio.get_running_loop()
        claim = await loop.run_in_executor(None, parse_claim, text, experiments)
        answers = await check(db, claim)
        verdict = summary(claim, answers)
        url = datasette.absolute_url(request, request.full_path)
        review = claim_review(claim, answers, verdict, url)
        data.update(parsed=asdict(claim), verdict=verdict, answers=answers, claim_review=review)
    if wants_json:
        return Response.json(data, default=str)
    context = {**data, "examples": EXAMPLES,
               "json_ld": _script_json(data["claim_review"]) if text else None,
               "parsed_rows": _parsed_rows(data.get("parsed"))}
    return Response.html(await datasette.render_template("claim.html", context, request=request))


def _parsed_rows(parsed: dict | None) -> list[tuple[str, str]]:
    if not parsed:
        return []
    rows = [("Gemeente", parsed["municipality"] or "niet herkend"),
            ("Experiment", parsed["experiment"] or "niet herkend")]
    if parsed["kind"] == "sample_size":
        rows += [("Aantal", number(parsed["count"])), ("Wat het getal telt", label("population", parsed["population"]))]
    else:
        rows += [("Uitkomstmaat", label("measure", parsed["measure"]) if parsed["measure"] else "niet herkend"),
                 ("Richting", label("direction", parsed["direction"]))]
        if parsed["ratio"] is not None:
            rows.append(("Verhouding", f"{number(parsed['ratio'])} keer"))
        if parsed["percent"] is not None:
            rows.append(("Percentage", f"{number(parsed['percent'])}%"))
    rows += [("Groep", label("arm_type", parsed["arm_type"]) if parsed["arm_type"] else "niet genoemd (alle groepen)"),
             ("Vergeleken met", label("comparator", parsed["comparator"]))]
    return rows


@hookimpl
def register_routes():
    return [(r"^/-/claim(\.(?P<format>json))?$", claim_page)]
