"""A regular install works: the wheel, installed into a fresh virtualenv (not editable),
builds and serves from a folder outside the checkout. Everything the package reads at
run time (db/, metadata.yml, plugins/, templates/, static/) must travel in the wheel."""

import json
import subprocess
import sys
import zipfile

import pytest

from conftest import ROOT, SEEDS


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    base = tmp_path_factory.mktemp("install")
    dist = base / "dist"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", str(ROOT), "-w", str(dist)],
                   check=True, capture_output=True, text=True, cwd=base)
    wheel = next(dist.glob("*.whl"))
    venv = base / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    subprocess.run([venv / "bin" / "python", "-m", "pip", "install", "-q", str(wheel)],
                   check=True, capture_output=True, text=True, cwd=base)
    work = base / "elsewhere"
    work.mkdir()
    return wheel, venv / "bin", work


def test_the_wheel_carries_what_the_package_reads(installed):
    wheel, _, _ = installed
    names = set(zipfile.ZipFile(wheel).namelist())
    for name in ["db/schema.sql", "db/municipalities.csv", "metadata.yml", "plugins/site_claims.py",
                 "templates/claim.html", "static/site.css"]:
        assert f"ingest/_shipped/{name}" in names, name
    assert {"ingest/scrape/sources.yml", "ingest/scrape/archive_index.sql"} <= names
    assert any(n.startswith("ingest/nlp/patterns/") for n in names)


def test_installed_package_builds_and_serves_outside_the_checkout(installed):
    _, bin_, work = installed
    where = subprocess.run([bin_ / "python", "-c", "import ingest.shipped as s; print(s.shipped('metadata.yml'))"],
                           cwd=work, check=True, capture_output=True, text=True).stdout.strip()
    assert str(ROOT) not in where and "_shipped" in where

    built = subprocess.run([bin_ / "evidence", "build", str(SEEDS), "--db", "site.db"],
                           cwd=work, capture_output=True, text=True)
    assert built.returncode == 0, built.stderr
    assert "Built site.db: 5 documents" in built.stderr

    def get(path):
        done = subprocess.run([bin_ / "evidence", "serve", "--db", "site.db", "--get", path],
                              cwd=work, capture_output=True, text=True)
        assert done.returncode == 0, done.stderr
        return done.stdout

    # metadata.yml applied: the outcomes table has its Dutch title
    table = json.loads(get("/site/outcomes.json?_size=1"))
    assert table["rows"]
    assert "<title>" in get("/site/outcomes") and "Uitkomsten" in get("/site/outcomes")
    # plugins and templates loaded: the claim checker's page answers in Dutch
    claim = get("/-/claim?claim=In+Groningen+vonden+deelnemers+vaker+werk")
    assert "Bewering" in claim and "ClaimReview" in claim
