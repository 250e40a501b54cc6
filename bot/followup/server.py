"""Serving the list pages without writing list links into the access log."""

import logging

from aiohttp import web
from aiohttp.abc import AbstractAccessLogger

logger = logging.getLogger(__name__)


class RouteAccessLogger(AbstractAccessLogger):
    """Logs each request by its route pattern (`/l/{token}`), never the address with the token."""

    def log(self, request: web.BaseRequest, response: web.StreamResponse, time: float) -> None:
        route = "unmatched"
        match_info = getattr(request, "match_info", None)
        if match_info is not None and match_info.route.resource is not None:
            route = match_info.route.resource.canonical
        self.logger.info("%s %s %d %.1f ms", request.method, route, response.status, time * 1000.0)


async def start_list_server(app: web.Application, host: str, port: int) -> web.AppRunner:
    """Serve `app` on host:port; call `await runner.cleanup()` to stop."""
    runner = web.AppRunner(app, access_log_class=RouteAccessLogger)
    await runner.setup()
    site = web.TCPSite(runner, host, port)
    await site.start()
    logger.info("list pages listening on %s:%d", host, port)
    return runner
