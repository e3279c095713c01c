"""`evidence build`: a real SQLite file, deterministic, atomic, and honest about bad input."""

import hashlib
import os
import shutil
import signal
import subprocess
import time

import pytest
import sqlite_utils

from conftest import EVIDENCE, ROOT, SEEDS, jsonl, run_cli

RECORD_TABLES = ["municipality_mentions", "experiments", "arms", "sample_sizes", "outcomes", "quotes"]


@pytest.fixture(scope="module")
def seeds_db(tmp_path_factory):
    path = tmp_path_factory.mktemp("db") / "evidence.db"
    result = run_cli("build", SEEDS, "--db", path)
    assert result.returncode == 0, result.stderr
    return path


def dump(path):
    db = sqlite_utils.Database(path)
    return {t: list(db.query(f"select * from [{t}] order by 1")) for t in ["documents", *RECORD_TABLES]}


def test_build_writes_every_table(seeds_db):
    db = sqlite_utils.Database(seeds_db)
    for table in ["municipalities", "documents", *RECORD_TABLES]:
        assert db[table].exists(), table
        assert db[table].count > 0, table
    assert db["municipalities"].count == 426
    assert {r["status"] for r in db["documents"].rows} == {"ok"}


def test_records_link_to_their_document_and_municipality(seeds_db):
    db = sqlite_utils.Database(seeds_db)
    for table in RECORD_TABLES:
        fks = {(fk.column, fk.other_table) for fk in db[table].foreign_keys}
        assert {("document_id", "documents"), ("municipality_code", "municipalities")} <= fks
        orphans = db.execute(f"""select count(*) from [{table}] r left join documents d on d.id = r.document_id
                                 where d.id is null""").fetchone()[0]
        assert orphans == 0
        unknown = db.execute(f"""select count(*) from [{table}] r left join municipalities m
                                 on m.cbs_code = r.municipality_code
                                 where r.municipality_code is not null and m.cbs_code is null""").fetchone()[0]
        assert unknown == 0


def test_evidence_points_into_the_document_text(seeds_db):
    db = sqlite_utils.Database(seeds_db)
    texts = {d["id"]: d["text"] for d in db["documents"].rows}
    for table in RECORD_TABLES:
        for r in db[table].rows:
            assert texts[r["document_id"]][r["start"]:r["end"]] == r["evidence"]
    for q in db["quotes"].rows:
        assert texts[q["document_id"]][q["quote_start"]:q["quote_end"]] == q["text"]


def test_full_text_search_finds_a_quote_sentence(seeds_db):
    db = sqlite_utils.Database(seeds_db)
    quote = next(iter(db["quotes"].rows))["text"]
    words = [w.strip(".,’”") for w in quote.split()[:6]]
    rows = list(db["quotes"].search(" ".join(f'"{w}"' for w in words if w)))
    assert rows and rows[0]["text"] == quote
    assert db["documents"].search('"bijstand"', limit=1)


def test_second_build_gives_the_same_database(seeds_db, tmp_path):
    again = tmp_path / "again.db"
    assert run_cli("build", SEEDS, "--db", again).returncode == 0
    assert dump(again) == dump(seeds_db)
    # and building over the existing file adds nothing
    assert run_cli("build", SEEDS, "--db", again).returncode == 0
    assert dump(again) == dump(seeds_db)


def test_bad_files_are_reported_recorded_and_skipped(tmp_path):
    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS, corpus)
    (corpus / "empty.txt").write_bytes(b"")
    (corpus / "binary.txt").write_bytes(b"\x00\xff" * 300)
    (corpus / "latin1.txt").write_bytes("Wethouder in Zwolle: cliënten".encode("latin-1"))
    (corpus / "fake.pdf").write_bytes(b"<html>no</html>")
    db_path = tmp_path / "e.db"
    result = run_cli("build", corpus, "--db", db_path)
    assert result.returncode == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("Error:")]
    assert len(errors) == 4
    assert any(str(corpus / "latin1.txt") in e and "not valid UTF-8" in e for e in errors)
    db = sqlite_utils.Database(db_path)
    failed = {os.path.basename(r["path"]): r["error"] for r in db["documents"].rows_where("status = 'failed'")}
    assert set(failed) == {"empty.txt", "binary.txt", "latin1.txt", "fake.pdf"}
    assert db["documents"].count_where("status = 'ok'") == len(list(SEEDS.glob("*.txt")))
    assert db["quotes"].count > 0


