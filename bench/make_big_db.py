"""A large synthetic evidence database for the load benchmark.

Rows are written straight into the real schema with sqlite-utils (no extraction: that is
not what is measured here), then the build's own last steps (`store.index_text`: full-text
indexes, `publish.prepare`, ANALYZE) runs on them, so the site sees what a real build of
that size would give it. Every record's evidence is a sentence of its document at its
offsets, as in a real build. Deterministic: the same --records and --seed give the same file.

    python bench/make_big_db.py --records 100000 --db bench/out/big.db
"""

from __future__ import annotations

import argparse
import hashlib
import random
import sys
import time
from pathlib import Path


ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from ingest import publish, store  # noqa: E402

# Share of each record type in the total.
SHARES = {"outcomes": 0.40, "arms": 0.15, "quotes": 0.15, "sample_sizes": 0.10,
          "experiments": 0.10, "municipality_mentions": 0.10}
RECORDS_PER_DOCUMENT = 50
PLACES = ["Groningen", "Tilburg", "Utrecht", "Zeist", "Wageningen", "Deventer", "Nijmegen", "Apeldoorn",
          "Epe", "Oss", "Geldrop-Mierlo", "Amsterdam", "Rotterdam", "Leeuwarden", "Zwolle", "Almere"]
EXPERIMENTS = ["Vertrouwen Werkt", "Bijstand op Maat", "Weten wat werkt", "Wat werkt op weg naar werk?",
               "Zelf aan het stuur", "Bijstand Anders", "Samen aan de slag", "Ruimte voor eigen regie"]
PUBLISHERS = ["Gemeente {p}", "Omroep {p}", "Dagblad van het Noorden", "Binnenlands Bestuur",
              "Rijksoverheid", "Universiteit Utrecht", "CPB"]
ARM_WORDS = {"exemption": "zelf in actie", "intensive_guidance": "extra begeleiding",
             "earnings_disregard": "verdienen loont", "free_choice": "zelf kiezen",
             "combined": "combinatie", "control": "controlegroep", "non_participants": "niet-deelnemers"}
MEASURE_WORDS = {"outflow_to_work": ["de uitstroom naar werk", "het aantal mensen dat uitstroomde"],
                 "parttime_work": ["het parttime werk"], "wellbeing": ["het welbevinden"],
                 "health": ["de ervaren gezondheid"], "self_reliance": ["de zelfredzaamheid"],
                 "satisfaction": ["de tevredenheid van deelnemers"], "employment": ["de arbeidsparticipatie"],
                 "job_search": ["het baanzoekgedrag"], "social_trust": ["het sociaal vertrouwen"],
                 "costs": ["de kosten"], "participation": ["de participatie"]}
SPEAKERS = [("Maud Hulshof", "wethouder"), ("Carine Bloemhoff", "wethouder"), ("Timo Verlaat", "onderzoeker"),
            ("Tamara van Ark", "staatssecretaris"), ("Peter Gramberg", "onderzoeker"), ("Anna de Vries", "deelnemer"),
            ("Kees Jansen", "consulent"), ("Linda Voortman", "wethouder"), ("Jan Bakker", "projectleider")]


def _id(*parts) -> str:
    return hashlib.sha256("\x1f".join(map(str, parts)).encode()).hexdigest()[:16]


def _sentence(rng: random.Random, kind: str, ctx: dict) -> tuple[str, dict]:
    """One sentence of a document and the record it carries."""
    place, exp = ctx["place"], ctx["experiment"]
    arm = rng.choice(list(ARM_WORDS)[:5])
    if kind == "outcomes":
        measure = rng.choice(list(MEASURE_WORDS))
        direction = rng.choice(["up", "up", "up", "none", "down", "mixed"])
        comparator = rng.choice(["control", "non_participants", "non_participants", "baseline", None])
        value = rng.choice([None, None, rng.randint(5, 60)])
        comp_value = rng.randint(3, 40) if value is not None and comparator else None
        ratio = round(value / comp_value, 1) if value and comp_value else None
        verb = {"up": "nam toe", "down": "nam af", "none": "veranderde niet", "mixed": "wisselde"}[direction]
        text = f"In {place} {verb} {rng.choice(MEASURE_WORDS[measure])} in de groep ‘{ARM_WORDS[arm]}’"
        if value is not None:
            text += f" tot {value}%"
        if comparator:
            text += f", vergeleken met de {ARM_WORDS.get(comparator, 'start')}"
            if comp_value is not None:
                text += f" ({comp_value}%)"
        return text + ".", {"measure": measure, "arm_type": arm, "direction": direction, "value": value,
                            "unit": "percent" if value is not None else None, "comparator": comparator,
                            "comparator_value": comp_value, "ratio": ratio,
                            "significant": rng.choice([None, None, 0, 1]), "experiment": exp}
    if kind == "arms":
        return (f"Deelnemers aan {exp} in {place} kwamen in de groep ‘{ARM_WORDS[arm]}’.",
                {"label": ARM_WORDS[arm], "arm_type": arm, "experiment": exp})
    if kind == "quotes":
        speaker, role = rng.choice(SPEAKERS)
        words = rng.choice(["Deelnemers voelen zich gezien", "De uitstroom naar werk valt ons mee",
                            "We willen meer ruimte in de Participatiewet", "Vertrouwen werkt beter dan controle"])
        quote = f"{words} in {place}."
        text = f"{role.capitalize()} {speaker}: “{quote}”"
        q0 = text.index("“") + 1
        return text, {"text": quote, "speaker": speaker, "role": role, "organisation": f"gemeente {place}",
                      "experiment": exp, "_quote": (q0, q0 + len(quote))}
    if kind == "sample_sizes":
        n = rng.choice([64, 90, 300, 400, 410, 500, 900, 9000, 10000])
        population = rng.choice(["participants", "intended", "approached", "registered"])
        return (f"In {place} deden {n} bijstandsgerechtigden mee aan {exp}.",
                {"n": n, "population": population, "arm_type": None, "experiment": exp})
    if kind == "experiments":
        return f"De gemeente {place} startte het experiment {exp}.", {"name": exp}
    return f"Ook {place} hield een proef met de bijstand.", {}


