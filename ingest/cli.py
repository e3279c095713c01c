"""The `evidence` command: one subcommand per pipeline stage."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
from pathlib import Path

import click

from . import __version__
from .errors import ArchiveError, BuildLocked, EvidenceError, NothingToBuild, WouldShrink

DEFAULT_DB = "db/evidence.db"
DEFAULT_ARCHIVE = "archive"


def fail(message: str, code: int = 2):
    click.echo(f"Error: {message}", err=True)
    sys.exit(code)


def warn_failure(path: str, reason: str) -> None:
    click.echo(f"Error: {path}: {reason} (skipped)", err=True)


def _terminated(signum, frame):
    raise KeyboardInterrupt


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
    """Print the evidence records in PATHS (.txt, .html, .pdf files or folders).

    Exits 1 if a document could not be read or extracted (it is named on stderr), 2 if a
    path does not exist."""
    from .build import extracted
    from .extract import public

    nlp = _nlp(pipeline)
    out = sys.stdout
    report = _reading(paths)
    for document, records in extracted(paths, nlp, report, warn_failure):
        for record in records:
            record = public(record)
            if jsonl:
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
            else:
                out.write(_summary(record) + "\n")
    out.flush()
    if report.failed:
        sys.exit(1)


def _reading(paths):
    """A fresh report for reading PATHS, once they are known to exist (else exit 2)."""
    from .build import BuildReport, check_paths

    try:
        check_paths(paths)
    except NothingToBuild as e:
        fail(str(e))
    return BuildReport()


def _summary(r: dict) -> str:
    from .records import RECORD_TYPES

    return f"{Path(r['doc']).name}\t{r['type']}\t{r['municipality'] or '-'}\t{RECORD_TYPES[r['type']].summary(r)}"


@cli.command()
@click.argument("paths", nargs=-1)
@click.option("--db", "db_path", default=DEFAULT_DB, show_default=True, help="Database to (re)build.")
@click.option("--archive", "archive_dir", default=None, metavar="DIR",
              help="Also read the documents kept in this scrape archive (see `evidence scrape`).")
@click.option("--allow-shrink", is_flag=True,
              help="Swap in the new database even if it holds fewer readable documents than the old one.")
@pipeline_option
def build(paths, db_path, archive_dir, allow_shrink, pipeline):
    """Read, extract and write PATHS and/or the archived documents into a new SQLite database,
    swapped in atomically.

    Exits 0 when every document was built, 1 when some could not be read or extracted
    (each is named on stderr and stored as `failed`), 2 when nothing was built: a missing
    path, no readable document, fewer readable documents than the current database holds
    (unless --allow-shrink), another build of the same database running, or an error."""
    if not paths and not archive_dir:
        raise click.UsageError("give PATHS to read, --archive DIR, or both")
    if build_database(paths, db_path, archive_dir, pipeline, keep_larger=not allow_shrink).failed:
        sys.exit(1)


def build_database(paths, db_path, archive_dir, pipeline, keep_larger=True):
    """Build, print what was built (or one `Error:` line and exit); the BuildReport."""
    from .build import build as run_build

    nlp = _nlp(pipeline)
    count = {"n": 0}

    def progress(document):
        count["n"] += 1
        if count["n"] % 500 == 0:
            click.echo(f"  {count['n']} documents ...", err=True)

    previous = signal.signal(signal.SIGTERM, _terminated)  # `kill` ends a build as Ctrl-C does
    try:
        report = run_build(list(paths), db_path, nlp, progress=progress, on_failure=warn_failure,
                           archive=archive_dir, keep_larger=keep_larger)
    except KeyboardInterrupt:
        fail(f"build interrupted; {db_path} was left as it was", 130)
    except WouldShrink as e:
        fail(f"{e}; the old database was kept (--allow-shrink replaces it anyway)")
    except (ArchiveError, NothingToBuild, BuildLocked) as e:  # raised before the database is touched
        fail(str(e))
    except (EvidenceError, OSError) as e:
        fail(f"build failed ({e}); {db_path} was left as it was")
    except Exception as e:  # a bug outside any one document: said in one line, and nothing swapped in
        fail(f"build failed ({type(e).__name__}: {e}); {db_path} was left as it was")
    finally:
        signal.signal(signal.SIGTERM, previous)
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
    from .publish.web import datasette_args

    args = datasette_args(db_path)
    if get_path:
        args += ["--get", get_path]
    else:
        args += ["--host", host, "--port", str(port)]
        click.echo(f"Serving {db_path} at http://{host}:{port}/", err=True)
    sys.exit(subprocess.call([sys.executable, "-m", "datasette", *args]))


@cli.command()
@click.argument("gold_dir")
@click.argument("paths", nargs=-1, required=True)
@click.option("--json", "as_json", is_flag=True, help="Scores as JSON.")
@click.option("--errors", "show_errors", is_flag=True, help="List every false positive and miss.")
@pipeline_option
def evaluate(gold_dir, paths, as_json, show_errors, pipeline):
    """Score extraction of PATHS against the gold files in GOLD_DIR (precision, recall, F1)."""
    from .build import extracted
    from .evaluate import doc_key, format_table, load_gold, score
    from .extract import public

    try:
        gold = load_gold(gold_dir)
    except EvidenceError as e:
        fail(str(e))
    nlp = _nlp(pipeline)
    predicted = {}
    report = _reading(paths)
    for document, records in extracted(paths, nlp, report, warn_failure):
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
    if report.failed:
        sys.exit(1)


# -- the scrapers ---------------------------------------------------------------------------

def scrape_options(command):
    """The options `scrape` and `update` share."""
    options = [
        click.option("--sources", "sources_file", default=None, show_default="ingest/scrape/sources.yml",
                     type=click.Path(dir_okay=False), help="YAML file declaring the sources."),
        click.option("--source", "only", default=None, metavar="NAME", help="Scrape only this source."),
        click.option("--since", default=None, type=click.DateTime(formats=["%Y-%m-%d"]), metavar="YYYY-MM-DD",
                     help="Do not ask for documents a feed, sitemap or the archive dates before this day."),
        click.option("--archive", "archive_dir", default=DEFAULT_ARCHIVE, show_default=True,
                     type=click.Path(file_okay=False), help="Folder of WARC files and their index."),
        click.option("--delay", default=1.0, show_default=True, type=click.FloatRange(min=0),
                     help="Seconds between two requests to one host (robots.txt may ask for more)."),
        click.option("--timeout", default=20.0, show_default=True, type=click.FloatRange(min=0.1),
                     help="Seconds to wait for a server before retrying."),
        click.option("--retries", default=3, show_default=True, type=click.IntRange(min=0),
                     help="Retries of a URL that timed out or answered 429 or 5xx."),
        click.option("--backoff", default=2.0, show_default=True, type=click.FloatRange(min=0),
                     help="Seconds before the first retry, doubled at each next one (unless Retry-After says)."),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def _progress(label: str, items: list):
    with click.progressbar(items, label=f"{label} ({len(items)} documents)", file=sys.stderr,
                           show_pos=True) as bar:
        yield from bar


def run_scrape(sources_file, only, since, archive_dir, **fetch_options):
    """Scrape and print the summary; the Summary."""
    from .scrape.archive import Archive
    from .scrape.crawl import scrape
    from .scrape.fetch import CONTACT, PLACEHOLDER_CONTACT
    from .scrape.sources import load_sources

    try:
        sources = load_sources(sources_file, only)
        if CONTACT == PLACEHOLDER_CONTACT:
            click.echo(f"Warning: the User-Agent names the placeholder {PLACEHOLDER_CONTACT}; set "
                       "EVIDENCE_CONTACT to a page or address where site operators can reach you.", err=True)
        with Archive(archive_dir) as archive:
            summary = scrape(sources, archive, since=since.date().isoformat() if since else None,
                             track=_progress, **fetch_options)
    except EvidenceError as e:
        fail(str(e))
    except KeyboardInterrupt:
        fail(f"scrape interrupted; what was fetched so far is in {archive_dir}", 130)
    click.echo(f"Scraped {len(sources)} source{'s' * (len(sources) != 1)} into {archive_dir}: "
               + "\n".join(summary.lines()), err=True)
    return summary


@cli.command()
@scrape_options
def scrape(**options):
    """Fetch what is new from the sources into the archive, politely.

    robots.txt is honoured, one host is asked at most once per --delay seconds, and
    what the archive already holds is asked for conditionally, so nothing unchanged is
    downloaded again. Exits 1 if any URL failed.
    """
    if run_scrape(**options).failed:
        sys.exit(1)


@cli.command()
@click.argument("paths", nargs=-1)
@scrape_options
@click.option("--db", "db_path", default=DEFAULT_DB, show_default=True, help="Database to (re)build.")
@click.option("--allow-shrink", is_flag=True,
              help="Swap in the new database even if it holds fewer readable documents than the old one.")
@pipeline_option
def update(paths, db_path, allow_shrink, pipeline, **options):
    """Scrape, then build the database from PATHS (files or folders) and the archive,
    as `evidence build PATHS --archive DIR` does.

    The new database replaces the old one only if it holds at least as many readable
    documents (a site that is down must not empty the database); --allow-shrink lifts that.
    Exits 1 if any URL or document failed.
    """
    summary = run_scrape(**options)
    report = build_database(paths, db_path, options["archive_dir"], pipeline, keep_larger=not allow_shrink)
    if summary.failed or report.failed:
        sys.exit(1)


if __name__ == "__main__":
    cli()
