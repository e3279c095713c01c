"""The files outside the package that it reads at run time: the database shape and the
reference list (`db/`), and what the site is served with (`metadata.yml`, `plugins/`,
`templates/`, `static/`). They stay at the top of the repository, as the design card
has them; a wheel carries copies in `ingest/_shipped/` (the build step in `setup.py`),
and a checkout or an editable install reads them in place."""

from __future__ import annotations

from pathlib import Path

# What setup.py copies into the wheel, as paths from the top of the repository
SHIPPED = ("db/schema.sql", "db/municipalities.csv", "metadata.yml", "plugins", "templates", "static")
_IN_WHEEL = Path(__file__).resolve().parent / "_shipped"
_CHECKOUT = Path(__file__).resolve().parents[1]


def shipped(name: str) -> Path:
    """The path of one of SHIPPED (or a file inside one), in the wheel or in the checkout."""
    base = _IN_WHEEL if _IN_WHEEL.is_dir() else _CHECKOUT
    return base / name
