"""How the site is served (the Datasette command line) and what its pages share."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from ..shipped import shipped


def wants_json(request) -> bool:
    """A page asked for as JSON: its `.json` URL or an Accept header (the site's own pages)."""
    return request.url_vars.get("format") == "json" or "application/json" in request.headers.get("accept", "")


def web_link(url) -> str | None:
    """`url` if it may become a link (http or https), else None: a document's canonical
    or og:url can say anything, `javascript:` included."""
    if not isinstance(url, str) or re.search(r"[\s\x00-\x1f\x7f]", url.strip()):
        return None
    parts = urlsplit(url.strip())
    return url.strip() if parts.scheme.lower() in ("http", "https") and parts.netloc else None


def datasette_args(db_path: str) -> list[str]:
    """The Datasette command line the site is served with (also used by the tests)."""
    args = ["serve", "-i", db_path, "--metadata", str(shipped("metadata.yml")),
            "--setting", "sql_time_limit_ms", "2000",
            "--setting", "default_page_size", "50",
            "--setting", "allow_download", "off",
            # The facets that matter are declared in metadata.yml; Datasette's suggestions
            # cost half the time of a table page (bench/load_bench.py) and add noise.
            "--setting", "suggest_facets", "off",
            # Arbitrary SQL and canned queries use at most two of these at once
            # (plugins/site_guard.py): the others stay free for every other page.
            "--setting", "num_sql_threads", "4"]
    plugins, templates, static = shipped("plugins"), shipped("templates"), shipped("static")
    if plugins.is_dir() and any(plugins.glob("*.py")):
        args += ["--plugins-dir", str(plugins)]
    if templates.is_dir() and any(templates.iterdir()):
        args += ["--template-dir", str(templates)]
    if static.is_dir():
        args += ["--static", f"static:{static}"]
    return args
