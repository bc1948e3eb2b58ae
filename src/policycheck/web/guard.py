"""The token on every request, and the security headers on every response."""

from __future__ import annotations

import base64
import hashlib
import hmac
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from starlette.requests import Request
from starlette.responses import PlainTextResponse

from policycheck.report.html import FILTER_SCRIPT
from policycheck.web.site import Site

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

TOKEN_HEADER = "x-policycheck-token"
SAFE_METHODS = ("GET", "HEAD")

# Nothing but this server: no remote script, style, font, image or connection, no framing.
PAGE_POLICY = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
               "connect-src 'self'; frame-src 'self'; form-action 'none'; base-uri 'none'; "
               "frame-ancestors 'none'")
_REPORT_HASH = base64.b64encode(hashlib.sha256(FILTER_SCRIPT.encode()).digest()).decode()
# The HTML report as it is downloaded (inline styles, its one script by hash), shown in a frame
# of the page and nowhere else.
REPORT_POLICY = (f"default-src 'none'; style-src 'unsafe-inline'; script-src "
                 f"'sha256-{_REPORT_HASH}'; base-uri 'none'; form-action 'none'; "
                 "frame-ancestors 'self'")
HEADERS: dict[str, str] = {
    "content-security-policy": PAGE_POLICY,
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "referrer-policy": "no-referrer",
    "cache-control": "no-store",  # results quote the policies: keep them out of the disk cache
    "cross-origin-opener-policy": "same-origin",
    "cross-origin-resource-policy": "same-origin",
}
FORBIDDEN = ("Forbidden: open the address that 'policycheck serve' printed; it carries this "
             "server's token.\n")


def valid(given: str | None, token: str) -> bool:
    """The token, compared in constant time."""
    return given is not None and hmac.compare_digest(given.encode(), token.encode())


class Guard:
    """Every request needs this server's host name and token; every response the headers.

    The token comes as `?token=` (the first page load), the cookie the page sets, or the
    header. A request that changes something needs the header, which only the page's own
    script can send, and no foreign Origin: another tab or site cannot forge one.
    """

    def __init__(self, app: ASGIApp, site: Site) -> None:
        self.app = app
        self.site = site

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "lifespan":
            await self.app(scope, receive, send)
            return
        if scope["type"] != "http":  # no websockets here
            await send({"type": "websocket.close", "code": 1008})
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                have = {name.lower() for name, _ in message.get("headers", [])}
                extra = [(k.encode(), v.encode()) for k, v in HEADERS.items()
                         if k.encode() not in have]
                message["headers"] = [*message.get("headers", []), *extra]
            await send(message)

        if not self.allowed(Request(scope)):
            await PlainTextResponse(FORBIDDEN, 403)(scope, receive, send_with_headers)
            return
        await self.app(scope, receive, send_with_headers)

    def allowed(self, request: Request) -> bool:
        """Our host name (no DNS rebinding), the token, and for changes the header."""
        site = self.site
        if request.headers.get("host", "") not in site.hosts:
            return False
        header = request.headers.get(TOKEN_HEADER)
        if request.method not in SAFE_METHODS:
            origin = request.headers.get("origin")
            if origin is not None and origin.removeprefix("http://") not in site.hosts:
                return False
            return valid(header, site.token)
        given = header or request.cookies.get(site.cookie) or request.query_params.get("token")
        return valid(given, site.token)
