"""CSRF protection for the staff screens: a double-submit token.

Every page sets a random `qingsu_csrf` cookie; every state-changing request must echo it in
the `X-CSRF-Token` header (htmx sends it from `hx-headers` on <body>) or in a `csrf_token`
form field. A cross-site page can make the browser send the cookie but cannot read it.
"""

from __future__ import annotations

import hmac
import secrets
from urllib.parse import parse_qs

from starlette.middleware.base import BaseHTTPMiddleware, RequestResponseEndpoint
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response

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


async def _form_token(request: Request) -> str:
    """The `csrf_token` field of a form posted without htmx (htmx sends the header)."""
    content_type = request.headers.get("content-type", "")
    if content_type.startswith("application/x-www-form-urlencoded"):
        form = parse_qs((await request.body()).decode("utf-8", "replace"))
        return (form.get("csrf_token") or [""])[0]
    if content_type.startswith("multipart/form-data"):
        # A form with files: read it whole (web/guards.py bounds it) so the route still
        # receives the body after us.
        await request.body()
        multipart = await request.form()
        try:
            token = multipart.get("csrf_token")
            return token if isinstance(token, str) else ""
        finally:
            await multipart.close()
    return ""


class CSRFMiddleware(BaseHTTPMiddleware):
    async def dispatch(self, request: Request, call_next: RequestResponseEndpoint) -> Response:
        if request.method not in SAFE and not request.url.path.startswith(EXEMPT_PREFIXES):
            cookie = request.cookies.get(COOKIE, "")
            sent = request.headers.get("x-csrf-token", "")
            if not sent:
                sent = await _form_token(request)
            if not cookie or not sent or not hmac.compare_digest(cookie, sent):
                return PlainTextResponse("请求已失效，请刷新页面后重试（CSRF）", status_code=403)
        response = await call_next(request)
        token = getattr(request.state, "csrf", None)
        if token and request.cookies.get(COOKIE) != token:
            response.set_cookie(
                COOKIE,
                token,
                httponly=True,
                samesite="strict",
                secure=request.url.scheme == "https",
            )
        return response