def _big_corpus(folder, n=600):
    folder.mkdir()
    seeds = sorted(SEEDS.glob("*.txt"))
    for i in range(n):
        text = seeds[i % len(seeds)].read_text(encoding="utf-8")
        (folder / f"doc{i:04d}.txt").write_text(f"Kopie {i}\n\n{text}", encoding="utf-8")


def default_signals():
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, signal.SIG_DFL)


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGINT, signal.SIGTERM])
def test_interrupted_build_leaves_the_old_database(seeds_db, tmp_path, sig):
    target = tmp_path / "evidence.db"
    shutil.copy(seeds_db, target)
    before = hashlib.sha256(target.read_bytes()).hexdigest()
    _big_corpus(tmp_path / "big")
    # In a session of its own with default signal handlers: a test run started in the
    # background inherits SIGINT as ignored, and Python then never raises KeyboardInterrupt.
    proc = subprocess.Popen([*EVIDENCE, "build", str(tmp_path / "big"), "--db", str(target)], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True,
                            preexec_fn=default_signals)
    deadline = time.time() + 60
    while not list(tmp_path.glob(".build-*")) and time.time() < deadline and proc.poll() is None:
        time.sleep(0.02)
    assert proc.poll() is None, "the build finished before it could be interrupted"
    time.sleep(0.3)  # well into writing rows
    proc.send_signal(sig)
    _, stderr = proc.communicate(timeout=60)
    assert proc.returncode != 0
    assert hashlib.sha256(target.read_bytes()).hexdigest() == before
    if sig != signal.SIGKILL:  # what can be caught removes its temporary file
        assert "build interrupted" in stderr and not list(tmp_path.glob(".build-*"))
    # the next build clears what a killed build left behind
    assert run_cli("build", SEEDS, "--db", target).returncode == 0
    assert not list(tmp_path.glob(".build-*"))


def test_build_refuses_a_missing_input(tmp_path):
    result = run_cli("build", tmp_path / "nothing-here.txt", "--db", tmp_path / "x.db")
    assert result.returncode == 2
    assert result.stderr == f"Error: {tmp_path / 'nothing-here.txt'}: no such file or folder; nothing was read\n"
    assert not (tmp_path / "x.db").exists()


def test_extract_jsonl_follows_the_contract():
    result = run_cli("extract", "--jsonl", SEEDS)
    assert result.returncode == 0, result.stderr
    records = jsonl(result.stdout)
    common = {"doc", "type", "municipality", "evidence", "start", "end"}
    per_type = {
        "municipality": {"cbs_code"}, "experiment": {"name"}, "arm": {"label", "arm_type"},
        "sample_size": {"n", "population", "arm_type"},
        "outcome": {"measure", "arm_type", "direction", "value", "unit", "comparator", "comparator_value",
                    "ratio", "significant"},
        "quote": {"text", "speaker", "role", "organisation"},
    }
    assert {r["type"] for r in records} == set(per_type)
    texts = {}
    for r in records:
        assert common | per_type[r["type"]] <= set(r), r
        if r["doc"] not in texts:
            texts[r["doc"]] = open(r["doc"], encoding="utf-8").read()
            assert r["doc"].startswith(str(SEEDS))
        assert texts[r["doc"]][r["start"]:r["end"]] == r["evidence"]
        if r["type"] == "quote":
            assert r["text"] in r["evidence"]
