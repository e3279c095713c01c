"""The database as Datasette serves it, in-process and through `evidence serve --get`."""

import asyncio

import pytest
import yaml
from datasette.app import Datasette

from conftest import ROOT, SEEDS, run_cli

TABLES = {"documents", "municipalities", "municipality_mentions", "experiments", "arms", "sample_sizes",
          "outcomes", "quotes"}


@pytest.fixture(scope="module")
def db_path(tmp_path_factory):
    path = tmp_path_factory.mktemp("serve") / "evidence.db"
    assert run_cli("build", SEEDS, "--db", path).returncode == 0
    return path


def get(db_path, path):
    metadata = yaml.safe_load((ROOT / "metadata.yml").read_text(encoding="utf-8"))
    ds = Datasette(immutables=[str(db_path)], metadata=metadata)
    return asyncio.run(ds.client.get(path))


def test_database_page_lists_every_table(db_path):
    response = get(db_path, "/evidence.json")
    assert response.status_code == 200
    assert TABLES <= {t["name"] for t in response.json()["tables"]}


def test_search_finds_a_quote(db_path):
    response = get(db_path, "/evidence/quotes.json?_search=capaciteit&_shape=array")
    rows = response.json()
    assert rows and all("capaciteit" in r["text"] for r in rows)


def test_metadata_describes_every_column(db_path):
    import sqlite_utils

    metadata = yaml.safe_load((ROOT / "metadata.yml").read_text(encoding="utf-8"))
    tables = metadata["databases"]["evidence"]["tables"]
    db = sqlite_utils.Database(db_path)
    for table in TABLES:
        described = set(tables[table]["columns"])
        actual = set(db[table].columns_dict)
        assert actual <= described, (table, actual - described)


def test_serve_get_smoke(db_path):
    result = run_cli("serve", "--db", db_path, "--get", "/evidence/outcomes.json?_facet=measure")
    assert result.returncode == 0, result.stderr
    assert '"facet_results"' in result.stdout


def test_serve_without_a_database_says_what_to_do(tmp_path):
    result = run_cli("serve", "--db", tmp_path / "none.db")
    assert result.returncode == 2
    assert result.stderr.startswith("Error: ") and "evidence build" in result.stderr
