"""What every request goes through before Datasette sees it, and every answer after.

- Methods: GET and HEAD everywhere (POST only on Datasette's own /-/logout and
  /-/messages forms); anything else is 405 with an Allow header. Datasette answered TRACE
  and unknown methods with 500, and plugin routes answered any method.
- Malformed parameters: `_facet*` and `_through` JSON, `_timelimit`, `_shape`: 400 with
  a Dutch message (Datasette answered 500, or in English).
- Slow queries do not starve other pages: arbitrary SQL and canned queries share
  SQL_SLOTS at a time (of the server's SQL threads, see ingest/publish/web.py), waiting in
  line up to WAIT_S; with MAX_WAITING in line, or after waiting, 503. Table, row and the
  site's own pages never wait for them.
- Content-Security-Policy on every answer: scripts only from the site itself (no inline
  script; JSON-LD is data, not script), no plugins, no framing, forms only to the site.
"""

from __future__ import annotations

import asyncio
import json
import re
from urllib.parse import parse_qsl

from datasette import hookimpl
from datasette.utils.asgi import Request, Response

from ingest.publish.web import wants_json

ALLOWED = ("GET", "HEAD")
POST_PATHS = {"/-/logout", "/-/messages"}  # Datasette's own forms (with CSRF protection)
CSP = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
       "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; "
       "form-action 'self'")
SHAPES = ("arrays", "objects", "array", "object", "arrayfirst")  # Datasette's JSON shapes
SQL_SLOTS = 2  # arbitrary SQL and canned queries running at once
MAX_WAITING = 16  # in line for a slot; more are sent away at once
WAIT_S = 30.0
_FORMAT = re.compile(r"\.[a-z]+$")  # .json, .csv


def allowed_methods(path: str) -> tuple[str, ...]:
    return (*ALLOWED, "POST") if path in POST_PATHS else ALLOWED


def malformed(query_string: str) -> str | None:
    """A Dutch message for the first malformed parameter, or None."""
    for key, value in parse_qsl(query_string, keep_blank_values=True):
        if key.startswith("_facet") and value.startswith("{"):
            config = _json(value)
            if not (isinstance(config, dict) and isinstance(config.get("simple"), str)):
                return (f"De parameter {key} is geen geldige indeling: geef een kolomnaam, of JSON als "
                        '{"simple": "kolom"}.')
        elif key == "_through":
            through = _json(value)
            if not (isinstance(through, dict) and {"table", "column", "value"} <= set(through)
                    and isinstance(through["table"], str) and isinstance(through["column"], str)):
                return ('De parameter _through is geen geldige JSON: geef {"table": "tabel", '
                        '"column": "kolom", "value": "waarde"}.')
        elif key == "_timelimit" and value and not value.isdigit():
            return "De parameter _timelimit moet een geheel aantal milliseconden zijn."
        elif key == "_shape" and value not in SHAPES:
            return f"De parameter _shape kan zijn: {', '.join(SHAPES[:-1])} of {SHAPES[-1]}."
    return None


def _json(value: str):
    try:
        return json.loads(value)
    except ValueError:
        return None


def runs_user_sql(datasette, path: str, args: dict) -> bool:
    """Arbitrary SQL (/db?sql=) or a canned query (/db/name): the requests that may take
    the whole time limit, once per statement."""
    parts = _FORMAT.sub("", path).strip("/").split("/")
    if not parts or parts[0] not in datasette.databases or parts[0] == "_internal":
        return False
    if len(parts) == 1:
        return bool(args.get("sql"))
    queries = datasette.metadata("queries", database=parts[0]) or {}
    return len(parts) == 2 and parts[1] in queries


async def refuse(datasette, scope, receive, send, status: int, text: str, headers: dict | None = None):
    """The site's error page (error.html), or JSON for .json URLs and JSON requests."""
    request = Request(dict(scope, csrftoken=lambda: ""), receive)  # before Datasette's CSRF layer
    title = {405: "Methode niet toegestaan", 400: "Dat lukte niet", 503: "Even te druk"}[status]
    if request.path.endswith(".json") or wants_json(request):
        response = Response.json({"ok": False, "error": text, "status": status, "title": title, "detail": None},
                                 status=status)
    else:
        html = await datasette.render_template(
            "error.html", {"error": text, "status": status, "title": title, "detail": None}, request=request)
        response = Response.html(html, status=status)
    response.headers.update(headers or {})
    await response.asgi_send(send)


class Line:
    """SQL_SLOTS at a time; at most MAX_WAITING waiting, each at most WAIT_S."""

    def __init__(self):
        self.slots: asyncio.Semaphore | None = None
        self.waiting = 0

    async def enter(self) -> bool:
        if self.slots is None:
            self.slots = asyncio.Semaphore(SQL_SLOTS)
        if self.slots.locked() and self.waiting >= MAX_WAITING:
            return False
        self.waiting += 1
        try:
            await asyncio.wait_for(self.slots.acquire(), WAIT_S)
            return True
        except asyncio.TimeoutError:
            return False
        finally:
            self.waiting -= 1

    def leave(self):
        self.slots.release()


def with_csp(send):
    async def send_with_csp(message):
        if message["type"] == "http.response.start":
            headers = [(k, v) for k, v in message.get("headers", []) if k.lower() != b"content-security-policy"]
            headers += [(b"content-security-policy", CSP.encode()), (b"x-content-type-options", b"nosniff")]
            message = dict(message, headers=headers)
        await send(message)
    return send_with_csp


@hookimpl
def asgi_wrapper(datasette):
    line = Line()

    def wrap(app):
        async def guarded_app(scope, receive, send):
            if scope["type"] != "http":
                return await app(scope, receive, send)
            send = with_csp(send)
            path, method = scope["path"], scope["method"]
            allowed = allowed_methods(path)
            if method not in allowed:
                return await refuse(datasette, scope, receive, send, 405,
                                    f"De methode {method[:20]} kan hier niet; deze pagina kent alleen "
                                    f"{', '.join(allowed[:-1])} en {allowed[-1]}.", {"allow": ", ".join(allowed)})
            query_string = scope.get("query_string", b"").decode("latin-1")
            problem = malformed(query_string)
            if problem:
                return await refuse(datasette, scope, receive, send, 400, problem)
            if not runs_user_sql(datasette, path, dict(parse_qsl(query_string))):
                return await app(scope, receive, send)
            if not await line.enter():
                return await refuse(datasette, scope, receive, send, 503,
                                    "Er lopen nu te veel SQL-vragen tegelijk; probeer het over een halve minuut "
                                    "opnieuw. De andere pagina's werken gewoon.", {"retry-after": "30"})
            try:
                await app(scope, receive, send)
            finally:
                line.leave()
        return guarded_app
    return wrap
