"""Who is looking at a page: the staff session from the cookie, or a redirect to login."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

import settings
from resolvers.auth import actor_from_bearer, actor_from_session
from web.csrf import csrf_token
from web.labels import LABELS
from web.templating import templates
from workflow.actors import Actor
from workflow.analysis import may_analyse
from workflow.campaigns import may_manage_campaign
from workflow.reach import may_use_explorer
from workflow.transitions import may_submit


class LoginRequired(Exception):
    """Raised by `staff()`; the app turns it into a redirect (or HX-Redirect) to /login."""


class PasswordChangeRequired(LoginRequired):
    """A user whose password an admin reset: every page sends them to /password first."""


def clock(request: Request) -> datetime:
    now: datetime = request.app.state.clock()
    return now


async def staff(request: Request, *, password_change: bool = False) -> Actor:
    """The signed-in staff member. Only the password page passes `password_change`: a user
    whose password an admin reset reaches nothing else."""
    token = request.cookies.get(settings.SESSION_COOKIE)
    actor = await actor_from_session(token, clock(request)) if token else None
    if actor is None or actor.is_machine:
        raise LoginRequired()
    request.state.actor = actor
    if actor.must_change_password and not password_change:
        raise PasswordChangeRequired()
    return actor


async def authenticate(
    request: Request, now: datetime, *, password_change: bool = False
) -> tuple[Actor | None, str | None]:
    """For GraphQL and file downloads: a bearer credential (API key or session token) wins
    over the browser's cookie. Returns the actor and the session token, if one was used.
    A user who must change the password is refused (PasswordChangeRequired) unless the
    caller is GraphQL (`password_change`), which refuses every operation but the change."""
    header = request.headers.get("authorization", "")
    actor: Actor | None = None
    token: str | None = None
    if header.lower().startswith("bearer "):
        raw = header[7:].strip()
        actor = await actor_from_bearer(raw, now)
        token = raw if actor and not actor.is_machine else None
    elif cookie := request.cookies.get(settings.SESSION_COOKIE):
        actor, token = await actor_from_session(cookie, now), cookie
    if actor is not None and actor.must_change_password and not password_change:
        raise PasswordChangeRequired()
    return actor, token


def login_redirect(request: Request, exc: Exception) -> Response:
    target = "/login?next=" + request.url.path
    if isinstance(exc, PasswordChangeRequired):
        target = "/password"
    if request.headers.get("hx-request"):
        return Response(status_code=204, headers={"HX-Redirect": target})
    return RedirectResponse(target, status_code=303)


def render(
    request: Request, name: str, context: dict[str, Any] | None = None, status_code: int = 200
) -> Response:
    actor = getattr(request.state, "actor", None)
    ctx = {
        "actor": actor,
        # 受理登记 is shown only to those who may take petitions in (never city-level staff).
        "can_intake": actor is not None and may_submit(actor),
        "manages_campaign": actor is not None and may_manage_campaign(actor),
        "sees_analysis": actor is not None and may_analyse(actor),
        "uses_explorer": actor is not None and may_use_explorer(actor),
        "csrf": csrf_token(request),
        "labels": LABELS,
        "now": clock(request),
        **(context or {}),
    }
    response = templates.TemplateResponse(request, name, ctx, status_code=status_code)
    response.headers["Vary"] = "HX-Request, Cookie"
    return response
