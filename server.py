"""The Starlette application, wired explicitly: routes, lifespan, settings."""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
from collections.abc import AsyncIterator, Callable
from datetime import UTC, datetime
from typing import Any

from cross_web import HTTPException as GraphQLHTTPException
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response
from starlette.routing import Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send
from starlette.websockets import WebSocket
from strawberry.asgi import GraphQL
from strawberry.types.unset import UNSET
from tortoise.contrib.starlette import RegisterTortoise

import settings
import web
from resolvers.catalog import current_copy
from resolvers.health import database_reachable
from resolvers.ratelimit import LoginThrottle
from resolvers.watch import sweep
from schema import build_schema
from schema.context import Context
from web.csrf import CSRFMiddleware, csrf_token, graphql_csrf_ok
from web.guards import (
    BodyLimitMiddleware,
    OutageMiddleware,
    SecurityHeadersMiddleware,
    decode_json_body,
    graphql_error,
    install_access_log_redaction,
)
from web.routes.explorer import graphql_or_explorer
from web.session import LoginRequired, authenticate, login_redirect

log = logging.getLogger("qingsu")
Clock = Callable[[], datetime]


def system_clock() -> datetime:
    return datetime.now(UTC)


class GraphQLApp(GraphQL[Context, None]):
    def __init__(self, clock: Clock, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.clock = clock

    def encode_json(self, data: object) -> str:
        # Chinese as UTF-8 (3 bytes a character), not as \uXXXX escapes (6 bytes).
        return json.dumps(data, ensure_ascii=False, separators=(",", ":"))

    def decode_json(self, data: str | bytes) -> object:
        try:
            return decode_json_body(data, settings.MAX_JSON_DEPTH)
        except json.JSONDecodeError:
            raise
        except ValueError as exc:
            raise GraphQLHTTPException(400, str(exc)) from None

    async def run(
        self,
        request: Request | WebSocket,
        context: Any = UNSET,
        root_value: Any = UNSET,
    ) -> Any:
        """File uploads (multipart) only for authenticated clients: an anonymous caller is
        refused before its body is parsed. (web/guards.py has already bounded the body, and
        GraphQLEndpoint applied the CSRF rule for cookies.)"""
        if isinstance(request, Request) and request.headers.get("content-type", "").startswith(
            "multipart/form-data"
        ):
            now = self.clock()
            actor, token = await authenticate(request, now, password_change=True)
            if actor is None:
                return PlainTextResponse("上传文件须先登录或提供有效的密钥", status_code=401)
            request.state.auth = (now, actor, token)
            try:
                return await super().run(request, context, root_value)
            finally:
                await request.close()  # the uploaded files' temporary copies
        return await super().run(request, context, root_value)

    async def get_context(
        self, request: Request | WebSocket, response: Response | WebSocket | None = None
    ) -> Context:
        assert isinstance(request, Request)
        known = getattr(request.state, "auth", None)
        if known is not None:
            now, actor, token = known
        else:
            now = self.clock()
            actor, token = await authenticate(request, now, password_change=True)
        return Context(
            request=request,
            response=response if isinstance(response, Response) else None,
            actor=actor,
            now=now,
            session_token=token,
            login_throttle=request.app.state.login_throttle,
            catalog=current_copy(),
        )


class GraphQLEndpoint:
    """/graphql as the outside sees it: the explorer for browsers, the CSRF check for cookie
    sessions, and a time limit on every operation."""

    def __init__(self, graphql: GraphQLApp, timeout: float) -> None:
        self.app: ASGIApp = graphql_or_explorer(graphql)
        self.timeout = timeout

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        request = Request(scope, receive)
        if not graphql_csrf_ok(request):
            response = graphql_error(403, "缺少 CSRF 令牌（X-CSRF-Token）", "CSRF")
            await response(scope, receive, send)
            return
        csrf_token(request)  # a cookie client that logs in here gets its token too
        started = False

        async def tracking_send(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            async with asyncio.timeout(self.timeout if self.timeout > 0 else None):
                await self.app(scope, receive, tracking_send)
        except TimeoutError:
            log.warning("GraphQL request over %.1f s: cancelled", self.timeout)
            if not started:
                response = graphql_error(503, "请求处理超时，请缩小查询范围后重试", "TIMEOUT")
                await response(scope, receive, send)


async def healthz(request: Request) -> JSONResponse:
    """The truth about this process: it answers, and whether its database does."""
    ok = await database_reachable()
    body = {"ok": ok, "database": "reachable" if ok else "unreachable"}
    return JSONResponse(body, status_code=200 if ok else 503)


async def _sweep_forever(clock: Clock, every: float) -> None:
    while True:
        await asyncio.sleep(every)
        try:
            log.info("deadline watch: %s", await sweep(clock()))
        except Exception:  # the sweep must outlive one bad run
            log.exception("deadline watch failed")


def create_app(
    db_url: str | None = None,
    clock: Clock = system_clock,
    introspection: bool | str | None = None,
    sweep_every: float | None = None,
    timeout: float | None = None,
) -> Starlette:
    graphql = GraphQLApp(
        clock,
        schema=build_schema(introspection),
        graphql_ide=None,
        allow_queries_via_get=True,
        multipart_uploads_enabled=True,
    )
    every = settings.SWEEP_EVERY_SECONDS if sweep_every is None else sweep_every

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        async with RegisterTortoise(
            app, config=settings.tortoise_config(db_url), _enable_global_fallback=True
        ):
            # Connect now, not on the first request: Tortoise's SQLite client takes its
            # connection lock before it connects and keeps it if that connect is interrupted
            # (a request cancelled by the time limit), after which every statement waits.
            await database_reachable()
            task = asyncio.create_task(_sweep_forever(clock, every)) if every > 0 else None
            try:
                yield
            finally:
                if task:
                    task.cancel()
                    with contextlib.suppress(asyncio.CancelledError):
                        await task
                await app.state.login_throttle.aclose()

    routes = [
        # A browser's GET shows the explorer to signed-in staff; clients get GraphQL.
        Route(
            "/graphql",
            GraphQLEndpoint(
                graphql, settings.GRAPHQL_TIMEOUT_SECONDS if timeout is None else timeout
            ),
            methods=["GET", "POST"],
        ),
        Route("/healthz", healthz),
        *web.routes(),
    ]
    app = Starlette(
        debug=settings.DEBUG,
        routes=routes,
        lifespan=lifespan,
        middleware=[
            Middleware(SecurityHeadersMiddleware),
            Middleware(
                BodyLimitMiddleware,
                max_bytes=settings.MAX_BODY_BYTES,
                max_upload_bytes=settings.ATTACHMENT_MAX_REQUEST_BYTES,
            ),
            Middleware(OutageMiddleware),
            Middleware(CSRFMiddleware),
        ],
        exception_handlers={LoginRequired: login_redirect},
    )
    app.state.clock = clock
    install_access_log_redaction()
    app.state.login_throttle = LoginThrottle()
    return app


def _log_to_stderr() -> None:
    """The server's own lines (the sweep, and the console SMS backend's `SMS to …` lines the
    demo reads its one-time codes from) go to stderr beside uvicorn's, at INFO."""
    if not log.handlers:
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(levelname)s:     %(name)s: %(message)s"))
        log.addHandler(handler)
        log.setLevel(logging.INFO)


def app_factory() -> Starlette:
    """For `uvicorn --factory server:app_factory`."""
    _log_to_stderr()
    return create_app()
