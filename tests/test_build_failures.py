"""Nothing lost: one bad document never stops a build, a typo never empties the database.

Every case runs the real `evidence` command on real files and asserts the one line it
prints, the exit code (0 all built, 1 some skipped, 2 nothing built) and that nothing
else was lost: the other documents are built, or the previous database is byte for byte
what it was."""

import fcntl
import os
import shutil
import zlib

import pytest
import sqlite_utils

from conftest import SEEDS, run_cli


@pytest.fixture
def good_db(tmp_path):
    path = tmp_path / "evidence.db"
    result = run_cli("build", SEEDS, "--db", path)
    assert result.returncode == 0, result.stderr
    return path


def errors(result) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.startswith("Error:")]


def unchanged(path, before: bytes) -> bool:
    return path.read_bytes() == before


@pytest.mark.parametrize("make_input, message", [
    (lambda d: d / "typo", "{d}/typo: no such file or folder; nothing was read"),
    (lambda d: (d / "empty").mkdir() or d / "empty",
     "{db}: the new database would hold 0 readable documents, fewer than the 5 of the current one; "
     "the old database was kept (--allow-shrink replaces it anyway)"),
])
def test_nothing_to_build_keeps_the_database(good_db, tmp_path, make_input, message):
    before = good_db.read_bytes()
    result = run_cli("build", make_input(tmp_path), "--db", good_db)
    assert result.returncode == 2
    assert errors(result) == ["Error: " + message.format(d=tmp_path, db=good_db)]
    assert unchanged(good_db, before)


def test_a_folder_of_unsupported_files_is_named_and_writes_nothing(tmp_path):
    folder = tmp_path / "word"
    folder.mkdir()
    (folder / "verslag.docx").write_bytes(b"PK\x03\x04 not a document we read")
    result = run_cli("build", folder, "--db", tmp_path / "new.db")
    assert result.returncode == 2
    assert errors(result) == [
        f"Error: {folder / 'verslag.docx'}: unsupported format (.docx; readable are .txt, .html, .pdf) (skipped)",
        f"Error: the one document of the input could not be read; {tmp_path / 'new.db'} was not written"]
    assert not (tmp_path / "new.db").exists()


def test_fewer_documents_replace_the_database_only_when_asked(good_db):
    one = sorted(SEEDS.glob("*.txt"))[0]
    before = good_db.read_bytes()
    refused = run_cli("build", one, "--db", good_db)
    assert refused.returncode == 2 and "fewer than the 5 of the current one" in refused.stderr
    assert unchanged(good_db, before)
    allowed = run_cli("build", one, "--db", good_db, "--allow-shrink")
    assert allowed.returncode == 0, allowed.stderr
    assert sqlite_utils.Database(good_db)["documents"].count == 1


def _bomb_pdf() -> bytes:
    """A PDF whose one content stream inflates to 200 MB: pypdf stops at its limit."""
    stream = zlib.compress(b"BT /F1 11 Tf 72 760 Td (Hallo) Tj ET\n" + b" " * (200 * 1024 * 1024), 9)
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
               b"/Resources << /Font << /F1 5 0 R >> >> >>",
               b"<< /Length %d /Filter /FlateDecode >>\nstream\n%s\nendstream" % (len(stream), stream),
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for i, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (i, body)
    xref = len(out)
    out += b"xref\n0 6\n0000000000 65535 f \n" + b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size 6 /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


BAD_INPUTS = {
    # name: (what makes the file, the reason its line must give)
    "utf16.txt": (lambda p: p.write_bytes(b"\xff\xfeI\x00n\x00\x00\xd8"),
                  "not valid UTF-16, though it starts with its byte-order mark"),
    "nul_late.txt": (lambda p: p.write_bytes(b"In Tilburg deden 300 mensen mee. " * 400 + b"\x00 en meer"),
                     "binary file, not text (a NUL byte at offset 13200)"),
    "mojibake.html": (lambda p: p.write_text("<html><body><article><p>De cliÃ«nten in Tilburg.</p></article>"
                                             "</body></html>"),
                      "text was decoded with the wrong encoding ('Ã«' at offset 6)"),
    "bom.pdf": (lambda p: p.write_bytes(_bomb_pdf()), "PDF decompresses to more than pypdf's limit"),
    "pipe.txt": (os.mkfifo, "not a regular file (a device, pipe or socket)"),
    "zero.txt": (lambda p: os.symlink("/dev/zero", p), "not a regular file (a device, pipe or socket)"),
}


