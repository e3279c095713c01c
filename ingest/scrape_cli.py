"""`evidence scrape` and `evidence update` (the scrapers' commands)."""

from __future__ import annotations

import sys

import click

from .cli import DEFAULT_DB, build_database, cli, fail, pipeline_option
from .errors import EvidenceError
from .sources import DEFAULT_SOURCES

DEFAULT_ARCHIVE = "archive"


def scrape_options(command):
    """The options `scrape` and `update` share."""
    options = [
        click.option("--sources", "sources_file", default=str(DEFAULT_SOURCES), show_default="ingest/sources.yml",
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
    from .archive import Archive
    from .fetch import CONTACT, PLACEHOLDER_CONTACT
    from .scrape import scrape
    from .sources import load_sources

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


# `python -m ingest.cli` runs cli.py as `__main__`, a second copy of that module whose
# group is the one that runs, while the import above registered on `ingest.cli`'s group.
_main = sys.modules.get("__main__")
if getattr(getattr(_main, "__spec__", None), "name", None) == "ingest.cli" and _main.cli is not cli:
    _main.cli.add_command(scrape)
    _main.cli.add_command(update)
