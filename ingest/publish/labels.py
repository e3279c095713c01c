"""The Dutch words the site shows: labels for the codes of EVIDENCE_FORMAT.md (arm types,
measures, directions, comparators, roles ...) and column names, numbers as a Dutch reader
writes them, and a record as one Dutch line."""

from __future__ import annotations

from pathlib import PurePath

LABELS: dict[str, dict[str, str]] = {
    "arm_type": {
        "exemption": "vrij van verplichtingen",
        "intensive_guidance": "extra begeleiding",
        "earnings_disregard": "meer bijverdienen",
        "free_choice": "zelf kiezen",
        "combined": "combinatie",
        "control": "controlegroep",
        "non_participants": "niet-deelnemers",
    },
    "measure": {
        "outflow_to_work": "uitstroom naar werk",
        "fulltime_work": "voltijds werk",
        "parttime_work": "deeltijdwerk naast de uitkering",
        "employment": "betaald werk",
        "job_search": "zoeken naar werk",
        "wellbeing": "welbevinden",
        "health": "ervaren gezondheid",
        "self_reliance": "zelfredzaamheid",
        "self_confidence": "zelfvertrouwen",
        "participation": "maatschappelijke participatie",
        "social_trust": "vertrouwen",
        "satisfaction": "tevredenheid",
        "training_uptake": "gebruik van scholing",
        "poverty": "armoede",
        "debt": "schulden",
        "costs": "kosten",
        "other": "overig",
    },
    "direction": {"up": "hoger", "down": "lager", "none": "geen verschil", "mixed": "wisselend"},
    "comparator": {
        "control": "gelote controlegroep",
        "non_participants": "niet-deelnemers",
        "baseline": "vóór de start",
        "other": "andere vergelijking",
    },
    "significant": {"1": "significant", "0": "niet significant"},
    "role": {
        "wethouder": "wethouder", "onderzoeker": "onderzoeker", "staatssecretaris": "staatssecretaris",
        "minister": "minister", "projectleider": "projectleider", "deelnemer": "deelnemer",
        "consulent": "consulent", "organisatie": "organisatie", "other": "andere rol",
    },
    "population": {
        "participants": "deelnemers", "intended": "beoogd aantal", "approached": "benaderd",
        "registered": "aangemeld", "beneficiaries": "alle bijstandsgerechtigden",
        "arm": "één groep", "outflow": "uitgestroomd", "other": "anders geteld",
    },
    "unit": {"percent": "%", "percentage_points": "procentpunt", "count": "personen",
             "ratio": "keer", "euro": "euro"},
    "status": {"ok": "gelezen", "failed": "niet te lezen"},
    "format": {"txt": "tekst", "html": "webpagina", "pdf": "pdf"},
    "record_type": {
        "documents": "document", "outcomes": "uitkomst", "sample_sizes": "aantal", "quotes": "citaat",
        "arms": "groep", "experiments": "experiment", "municipality_mentions": "genoemde gemeente",
    },
    "column": {
        "id": "sleutel", "document_id": "bron", "municipality_code": "CBS-code",
        "municipality": "gemeente", "province": "provincie", "experiment": "experiment",
        "name": "naam", "label": "naam van de groep", "arm_type": "groep", "n": "aantal",
        "population": "wat het getal telt", "measure": "uitkomstmaat", "direction": "richting",
        "value": "waarde", "unit": "eenheid", "comparator": "vergeleken met",
        "comparator_value": "waarde vergelijkingsgroep", "ratio": "verhouding",
        "significant": "significantie", "text": "tekst", "speaker": "spreker", "role": "rol",
        "organisation": "organisatie", "quote_start": "begin citaat", "quote_end": "einde citaat",
        "evidence": "bewijszin", "start": "begin", "end": "einde", "rule_id": "regel",
        "extractor_version": "versie extractie", "path": "bestand", "title": "titel",
        "source_url": "adres", "publisher": "uitgever", "published": "gepubliceerd", "year": "jaar",
        "fetched": "opgehaald", "archive_ref": "archief", "format": "formaat",
        "content_hash": "inhoudshash", "status": "status", "error": "fout",
        "n_records": "aantal gegevens", "n_chars": "tekens", "cbs_code": "CBS-code",
        "valid_from": "bestaat sinds", "valid_to": "opgeheven per", "merged_into": "opgegaan in",
        "lat": "breedtegraad", "lon": "lengtegraad", "aliases": "andere namen",
        "record_table": "soort", "record_id": "gegeven", "kind": "soort code", "code": "code",
        "page": "pagina", "author": "auteur",
    },
}
NOT_STATED = "niet vermeld"
ARROWS = {"up": "↑", "down": "↓", "none": "=", "mixed": "↕"}


def label(kind: str, code) -> str:
    """The Dutch word for a code; a missing code is 'niet vermeld', an unknown one itself."""
    if code is None or code == "":
        return NOT_STATED
    return LABELS.get(kind, {}).get(str(code), str(code))


def number(value) -> str:
    """2.5 -> '2,5', 10000 -> '10.000': numbers as a Dutch reader writes them."""
    if value is None:
        return ""
    value = float(value)
    if value.is_integer():
        return f"{int(value):,}".replace(",", ".")
    return f"{value:.2f}".rstrip("0").replace(".", ",")


def figure(row: dict) -> str:
    """An outcome's figure in words: '25% tegen 10%, 2,5 keer zo hoog'; '' when it has none."""
    unit = "%" if row.get("unit") == "percent" else f" {label('unit', row.get('unit'))}" if row.get("unit") else ""
    parts = []
    if row.get("value") is not None and not (row.get("unit") == "ratio" and row.get("ratio") is not None):
        text = number(row["value"]) + unit
        if row.get("comparator_value") is not None:
            text += f" tegen {number(row['comparator_value'])}{unit}"
        parts.append(text)
    if row.get("ratio") is not None:
        parts.append(f"{number(row['ratio'])} keer zo hoog")
    return ", ".join(parts)


def describe(table: str, row: dict) -> str:
    """A record (or document) as one Dutch line, the same on every page and in the feed."""
    where = row.get("municipality") or "gemeente onbekend"
    if table == "documents":
        return row.get("title") or f"Document zonder titel ({PurePath(row.get('path') or row['id']).name})"
    if table == "outcomes":
        arm = f" ({label('arm_type', row['arm_type'])})" if row.get("arm_type") else ""
        text = f"{where}: {label('measure', row['measure'])}{arm} {label('direction', row.get('direction'))}"
        if figure(row):
            text += f": {figure(row)}"
        return f"{text} — vergeleken met: {label('comparator', row.get('comparator'))}"
    if table == "sample_sizes":
        arm = f" ({label('arm_type', row['arm_type'])})" if row.get("arm_type") else ""
        return f"{where}: {number(row['n'])} — {label('population', row['population'])}{arm}"
    if table == "quotes":
        role = f" ({label('role', row['role'])})" if row.get("role") else ""
        text = row["text"] if len(row["text"]) <= 90 else row["text"][:87].rstrip() + "…"
        return f"{row.get('speaker') or 'onbekend'}{role}: “{text}”"
    if table == "arms":
        return f"{where}: groep ‘{row['label']}’ — {label('arm_type', row['arm_type'])}"
    if table == "experiments":
        return f"{where}: experiment ‘{row['name']}’"
    return f"{where} genoemd"