def test_each_bad_document_fails_alone(tmp_path):
    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS, corpus)
    for name, (make, _) in BAD_INPUTS.items():
        make(corpus / name)
    # nested 50,000 deep: read in linear time, no RecursionError
    depth = 50_000
    (corpus / "deep.html").write_text("<html><body><article><p>In Deventer deden 120 mensen mee.</p>"
                                      + "<div>" * depth + "diep" + "</div>" * depth + "</article></body></html>")
    # a file name that is not UTF-8
    with open(os.fsencode(corpus) + b"/caf\xe9.txt", "wb") as f:
        f.write("In Nijmegen deden 318 mensen mee aan het experiment.".encode())
    # a declared charset the bytes contradict: the bytes (valid UTF-8) win, nothing garbled is stored
    (corpus / "declared.html").write_bytes(
        '<html><head><meta charset="windows-1252"></head><body><article><p>In Zwolle deden 200 cliënten '
        'mee.</p></article></body></html>'.encode())
    db_path = tmp_path / "e.db"
    result = run_cli("build", corpus, "--db", db_path, timeout=300)
    assert result.returncode == 1, result.stderr
    expected = {f"Error: {corpus / name}: {reason}" for name, (_, reason) in BAD_INPUTS.items()}
    lines = errors(result)
    assert len(lines) == len(BAD_INPUTS)
    for line in lines:
        assert line.endswith(" (skipped)")
        assert any(line.startswith(prefix) for prefix in expected), line
    db = sqlite_utils.Database(db_path)
    failed = {os.path.basename(r["path"]) for r in db["documents"].rows_where("status = 'failed'")}
    assert failed == set(BAD_INPUTS)
    ok = {os.path.basename(r["path"]): r["text"] for r in db["documents"].rows_where("status = 'ok'")}
    assert len(ok) == len(list(SEEDS.glob("*.txt"))) + 3
    assert ok["caf\ufffd.txt"].startswith("In Nijmegen")
    assert "cliënten" in ok["declared.html"] and "Ã" not in ok["declared.html"]
    assert "In Deventer deden 120" in ok["deep.html"]


def test_text_over_the_character_limit_is_refused_by_name(tmp_path):
    doc = tmp_path / "lang.txt"
    doc.write_text("In Tilburg deden 300 mensen mee. " * 3000)
    result = run_cli("extract", doc, SEEDS, env={**os.environ, "EVIDENCE_MAX_CHARS": "50000"})
    assert result.returncode == 1
    assert errors(result) == [f"Error: {doc}: text is too long (99,000 characters; the limit is 50,000, "
                              "EVIDENCE_MAX_CHARS) (skipped)"]
    assert result.stdout.count("\n") > 50  # the seeds were still extracted


def test_a_component_that_fails_fails_its_document_only(tmp_path):
    """A bug in a pipeline component: the document it hit is stored as failed with the stage
    and reason; the rest of the batch is built."""
    from spacy.language import Language

    from ingest.build import build
    from ingest.nlp import load_pipeline

    if "fails_on_marker" not in Language.factories:
        @Language.component("fails_on_marker")
        def fails_on_marker(doc):
            if "KAPOT" in doc.text:
                raise ValueError("a component broke on this text")
            return doc

    nlp = load_pipeline()
    nlp.add_pipe("fails_on_marker", first=True)
    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS, corpus)
    (corpus / "kapot.txt").write_text("In Tilburg deden 300 mensen mee. KAPOT")
    failures = []
    report = build([str(corpus)], str(tmp_path / "e.db"), nlp, on_failure=lambda p, r: failures.append((p, r)))
    reason = "extract: ValueError: a component broke on this text"
    assert failures == [(str(corpus / "kapot.txt"), reason)]
    assert report.documents == len(list(SEEDS.glob("*.txt")))
    db = sqlite_utils.Database(tmp_path / "e.db")
    assert [(r["status"], r["error"]) for r in db["documents"].rows_where("path like '%kapot.txt'")] \
        == [("failed", reason)]


def test_a_second_build_of_the_same_database_is_refused(good_db):
    before = good_db.read_bytes()
    with open(good_db.parent / f".{good_db.name}.lock", "a+") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)  # as a running build holds it
        result = run_cli("build", SEEDS, "--db", good_db)
    assert result.returncode == 2
    assert errors(result) == [f"Error: {good_db}: another build is writing this database; wait for it to "
                              "finish, or build to another --db"]
    assert unchanged(good_db, before)
    assert not list(good_db.parent.glob(".build-*"))
    assert run_cli("build", SEEDS, "--db", good_db).returncode == 0  # once it is released
