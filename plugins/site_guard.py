"""What every answer goes through on its way out.

- Content-Security-Policy on every answer: scripts only from the site itself (no inline
  script; JSON-LD is data, not script), no plugins, no framing, forms only to the site.
"""

from __future__ import annotations

from datasette import hookimpl

CSP = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
       "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; "
       "form-action 'self'")


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
    def wrap(app):
        async def guarded_app(scope, receive, send):
            if scope["type"] != "http":
                return await app(scope, receive, send)
            await app(scope, receive, with_csp(send))
        return guarded_app
    return wrap