def generate(db_path: Path, records: int, seed: int = 1) -> dict:
    rng = random.Random(seed)
    if db_path.exists():
        db_path.unlink()
    db_path.parent.mkdir(parents=True, exist_ok=True)
    db = store.create(db_path)
    codes = {r["name"]: r["cbs_code"] for r in db.query("select name, cbs_code from municipalities where valid_to is null")}
    kinds = [k for k, share in SHARES.items() for _ in range(round(share * RECORDS_PER_DOCUMENT))]
    n_docs = max(1, -(-records // len(kinds)))  # at least `records` records
    docs, rows = [], {k: [] for k in SHARES}
    for d in range(n_docs):
        place = PLACES[d % len(PLACES)]
        ctx = {"place": place, "experiment": EXPERIMENTS[d % len(EXPERIMENTS)]}
        doc_id = _id("doc", seed, d)
        title = f"{ctx['experiment']} in {place}: resultaten ({d})"
        parts, pos = [title, "\n\n"], len(title) + 2
        for i, kind in enumerate(rng.sample(kinds, len(kinds))):
            sentence, fields = _sentence(rng, kind, ctx)
            quote = fields.pop("_quote", None)
            row = {"id": _id(kind, doc_id, i), "document_id": doc_id, "municipality_code": codes.get(place),
                   "municipality": place, "evidence": sentence, "start": pos, "end": pos + len(sentence),
                   "rule_id": "synthetic", "extractor_version": "bench", **fields}
            if quote:
                row["quote_start"], row["quote_end"] = pos + quote[0], pos + quote[1]
            rows[kind].append(row)
            sep = "\n\n" if i % 5 == 4 else " "
            parts += [sentence, sep]
            pos += len(sentence) + len(sep)
        text = "".join(parts)
        year = 2018 + d % 4
        docs.append({"id": doc_id, "path": f"synthetic/{d:06d}.txt", "title": title,
                     "source_url": f"https://example.org/bijstand/{d}",
                     "publisher": rng.choice(PUBLISHERS).format(p=place),
                     "published": f"{year}-{1 + d % 12:02d}-{1 + d % 28:02d}", "year": year,
                     "fetched": f"{year + 1}-01-15T10:00:00Z", "format": "txt", "content_hash": _id("hash", doc_id),
                     "status": "ok", "n_records": len(kinds), "n_chars": len(text),
                     "municipality_code": codes.get(place), "extractor_version": "bench", "text": text})
        if len(docs) >= 200:
            _flush(db, docs, rows)
    _flush(db, docs, rows)
    store.index_text(db)
    publish.prepare(db)
    db.execute("ANALYZE")
    db.conn.commit()
    counts = {t: db[t].count for t in ["documents", *SHARES]}
    db.close()
    return counts


def _flush(db, docs: list, rows: dict) -> None:
    with db.atomic():
        db["documents"].insert_all(docs)
        for table, batch in rows.items():
            db[table].insert_all(batch)
    docs.clear()
    for batch in rows.values():
        batch.clear()


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=100_000, help="total records (default 100000)")
    parser.add_argument("--db", default=str(ROOT / "bench" / "out" / "big.db"))
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    t0 = time.perf_counter()
    counts = generate(Path(args.db), args.records, args.seed)
    total = sum(v for k, v in counts.items() if k != "documents")
    print(f"{args.db}: {counts['documents']:,} documents, {total:,} records "
          f"({', '.join(f'{k} {v:,}' for k, v in counts.items() if k != 'documents')}) "
          f"in {time.perf_counter() - t0:.1f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
