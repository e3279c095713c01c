"""CSV exports without spreadsheet formulas: a text cell that starts with =, +, -, @ (or a
tab or carriage return) is written with a single quote in front, as OWASP advises
(CSV injection), so a spreadsheet shows it as text instead of running it. Only CSV: the
HTML and JSON answers keep every value as it is.

Datasette 0.65 has no hook for CSV cells; its CSV writer (views/base.py, `csv.writer`,
the one place every table, query and canned-query CSV is written) is given one that
neutralises each row first."""

from __future__ import annotations

import csv
import types

import datasette.views.base as base
from datasette import hookimpl

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutral(cell):
    """A CSV cell that no spreadsheet reads as a formula."""
    if isinstance(cell, str) and cell.startswith(FORMULA_START):
        return "'" + cell
    return cell


class NeutralWriter:
    def __init__(self, file, *args, **kwargs):
        self._writer = csv.writer(file, *args, **kwargs)

    def writerow(self, row):
        # returns what the file's write returns: Datasette awaits it
        return self._writer.writerow([neutral(cell) for cell in row])


_csv = types.SimpleNamespace(**{name: getattr(csv, name) for name in dir(csv) if not name.startswith("__")})
_csv.writer = NeutralWriter


@hookimpl
def startup(datasette):
    base.csv = _csv
