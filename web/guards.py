"""HTTP-level guards around the whole app: body size, response headers, outages, access logs.

Pure ASGI middleware (not BaseHTTPMiddleware): they see every request, GraphQL included, and
do not buffer responses.
"""

from __future__ import annotations

import json
import logging
from typing import Any

from starlette.datastructures import MutableHeaders
from starlette.responses import HTMLResponse, JSONResponse, PlainTextResponse, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from resolvers.health import RETRY_AFTER_SECONDS, is_outage, note_outage

# Self only: no inline scripts or styles, no eval, no framing, forms post here only.
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
    "frame-ancestors 'none'"
)
SECURITY_HEADERS = {
    "content-security-policy": CSP,
    "x-frame-options": "DENY",
    "x-content-type-options": "nosniff",
    "referrer-policy": "same-origin",
}


class BodyLimitMiddleware:
    """Refuses a body above `max_bytes` with 413, whether it announces its length or not.
    File uploads (multipart/form-data: photos, documents) have their own, larger limit."""

    def __init__(self, app: ASGIApp, max_bytes: int, max_upload_bytes: int | None = None) -> None:
        self.app = app
        self.max_bytes = max_bytes
        self.max_upload_bytes = max_upload_bytes if max_upload_bytes is not None else max_bytes

    def _limit(self, scope: Scope) -> int:
        for name, value in scope["headers"]:
            if name == b"content-type" and value.startswith(b"multipart/form-data"):
                return self.max_upload_bytes
        return self.max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self._limit(scope)
        for name, value in scope["headers"]:
            if name == b"content-length":
                if not value.isdigit() or int(value) > limit:
                    await _too_large(scope, receive, send)
                    return
        seen = 0
        refused = False

        async def limited_receive() -> Message:
            nonlocal seen, refused
            if refused:
                return {"type": "http.disconnect"}
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > limit:
                    # Answer now; the app then sees a client that went away.
                    refused = True
                    await _too_large(scope, receive, send)
                    return {"type": "http.disconnect"}
            return message

        async def guarded_send(message: Message) -> None:
            if not refused:
                await send(message)

        try:
            await self.app(scope, limited_receive, guarded_send)
        except Exception:
            if not refused:  # the app's own failure; ours was answered already
                raise


async def _too_large(scope: Scope, receive: Receive, send: Send) -> None:
    response = PlainTextResponse("请求体过大", status_code=413, headers={"Connection": "close"})
    await response(scope, receive, send)


class SecurityHeadersMiddleware:
    """Every response: the CSP and friends. Pages and API answers are not cached anywhere
    (they carry personal data); only static assets may set their own caching."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        static = scope["path"].startswith("/static/")

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in SECURITY_HEADERS.items():
                    headers.setdefault(name, value)
                if not static and "no-store" not in headers.get("cache-control", ""):
                    headers["cache-control"] = "no-store"  # a stricter one of its own is kept
            await send(message)

        await self.app(scope, receive, with_headers)


class OutageMiddleware:
    """A request that meets an unreachable database answers 503 with `Retry-After` (JSON for
    the API, a short page for people) instead of a 500 and a traceback."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def tracking_send(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, receive, tracking_send)
        except Exception as exc:
            if started or not is_outage(exc):
                raise
            note_outage(exc)
            await unavailable_response(scope["path"])(scope, receive, send)


def unavailable_response(path: str) -> Response:
    headers = {"Retry-After": str(RETRY_AFTER_SECONDS)}
    message = "数据库暂时不可用，请稍后重试"
    if path.startswith("/graphql"):
        body = {
            "data": None,
            "errors": [
                {
                    "message": message,
                    "extensions": {
                        "code": "UNAVAILABLE",
                        "retryAfterSeconds": RETRY_AFTER_SECONDS,
                    },
                }
            ],
        }
        return JSONResponse(body, status_code=503, headers=headers)
    return HTMLResponse(f"<p>{message}</p>", status_code=503, headers=headers)


def graphql_error(status: int, message: str, code: str) -> Response:
    body = {"data": None, "errors": [{"message": message, "extensions": {"code": code}}]}
    return JSONResponse(body, status_code=status)


class RedactQueryStrings(logging.Filter):
    """uvicorn's access log prints the full URL; query strings may carry phones and names
    (`?phone=…`, GraphQL GETs). Keep the path only."""

    def filter(self, record: logging.LogRecord) -> bool:
        args = record.args
        if isinstance(args, tuple) and len(args) >= 3 and isinstance(args[2], str):
            path = args[2]
            if "?" in path:
                record.args = (*args[:2], path.split("?", 1)[0] + "?…", *args[3:])
        return True


def install_access_log_redaction() -> None:
    access = logging.getLogger("uvicorn.access")
    if not any(isinstance(f, RedactQueryStrings) for f in access.filters):
        access.addFilter(RedactQueryStrings())


def json_problem(value: Any, limit: int) -> str | None:
    """Nesting deeper than `limit`, or strings no database can store (lone surrogates, NUL).
    Iteratively, so that a hostile document cannot exhaust the stack while being checked."""
    stack: list[tuple[Any, int]] = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, str):
            if "\x00" in item or _has_surrogate(item):
                return "请求含有无法保存的字符（空字符或孤立代理项）"
        elif isinstance(item, dict | list):
            if depth > limit:
                return "JSON 嵌套过深"
            if isinstance(item, dict):
                stack.extend((key, depth) for key in item)
                stack.extend((child, depth + 1) for child in item.values())
            else:
                stack.extend((child, depth + 1) for child in item)
    return None


def _has_surrogate(text: str) -> bool:
    if text.isascii():
        return False
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def decode_json_body(data: str | bytes, max_depth: int) -> object:
    """JSON for the API: valid UTF-8, bounded nesting. Raises ValueError for the client."""
    try:
        text = data.decode("utf-8") if isinstance(data, bytes) else data
        value = json.loads(text)
    except UnicodeDecodeError:
        raise ValueError("请求体不是合法的 UTF-8") from None
    except RecursionError:
        raise ValueError("JSON 嵌套过深") from None
    problem = json_problem(value, max_depth)
    if problem:
        raise ValueError(problem)
    return value
