import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "corpus" / "seeds"
GOLD = SHARED / "corpus" / "gold"
DEV_DOCS = ROOT / "tests" / "corpus" / "docs"
DEV_GOLD = ROOT / "tests" / "corpus" / "gold"
BLIND_DOCS = ROOT / "tests" / "blind" / "docs"
BLIND_GOLD = ROOT / "tests" / "blind" / "gold"
REAL_DOCS = SHARED / "corpus" / "real" / "docs"  # real public documents (a development set)
REAL_GOLD = SHARED / "corpus" / "real" / "gold"
BLIND2_DOCS = ROOT / "tests" / "blind2" / "docs"  # the second blind set (tests/blind2/README.md)
BLIND2_GOLD = ROOT / "tests" / "blind2" / "gold"
EVIDENCE = [sys.executable, "-m", "ingest.cli"]


@pytest.fixture(scope="session")
def nlp():
    from ingest.nlp import load_pipeline

    return load_pipeline()


@pytest.fixture(scope="session")
def extract_text(nlp):
    """Records of one text, as `extract --jsonl` would print them."""
    from ingest.document import Document, content_hash
    from ingest.extract import public, records_for

    def run(text, path="test.txt"):
        doc = Document(path=path, text=text, format="txt", content_hash=content_hash(text.encode()))
        return [public(r) for r in records_for(doc, nlp(text))]

    return run


def run_cli(*args, cwd=ROOT, **kwargs):
    return subprocess.run([*EVIDENCE, *map(str, args)], cwd=cwd, capture_output=True, text=True, **kwargs)


def of_type(records, type_):
    return [r for r in records if r["type"] == type_]


def one(records, type_, **where):
    """The one record of `type_` with these field values (asserted to be exactly one)."""
    found = [r for r in of_type(records, type_) if all(r.get(k) == v for k, v in where.items())]
    assert len(found) == 1, (where, of_type(records, type_))
    return found[0]


def jsonl(text):
    return [json.loads(line) for line in text.splitlines() if line.strip()]


# -- the published site on a real server (tests/siteserver.py) --------------------------------

@pytest.fixture(scope="session")
def site():
    """The seed corpus plus two documents of the site tests' own."""
    from siteserver import start_site

    return start_site()


@pytest.fixture(scope="session")
def own_site():
    """Only the documents of tests/site_corpus/docs: facts the tests can name."""
    from siteserver import start_own_site

    return start_own_site()
