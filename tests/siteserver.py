"""The published site on a real server, for the site and browser tests: the database is
built with the real `evidence build` and served with the exact arguments of `evidence
serve` on 127.0.0.1 and a free port. `start_site()` holds the seed corpus plus two
documents of our own (a second source that reports other Wageningen figures, and one with
<script> in its text); `start_own_site()` only tests/site_corpus, documents written for
the site tests. Each is started once per test run (the `site` and `own_site` fixtures of
conftest.py)."""

from __future__ import annotations

import atexit
import socket
import subprocess
import sys
import tempfile
import time
from functools import lru_cache
from pathlib import Path

import httpx

from conftest import ROOT, SEEDS
from ingest.publish.web import datasette_args

SECOND_SOURCE = """<!DOCTYPE html>
<html lang="nl"><head><meta charset="utf-8">
<title>Wageningen: twee keer zoveel mensen aan het werk</title>
<meta property="og:site_name" content="Regionieuws Vallei">
<meta property="article:published_time" content="2020-06-02T09:00:00+02:00">
<link rel="canonical" href="https://regionieuws.example/wageningen-bijstand">
</head><body><article>
<h1>Wageningen: twee keer zoveel mensen aan het werk</h1>
<p>Aan het experiment Vertrouwen Werkt in Wageningen deden 400 mensen mee.</p>
<p>De uitstroom naar werk was in de groep ‘zelf in actie’ twee keer zo hoog als bij de niet-deelnemers.</p>
<p>Wethouder Maud Hulshof: “Dit is een mooi resultaat voor Wageningen.”</p>
</article></body></html>
"""
SCRIPT_DOCUMENT = """Bericht met <script>alert(1)</script> in de titel

In Tilburg deden 300 mensen mee aan het experiment <script>alert(1)</script> Bijstand Anders.

Het welbevinden van de deelnemers in Tilburg nam toe. <b onmouseover="alert(2)">vet</b> en <img src=x onerror=alert(3)>.
"""
SCRIPT = "<script>alert(1)</script>"
OWN_CORPUS = ROOT / "tests" / "site_corpus" / "docs"  # documents written for the site tests


class Site:
    def __init__(self, base: str, db_path: Path, proc: subprocess.Popen):
        self.base, self.db_path, self.proc = base, db_path, proc
        self.db = db_path.stem
        self.client = httpx.Client(base_url=base, timeout=30)

    def get(self, path: str, **kwargs) -> httpx.Response:
        return self.client.get(path, **kwargs)

    def json(self, path: str, **kwargs):
        response = self.get(path, **kwargs)
        assert response.status_code == 200, (path, response.status_code, response.text[:500])
        return response.json()

    def html(self, path: str) -> str:
        response = self.get(path)
        assert response.status_code == 200, (path, response.status_code, response.text[:500])
        return response.text

    def query(self, sql: str, params=None) -> list[dict]:
        import sqlite3

        conn = sqlite3.connect(f"file:{self.db_path}?mode=ro", uri=True)
        conn.row_factory = sqlite3.Row
        try:
            return [dict(r) for r in conn.execute(sql, params or [])]
        finally:
            conn.close()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@lru_cache(maxsize=1)
def start_site() -> Site:
    tmp = Path(tempfile.mkdtemp(prefix="evidence-site-"))
    extra = tmp / "extra"
    extra.mkdir()
    (extra / "wageningen_regionieuws.html").write_text(SECOND_SOURCE, encoding="utf-8")
    (extra / "script_injectie.txt").write_text(SCRIPT_DOCUMENT, encoding="utf-8")
    return serve(build(tmp / "evidence.db", SEEDS, extra))


@lru_cache(maxsize=1)
def start_own_site() -> Site:
    tmp = Path(tempfile.mkdtemp(prefix="evidence-own-"))
    return serve(build(tmp / "evidence.db", OWN_CORPUS))


def build(db_path: Path, *paths) -> Path:
    """`evidence build PATHS --db db_path`, asserted to succeed."""
    done = subprocess.run([sys.executable, "-m", "ingest.cli", "build", *map(str, paths), "--db", str(db_path)],
                          cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return db_path


def serve(db_path: Path, plugins_dir: Path | None = None) -> Site:
    """`db_path` served with the exact arguments of `evidence serve`, on a free port;
    stopped at exit (or by `stop(site)`). `plugins_dir` replaces the site's plugins folder
    (a copy of it with a test's own plugin added)."""
    port = free_port()
    log_path = db_path.with_suffix(".server.log")
    log = open(log_path, "wb")
    args = datasette_args(str(db_path))
    if plugins_dir is not None:
        args[args.index("--plugins-dir") + 1] = str(plugins_dir)
    proc = subprocess.Popen([sys.executable, "-m", "datasette", *args,
                             "--host", "127.0.0.1", "--port", str(port)],
                            cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)
    atexit.register(_stop, proc)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        assert proc.poll() is None, log_path.read_text()
        try:
            if httpx.get(base + "/-/versions.json", timeout=2).status_code == 200:
                return Site(base, db_path, proc)
        except httpx.HTTPError:
            time.sleep(0.2)
    raise AssertionError("the server did not answer within 60 s")


def stop(site: Site) -> None:
    site.client.close()
    _stop(site.proc)


def _stop(proc: subprocess.Popen) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()


def record_id(site: Site, table: str, where: str, params=()) -> str:
    rows = site.query(f"select id from {table} where {where} order by id", params)
    assert rows, f"no {table} row where {where} {params}"
    return rows[0]["id"]
