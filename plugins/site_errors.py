"""Error pages in Dutch, and fast: Datasette's own handler prints a rich traceback with
every local variable for each 404 or bad query (0.3-1.8 s a page) and answers in English.
Known Datasette and SQLite messages are said in Dutch, with the right status (a sort by an
unknown column is the visitor's mistake: 400, not 500); anything else keeps its text."""

from __future__ import annotations

import re
import sys
import traceback

from datasette import hookimpl
from datasette.utils.asgi import Base400, Response
from datasette.views.base import DatasetteError

# (pattern on the original message, Dutch text with {0} for the first group, status)
MESSAGES = [
    (r"Database not found", "Deze databank bestaat niet.", 404),
    (r"Table not found", "Deze tabel bestaat niet.", 404),
    (r"Record not found", "Deze rij bestaat niet.", 404),
    (r"No data", "Hier zijn geen gegevens.", 404),
    (r"Statement must be a SELECT", "Alleen vragen die met SELECT beginnen kunnen: de databank is alleen-lezen.", 400),
    (r"_size must be <= (\d+)", "Er passen hoogstens {0} rijen op een pagina (_size).", 400),
    (r"_size must be a positive integer", "_size moet een positief geheel getal zijn.", 400),
    (r"Cannot use _sort and _sort_desc", "Sorteer op één manier: _sort of _sort_desc, niet allebei.", 400),
    (r"Cannot sort table by (.+)", "Sorteren op ‘{0}’ kan niet: die kolom bestaat niet.", 400),
    (r"_(?:no)?col=(.+) - invalid columns", "Deze kolommen bestaan niet: {0}.", 400),
    (r"Cannot search by that column", "In die kolom kan niet gezocht worden.", 400),
    (r"_facet= is not allowed|_where= is not allowed", "Dat mag hier niet.", 403),
    (r"fts5: syntax error near (.*)|unterminated string|fts5: ",
     "De zoekvraag kon niet gelezen worden. Zoek op woorden; zet een woordgroep tussen twee aanhalingstekens.", 400),
    (r"SQL query took too long", "De vraag duurde te lang en is afgebroken (de grens is {limit} seconden).", 400),
    (r"result too big: above (\d+) MB",
     "De uitkomst is te groot om te tonen (meer dan {0} MB tekst of blobs); vraag minder rijen of kortere waarden.",
     400),
    (r"string or blob too big|user-defined function raised exception",
     "De uitkomst is te groot om te maken (een tekst, blob of breedte boven de grens).", 400),
    (r"no such column: (.+)", "Kolom ‘{0}’ bestaat niet.", 400),
    (r"no such table: (.+)", "Tabel ‘{0}’ bestaat niet.", 400),
    (r"no such function: (.+)", "De functie ‘{0}’ bestaat hier niet.", 400),
    (r'near "(.+)": syntax error', "Fout in de SQL bij ‘{0}’.", 400),
    (r"incomplete input", "De SQL-vraag is niet af.", 400),
    (r"Python int too large|integer overflow", "Dat getal is te groot.", 400),
    (r"Invalid _through", "Deze waarde van _through kan niet: er is geen verwijzing tussen die tabellen.", 400),
    (r"You do not have permission|Permission denied", "Daarvoor heeft u geen toegang.", 403),
    (r"readonly database|Database is immutable", "De databank is alleen-lezen.", 400),
]
TITLES = {400: "Dat lukte niet", 403: "Geen toegang", 404: "Niet gevonden", 500: "Er ging iets mis"}


def dutch(message: str, status: int, limit_s: float) -> tuple[str, int, str | None]:
    """(Dutch text, status, the original text when no translation is known)."""
    for pattern, text, code in MESSAGES:
        m = re.search(pattern, message)
        if m:
            first = next((g for g in m.groups() if g), "") if m.groups() else ""
            return text.format(first, limit=f"{limit_s:g}".replace(".", ",")), code, None
    if status == 404:
        return message or "Deze pagina bestaat niet.", status, None
    if status >= 500:
        return "Er ging iets mis bij het maken van deze pagina.", status, message
    return message, status, None


@hookimpl
def extra_template_vars(datasette):
    # query.html shows SQLite's own message for a query that fails
    limit = datasette.setting("sql_time_limit_ms") / 1000
    return {"dutch_error": lambda message: dutch(str(message), 400, limit)[0]}


@hookimpl(hookwrapper=True)
def handle_exception(datasette, request, exception):
    # Datasette calls every handler and uses the first answer, but its own handler prints
    # a rich traceback with all locals when its answer is made: ours replaces the answers
    # before any is made.
    outcome = yield
    outcome.force_result([error_page(datasette, request, exception)])


def error_page(datasette, request, exception):
    if isinstance(exception, Base400):
        status, message = exception.status, str(exception.args[0] if exception.args else "")
    elif isinstance(exception, DatasetteError):
        status, message = exception.status, exception.message
    elif isinstance(exception, MemoryError):  # SQLite's heap limit (site_limits.HEAP_LIMIT)
        status, message = 400, "string or blob too big"
    else:
        status, message = 500, str(exception)
        traceback.print_exception(exception, file=sys.stderr)
    plain = re.sub(r"<[^>]+>", " ", str(message))  # DatasetteError's own HTML (the time limit)
    text, status, detail = dutch(plain, status, datasette.setting("sql_time_limit_ms") / 1000)
    title = TITLES.get(status, f"Fout {status}")
    if request.path.endswith(".json") or request.url_vars.get("format") == "json":
        return Response.json({"ok": False, "error": text, "status": status, "title": title, "detail": detail},
                             status=status)

    async def page():
        html = await datasette.render_template(
            "error.html", {"error": text, "status": status, "title": title, "detail": detail}, request=request)
        return Response.html(html, status=status)

    return page
