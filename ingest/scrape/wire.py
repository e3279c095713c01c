"""The HTTP session under the Fetcher: it leaves redirects to the Fetcher, ignores the
environment, and lets a Watchdog end a response that takes longer than its deadline.

A socket timeout bounds each read, not the whole response: a server that sends one byte
a second, in its headers or its body, never trips it. The Watchdog's timer thread shuts
the socket down when the deadline passes, which makes the blocked read return at once.
"""

from __future__ import annotations

import socket
import threading
from contextvars import ContextVar

import requests
import urllib3
from requests.adapters import HTTPAdapter
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool

_WATCHDOG: ContextVar["Watchdog | None"] = ContextVar("watchdog", default=None)


class Watchdog:
    """While in use (a context manager), shuts down the socket of the response being read
    once `seconds` have passed; `expired` says whether it did."""

    def __init__(self, seconds: float):
        self.seconds, self.expired = seconds, False
        self._lock = threading.Lock()
        self._sock: socket.socket | None = None
        self._timer = threading.Timer(seconds, self._expire)
        self._timer.daemon = True

    def __enter__(self) -> "Watchdog":
        self._token = _WATCHDOG.set(self)
        self._timer.start()
        return self

    def __exit__(self, *exc) -> None:
        self._timer.cancel()
        _WATCHDOG.reset(self._token)
        with self._lock:
            self._sock = None

    def watch(self, sock: socket.socket) -> None:
        with self._lock:
            self._sock = sock
            if self.expired:
                self._shut()

    def _expire(self) -> None:
        with self._lock:
            self.expired = True
            self._shut()

    def _shut(self) -> None:
        if self._sock is not None:
            try:
                self._sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass  # already closed


class _Watched:
    def getresponse(self, *args, **kwargs):
        # Called once the request is sent, before the status line is read: from here on
        # the response is under the watchdog of the Fetcher request in progress, if any.
        watchdog = _WATCHDOG.get()
        if watchdog is not None and self.sock is not None:
            watchdog.watch(self.sock)
        return super().getresponse(*args, **kwargs)


class _HTTPConnection(_Watched, urllib3.connection.HTTPConnection):
    pass


class _HTTPSConnection(_Watched, urllib3.connection.HTTPSConnection):
    pass


class _HTTPPool(HTTPConnectionPool):
    ConnectionCls = _HTTPConnection


class _HTTPSPool(HTTPSConnectionPool):
    ConnectionCls = _HTTPSConnection


class _Adapter(HTTPAdapter):
    def init_poolmanager(self, *args, **kwargs):
        super().init_poolmanager(*args, **kwargs)
        self.poolmanager.pool_classes_by_scheme = {"http": _HTTPPool, "https": _HTTPSPool}


class Session(requests.Session):
    """A session that leaves redirects to Fetcher._follow, ignores the environment, and
    whose connections answer to the Watchdog in use."""

    def __init__(self):
        super().__init__()
        self.trust_env = False  # no proxies, .netrc or CA bundles from the environment
        for scheme in ("http://", "https://"):
            self.mount(scheme, _Adapter())

    def get_redirect_target(self, resp):
        # requests reads the Location of every 3xx even when not following it, and raises
        # ValueError on a bad one; _follow checks each hop itself.
        return None


def cause(error: Exception) -> str:
    """The innermost reason of a requests/urllib3 error, without the object reprs."""
    while error.args and isinstance(error.args[0], Exception):
        error = error.args[0]
    reason = getattr(error, "reason", None)
    return str(reason or error).split(": ", 1)[-1][:200]
