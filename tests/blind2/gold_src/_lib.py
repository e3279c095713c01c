"""Helpers used to write the gold files compactly (see build_gold.py)."""
import csv, json, os

HERE = os.path.dirname(os.path.abspath(__file__))
CSV = "/work/shared/reference/municipalities.csv"
CODES = {}
with open(CSV, encoding="utf-8") as f:
    for row in csv.DictReader(f):
        CODES[row["name"]] = row["cbs_code"]


def M(name):
    return {"type": "municipality", "municipality": name, "cbs_code": CODES[name]}


def E(name, muni):
    return {"type": "experiment", "municipality": muni, "name": name}


def A(label, arm_type, muni):
    return {"type": "arm", "municipality": muni, "label": label, "arm_type": arm_type}


def S(n, population, muni, arm=None):
    return {"type": "sample_size", "municipality": muni, "n": n,
            "population": population, "arm_type": arm}


def O(muni, measure, arm, direction, value=None, unit=None, comp=None,
      compv=None, ratio=None, sig=None):
    return {"type": "outcome", "municipality": muni, "measure": measure,
            "arm_type": arm, "direction": direction, "value": value,
            "unit": unit, "comparator": comp, "comparator_value": compv,
            "ratio": ratio, "significant": sig}


def Q(text, speaker, role, org, muni):
    return {"type": "quote", "municipality": muni, "text": text,
            "speaker": speaker, "role": role, "organisation": org}


def write(doc, records, golddir):
    path = os.path.join(golddir, os.path.splitext(doc)[0] + ".json")
    lines = ",\n".join("    " + json.dumps(r, ensure_ascii=False) for r in records)
    with open(path, "w", encoding="utf-8") as f:
        f.write('{\n  "doc": ' + json.dumps(doc, ensure_ascii=False) +
                ',\n  "records": [\n' + lines + "\n  ]\n}\n")
