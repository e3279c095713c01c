"""The claim checker's page: paste a Dutch sentence, get an answer per source.

What the claim says and how each record answers it is ingest/claims.py; here are the
queries (every document about the claim's municipality or experiment, and their records),
the answer per source, the page, and schema.org ClaimReview JSON-LD. HTML, or JSON
(/-/claim.json, or Accept: application/json)."""


import asyncio
import json
from dataclasses import asdict

from datasette import hookimpl
from datasette.utils.asgi import Response

from ingest.nlp.claims import parse_claim
from ingest.publish.claims import VERDICTS, about, judge_outcome, judge_sample_size, no_evidence_text, place, summary
from ingest.publish.labels import describe, figure, label, number
from ingest.publish.web import web_link, wants_json

EXAMPLES = [
    "In Wageningen vonden 2,5 keer zoveel mensen werk.",
    "In Wageningen vonden 2,5 keer zoveel mensen werk als in de controlegroep.",
    "Aan Vertrouwen Werkt in Wageningen deden 410 mensen mee.",
    "In Geldrop-Mierlo vond 11 procent van de deelnemers een baan.",
    "In Nijmegen leverde het experiment meer uitstroom naar werk op.",
]


async def _experiments(db) -> list[dict]:
    return [dict(r) for r in await db.execute(
        "select name, municipality_code from experiments group by lower(name), municipality_code")]


async def check(db, claim) -> list[dict]:
    """One answer per source document about the claim's municipality or experiment (for a
    dissolved municipality: the documents that name it)."""
    if claim.kind is None or not (claim.municipality_code or claim.experiment):
        return []
    where = "(municipality_code = :code or lower(experiment) = lower(:exp))"
    params = {"code": claim.municipality_code, "exp": claim.experiment, "measure": claim.measure,
              "written": claim.written}
    docs = [dict(r) for r in await db.execute(
        "select id, title, path, source_url, publisher, published from documents where id in ("
        "select document_id from municipality_mentions where municipality_code = :code "
        "union select document_id from experiments where municipality_code = :code or lower(name) = lower(:exp) "
        f"union select document_id from outcomes where {where} "
        f"union select document_id from sample_sizes where {where}) "
        "and (:written is null or instr(text, :written) > 0) "
        "order by published is null, published desc, id", params)]
    table = "outcomes" if claim.kind == "outcome" else "sample_sizes"
    judge = judge_outcome if claim.kind == "outcome" else judge_sample_size
    measure = " and measure = :measure" if claim.kind == "outcome" else ""
    rows = await db.execute(f"select * from {table} where {where}{measure} order by id", params)
    keep = about(claim, [dict(r) for r in await db.execute(
        "select name, evidence from experiments where municipality_code = :code", params)])
    by_doc: dict[str, list] = {}
    for row in map(dict, rows):
        judged = judge(claim, row) if keep(row) else None
        if judged is not None:
            by_doc.setdefault(row["document_id"], []).append((judged, row))
    answers = []
    for doc in docs:
        doc["title"] = describe("documents", doc)
        judged = sorted(by_doc.get(doc["id"], []), key=lambda jr: (jr[0].order, jr[1]["id"]))
        answer = {"document": doc, "verdict": "no_evidence", "basis": None, "comparator": None,
                  "explanation": no_evidence_text(claim), "figure": None, "record": None, "others": []}
        if judged:
            first, row = judged[0]
            answer.update(
                verdict=first.verdict, basis=first.basis, explanation=first.explanation,
                comparator=row.get("comparator") if claim.kind == "outcome" and first.verdict != "no_evidence" else None,
                figure=(figure(row) or None) if claim.kind == "outcome" else number(row["n"]),
                record={"table": table, "id": row["id"], "title": describe(table, row), "evidence": row["evidence"]},
                others=[{"table": table, "id": r["id"], "title": describe(table, r), "verdict": j.verdict,
                         "verdict_label": VERDICTS[j.verdict]} for j, r in judged[1:]])
        answer["verdict_label"] = VERDICTS[answer["verdict"]]
        answer["comparator_label"] = label("comparator", answer["comparator"])
        answers.append(answer)
    return answers


def claim_review(claim, answers: list[dict], verdict: dict, url: str) -> dict:
    """schema.org ClaimReview for the whole claim; every source is cited."""
    body = " ".join(
        f"{a['document']['title']}: {a['verdict_label']}"
        f" (vergeleken met: {a['comparator_label']}). {a['explanation']}" for a in answers)
    rating = {"@type": "Rating", "alternateName": verdict["text"], "bestRating": 4, "worstRating": 1}
    if verdict["rating"] is not None:
        rating["ratingValue"] = verdict["rating"]
    return {
        "@context": "https://schema.org", "@type": "ClaimReview", "url": url, "inLanguage": "nl",
        "claimReviewed": claim.text,
        "author": {"@type": "Organization", "name": "Bewijsbank bijstandsexperimenten"},
        "reviewRating": rating, "reviewBody": body or verdict["text"],
        "itemReviewed": {"@type": "Claim", "text": claim.text,
                         "about": [x for x in (place(claim), claim.experiment) if x]},
        "citation": [{"@type": "CreativeWork", "name": a["document"]["title"],
                      "url": web_link(a["document"]["source_url"]), "publisher": a["document"]["publisher"],
                      "datePublished": a["document"]["published"]} for a in answers],
    }


def _script_json(data: dict) -> str:
    # Inside <script>, "</script>" in a pasted claim must not end the element.
    return (json.dumps(data, ensure_ascii=False, indent=1)
            .replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))


async def claim_page(datasette, request):
    text = (request.args.get("claim") or "").strip()[:1000]
    db = datasette.get_database()
    data, claim = {"claim": text}, None
    if text:
        experiments = await _experiments(db)
        loop = asyncio.get_running_loop()
        claim = await loop.run_in_executor(None, parse_claim, text, experiments)
        answers = await check(db, claim)
        verdict = summary(claim, answers)
        url = datasette.absolute_url(request, request.full_path)
        review = claim_review(claim, answers, verdict, url)
        data.update(parsed=asdict(claim), verdict=verdict, answers=answers, claim_review=review)
    if wants_json(request):
        return Response.json(data, default=str)
    context = {**data, "examples": EXAMPLES,
               "json_ld": _script_json(data["claim_review"]) if text else None,
               "parsed_rows": _parsed_rows(claim), "verdict_labels": VERDICTS}
    return Response.html(await datasette.render_template("claim.html", context, request=request))


def _parsed_rows(claim) -> list[tuple[str, str]]:
    if claim is None:
        return []
    rows = [("Gemeente", place(claim) or "niet herkend"), ("Experiment", claim.experiment or "niet herkend")]
    if claim.kind == "sample_size":
        rows += [("Aantal", number(claim.count)), ("Wat het getal telt", label("population", claim.population))]
    else:
        rows += [("Uitkomstmaat", label("measure", claim.measure) if claim.measure else "niet herkend"),
                 ("Richting", label("direction", claim.direction))]
        said = figure(asdict(claim))
        if said:
            rows.append(("Cijfer", ("niet " if claim.negated else "") + said))
    rows += [("Groep", label("arm_type", claim.arm_type) if claim.arm_type else "niet genoemd (alle groepen)"),
             ("Vergeleken met", label("comparator", claim.comparator))]
    return rows


@hookimpl
def register_routes():
    return [(r"^/-/claim(\.(?P<format>json))?$", claim_page)]
