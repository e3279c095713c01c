"""The `evidence` command: one subcommand per pipeline stage."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import click

from . import __version__
from .errors import ArchiveError, EvidenceError, InputError, WouldShrink

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DB = "db/evidence.db"


def fail(message: str, code: int = 2):
    click.echo(f"Error: {message}", err=True)
    sys.exit(code)


def warn_failure(path: str, reason: str) -> None:
    click.echo(f"Error: {path}: {reason} (skipped)", err=True)


@click.group()
@click.version_option(__version__, prog_name="evidence")
def cli():
    """Evidence base on the Dutch bijstand experiments: documents in, traceable records out."""


pipeline_option = click.option(
    "--pipeline", envvar="EVIDENCE_PIPELINE", default=None,
    help="spaCy pipeline: blank:nl (default) or a trained pipeline's name or path.")


def _nlp(pipeline):
    from .nlp import load_pipeline
    try:
        return load_pipeline(pipeline)
    except OSError as e:
        fail(f"cannot load spaCy pipeline {pipeline!r}: {e}")


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--jsonl", is_flag=True, help="One JSON record per line (EVIDENCE_FORMAT.md).")
@pipeline_option
def extract(paths, jsonl, pipeline):
    """Print the evidence records in PATHS (.txt, .html, .pdf files or folders)."""
    from .extract import extract_documents, public
    from .formats import iter_paths, read_path

    failures = []

    def documents():
        for path in iter_paths(paths):
            try:
                yield read_path(path)
            except InputError as e:
                failures.append(path)
                warn_failure(path, e.reason)

    nlp = _nlp(pipeline)
    out = sys.stdout
    for document, records in extract_documents(documents(), nlp):
        for record in records:
            record = public(record)
            if jsonl:
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
            else:
                out.write(_summary(record) + "\n")
    out.flush()
    if failures:
        sys.exit(1)


def _summary(r: dict) -> str:
    t = r["type"]
    detail = {
        "municipality": lambda: r.get("cbs_code"),
        "experiment": lambda: r["name"],
        "arm": lambda: f"{r['label']} [{r['arm_type']}]",
        "sample_size": lambda: f"n={r['n']} {r['population']}" + (f" [{r['arm_type']}]" if r["arm_type"] else ""),
        "outcome": lambda: " ".join(str(x) for x in (
            r["measure"], r["direction"], r["arm_type"] or "-",
            f"{r['value']} {r['unit']}" if r["value"] is not None else "",
            f"vs {r['comparator']}" if r["comparator"] else "") if x),
        "quote": lambda: f"{r['speaker']} ({r['role']}): {r['text'][:80]}",
    }[t]()
    return f"{Path(r['doc']).name}\t{t}\t{r['municipality'] or '-'}\t{detail}"


@cli.command()
@click.argument("paths", nargs=-1)
@click.option("--db", "db_path", default=DEFAULT_DB, show_default=True, help="Database to (re)build.")
@click.option("--archive", "archive_dir", default=None, metavar="DIR",
              help="Also read the documents kept in this scrape archive (see `evidence scrape`).")
@pipeline_option
def build(paths, db_path, archive_dir, pipeline):
    """Read, extract and write PATHS and/or the archived documents into a new SQLite database,
    swapped in atomically."""
    if not paths and not archive_dir:
        raise click.UsageError("give PATHS to read, --archive DIR, or both")
    if build_database(paths, db_path, archive_dir, pipeline).failed:
        sys.exit(1)


def build_database(paths, db_path, archive_dir, pipeline, keep_larger=False):
    """Build, print what was built (or one `Error:` line and exit); the BuildReport."""
    from .store import build as run_build

    nlp = _nlp(pipeline)
    count = {"n": 0}

    def progress(document):
        count["n"] += 1
        if count["n"] % 500 == 0:
            click.echo(f"  {count['n']} documents ...", err=True)

    try:
        report = run_build(list(paths), db_path, nlp, progress=progress, on_failure=warn_failure,
                           archive=archive_dir, keep_larger=keep_larger)
    except KeyboardInterrupt:
        fail(f"build interrupted; {db_path} was left as it was", 130)
    except WouldShrink as e:
        fail(f"{e}; the old database was kept (--allow-shrink replaces it anyway)")
    except ArchiveError as e:  # raised before the database is touched
        fail(str(e))
    except (EvidenceError, OSError) as e:
        fail(f"build failed ({e}); {db_path} was left as it was")
    records = ", ".join(f"{n} {t}" for t, n in sorted(report.records.items())) or "no records"
    click.echo(f"Built {db_path}: {report.documents} documents ({records}); "
               f"{len(report.failed)} failed, {len(report.duplicates)} duplicates skipped.", err=True)
    for path, first in report.duplicates:
        click.echo(f"  {path}: same content as {first} (skipped)", err=True)
    return report


@cli.command()
@click.option("--db", "db_path", default=DEFAULT_DB, show_default=True)
@click.option("--port", default=8001, show_default=True, type=int)
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--get", "get_path", default=None, help="Fetch one path in-process and print it (no server).")
def serve(db_path, port, host, get_path):
    """Serve the database with Datasette, read-only, with metadata.yml."""
    if not Path(db_path).exists():
        fail(f"{db_path}: no such database; run `evidence build` (or `make run`) first")
    args = datasette_args(db_path)
    if get_path:
        args += ["--get", get_path]
    else:
        args += ["--host", host, "--port", str(port)]
        click.echo(f"Serving {db_path} at http://{host}:{port}/", err=True)
    sys.exit(subprocess.call([sys.executable, "-m", "datasette", *args]))


def datasette_args(db_path: str) -> list[str]:
    """The Datasette command line the site is served with (also used by the tests)."""
    args = ["serve", "-i", db_path, "--metadata", str(ROOT / "metadata.yml"),
            "--setting", "sql_time_limit_ms", "2000",
            "--setting", "default_page_size", "50",
            "--setting", "allow_download", "off",
            # The facets that matter are declared in metadata.yml; Datasette's suggestions
            # cost half the time of a table page (bench/load_bench.py) and add noise.
            "--setting", "suggest_facets", "off"]
    if (ROOT / "plugins").is_dir() and any((ROOT / "plugins").glob("*.py")):
        args += ["--plugins-dir", str(ROOT / "plugins")]
    if (ROOT / "templates").is_dir() and any((ROOT / "templates").iterdir()):
        args += ["--template-dir", str(ROOT / "templates")]
    if (ROOT / "static").is_dir():
        args += ["--static", f"static:{ROOT / 'static'}"]
    return args


@cli.command()
@click.argument("gold_dir")
@click.argument("paths", nargs=-1, required=True)
@click.option("--json", "as_json", is_flag=True, help="Scores as JSON.")
@click.option("--errors", "show_errors", is_flag=True, help="List every false positive and miss.")
@pipeline_option
def evaluate(gold_dir, paths, as_json, show_errors, pipeline):
    """Score extraction of PATHS against the gold files in GOLD_DIR (precision, recall, F1)."""
    from .evaluate import doc_key, format_table, load_gold, score
    from .extract import extract_documents, public
    from .formats import iter_paths, read_path

    try:
        gold = load_gold(gold_dir)
    except EvidenceError as e:
        fail(str(e))
    nlp = _nlp(pipeline)
    predicted, failures = {}, 0

    def documents():
        nonlocal failures
        for path in iter_paths(paths):
            try:
                yield read_path(path)
            except InputError as e:
                failures += 1
                warn_failure(path, e.reason)

    for document, records in extract_documents(documents(), nlp):
        predicted.setdefault(doc_key(document.path), []).extend(public(r) for r in records)
    result = score(predicted, gold)
    missing = sorted(set(gold) - set(predicted))
    if as_json:
        out = {k: v for k, v in result.items() if k != "errors" or show_errors}
        out["missing_documents"] = missing
        click.echo(json.dumps(out, ensure_ascii=False, indent=2))
    else:
        click.echo(f"{result['documents']} gold documents; {len(missing)} without a prediction")
        click.echo(format_table(result))
        if show_errors:
            for e in result["errors"]:
                click.echo(json.dumps(e, ensure_ascii=False))
    if failures:
        sys.exit(1)


# Stage commands that live in their own modules register themselves on the group.
from . import scrape_cli  # noqa: E402,F401

if __name__ == "__main__":
    cli()
