"""`evidence scrape` and `evidence update` (the scrapers' commands)."""

from __future__ import annotations

import sys

import click

from .cli import DEFAULT_DB, build, cli, fail, pipeline_option
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
    ]
    for option in reversed(options):
        command = option(command)
    return command


def _progress(label: str, items: list):
    with click.progressbar(items, label=f"{label} ({len(items)} documents)", file=sys.stderr,
                           show_pos=True) as bar:
        yield from bar


def run_scrape(sources_file, only, since, archive_dir, delay, timeout):
    """Scrape and print the summary; the Summary."""
    from .archive import Archive
    from .scrape import scrape
    from .sources import load_sources

    try:
        sources = load_sources(sources_file, only)
        with Archive(archive_dir) as archive:
            summary = scrape(sources, archive, since=since.date().isoformat() if since else None,
                             track=_progress, delay=delay, timeout=timeout)
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
@scrape_options
@click.option("--db", "db_path", default=DEFAULT_DB, show_default=True, help="Database to (re)build.")
@pipeline_option
@click.pass_context
def update(ctx, db_path, pipeline, **options):
    """Scrape, then build the database from the archive (`evidence build --archive`)."""
    summary = run_scrape(**options)
    ctx.invoke(build, paths=(), db_path=db_path, pipeline=pipeline, archive_dir=options["archive_dir"])
    if summary.failed:
        sys.exit(1)


# `python -m ingest.cli` runs cli.py as `__main__`, a second copy of that module whose
# group is the one that runs, while the import above registered on `ingest.cli`'s group.
_main = sys.modules.get("__main__")
if getattr(getattr(_main, "__spec__", None), "name", None) == "ingest.cli" and _main.cli is not cli:
    _main.cli.add_command(scrape)
    _main.cli.add_command(update)
