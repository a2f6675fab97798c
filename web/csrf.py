"""CSRF protection for the staff screens: a double-submit token.

Every page sets a random `qingsu_csrf` cookie; every state-changing request must echo it in
the `X-CSRF-Token` header (htmx sends it from `hx-headers` on <body>) or in a `csrf_token`
form field. A cross-site page can make the browser send the cookie but cannot read it.
"""

from __future__ import annotations

import hmac
import secrets
from urllib.parse import parse_qs

from starlette.datastructures import MutableHeaders
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

import settings

COOKIE = "qingsu_csrf"
SAFE = {"GET", "HEAD", "OPTIONS"}
# The GraphQL endpoint checks its own requests (`graphql_csrf_ok`): bearer clients need no token.
EXEMPT_PREFIXES = ("/graphql",)


def csrf_token(request: Request) -> str:
    """The token for this browser, minted on first sight and kept in request.state."""
    token = getattr(request.state, "csrf", None) or request.cookies.get(COOKIE)
    if not token:
        token = secrets.token_urlsafe(24)
    request.state.csrf = token
    return token


def graphql_csrf_ok(request: Request) -> bool:
    """A GraphQL request authenticated by the session cookie must echo the CSRF token in its
    header, GET included: a link or a cross-site form could otherwise act, or view personal
    data, in the signed-in user's name. Bearer credentials and anonymous calls need nothing
    (a browser never adds a bearer header by itself)."""
    if request.headers.get("authorization", "").lower().startswith("bearer "):
        return True
    if not request.cookies.get(settings.SESSION_COOKIE):
        return True
    cookie = request.cookies.get(COOKIE, "")
    sent = request.headers.get("x-csrf-token", "")
    return bool(cookie and sent and hmac.compare_digest(cookie, sent))


async def _form_token(request: Request) -> tuple[str, bytes | None]:
    """The `csrf_token` field of a form posted without htmx (htmx sends the header), and the
    body read to find it (None when none was read)."""
    content_type = request.headers.get("content-type", "")
    if content_type.startswith("application/x-www-form-urlencoded"):
        body = await request.body()
        form = parse_qs(body.decode("utf-8", "replace"))
        return (form.get("csrf_token") or [""])[0], body
    if content_type.startswith("multipart/form-data"):
        # A form with files: read it whole (web/guards.py bounds it) so that the route can
        # be handed the same body after us.
        body = await request.body()
        multipart = await request.form()
        try:
            token = multipart.get("csrf_token")
            return (token if isinstance(token, str) else ""), body
        finally:
            await multipart.close()
    return "", None


class CSRFMiddleware:
    """Pure ASGI (BaseHTTPMiddleware would run every request, GraphQL included, in a task
    group with a stream per response): refuses a state-changing request without the token,
    and sets the cookie on the response that minted one."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request = Request(scope, receive)
        if request.method not in SAFE and not scope["path"].startswith(EXEMPT_PREFIXES):
            cookie = request.cookies.get(COOKIE, "")
            sent = request.headers.get("x-csrf-token", "")
            if not sent:
                sent, body = await _form_token(request)
                if body is not None:
                    receive = _replaying(body, receive)
            if not cookie or not sent or not hmac.compare_digest(cookie, sent):
                refused = PlainTextResponse("请求已失效，请刷新页面后重试（CSRF）", status_code=403)
                await refused(scope, receive, send)
                return

        async def send_with_cookie(message: Message) -> None:
            if message["type"] == "http.response.start":
                token = getattr(request.state, "csrf", None)
                if token and request.cookies.get(COOKIE) != token:
                    carrier = Response()
                    carrier.set_cookie(
                        COOKIE,
                        token,
                        httponly=True,
                        samesite="strict",
                        secure=request.url.scheme == "https",
                    )
                    headers = MutableHeaders(scope=message)
                    for name, value in carrier.raw_headers:
                        if name == b"set-cookie":
                            headers.append("set-cookie", value.decode("latin-1"))
            await send(message)

        await self.app(scope, receive, send_with_cookie)


def _replaying(body: bytes, receive: Receive) -> Receive:
    """The body this middleware read (for the form's token), handed again to the route."""
    given = False

    async def replay() -> Message:
        nonlocal given
        if not given:
            given = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return replay
