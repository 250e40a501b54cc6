"""Serving the list pages without writing list links into the access log."""

import logging
from typing import Any

from aiohttp import web
from aiohttp.abc import AbstractAccessLogger
from aiohttp.http_exceptions import HttpProcessingError

logger = logging.getLogger(__name__)

UNMATCHED = "unmatched"

# Any other method is logged as OTHER: a client may put anything there, a list token too.
KNOWN_METHODS = frozenset(
    {"GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS", "PATCH", "CONNECT", "TRACE"}
)


def _route_of(request: web.BaseRequest) -> str:
    # A request that aiohttp could not parse never reached the router, and reading its
    # match_info raises (an assert in aiohttp 3) instead of answering None.
    try:
        resource = request.match_info.route.resource
    except Exception:
        return UNMATCHED
    return UNMATCHED if resource is None else resource.canonical


def _method_of(request: web.BaseRequest) -> str:
    try:
        method = request.method
    except Exception:
        return "OTHER"
    return method if method in KNOWN_METHODS else "OTHER"


class RouteAccessLogger(AbstractAccessLogger):
    """Logs each request by its route pattern (`/l/{token}`), never the address with the token.

    Any request at all, a malformed one included, gives one line and never an exception.
    """

    def log(self, request: web.BaseRequest, response: web.StreamResponse, time: float) -> None:
        try:
            status = response.status
        except Exception:
            status = 0
        self.logger.info(
            "%s %s %d %.1f ms", _method_of(request), _route_of(request), status, time * 1000.0
        )


class RequestErrorLog(logging.LoggerAdapter):
    """aiohttp's request handler log, where a malformed request is one short line.

    aiohttp logs each request it cannot parse with a traceback, and its parse errors quote the
    offending request line, which may hold a list token: only the error's name and status stay.
    """

    def log(self, level: int, msg: object, *args: object, **kwargs: Any) -> None:
        error = kwargs.get("exc_info")
        if isinstance(error, HttpProcessingError):
            self.logger.debug(
                "malformed request answered %d: %s", error.code, type(error).__name__
            )
            return
        super().log(level, msg, *args, **kwargs)


async def start_list_server(app: web.Application, host: str, port: int) -> web.AppRunner:
    """Serve `app` on host:port; call `await runner.cleanup()` to stop."""
    runner = web.AppRunner(
        app,
        access_log_class=RouteAccessLogger,
        logger=RequestErrorLog(logging.getLogger("aiohttp.server")),
    )
    await runner.setup()
    site = web.TCPSite(runner, host, port)
    await site.start()
    logger.info("list pages listening on %s:%d", host, port)
    return runner
