"""Login, logout and choosing the unit to act for."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

import settings
from resolvers.auth import (
    change_password,
    grants_of,
    logout,
    switch_unit,
)
from resolvers.ratelimit import LoginThrottle, throttled_login
from web.session import clock, render, staff
from workflow.errors import ErrorCode, WorkflowError


def _safe_next(target: str | None) -> str:
    """Only same-site paths: never redirect a fresh login to another origin."""
    if target and target.startswith("/") and not target.startswith("//"):
        return target
    return "/"


async def login_page(request: Request) -> Response:
    return render(request, "login.html", {"next": request.query_params.get("next", "/")})


async def login_submit(request: Request) -> Response:
    form = await request.form()
    username = str(form.get("username", "")).strip()
    password = str(form.get("password", ""))
    target = _safe_next(str(form.get("next", "/")))
    now = clock(request)
    throttle: LoginThrottle = request.app.state.login_throttle
    address = request.client.host if request.client else "unknown"
    context = {"next": target, "username": username}
    try:
        done = await throttled_login(throttle, username, password, address, now)
    except WorkflowError as exc:
        context["error"] = exc.message
        if exc.code is ErrorCode.TOO_MANY_ATTEMPTS:
            response = render(request, "login.html", context, status_code=429)
            response.headers["Retry-After"] = str(exc.retry_after or 60)
            return response
        return render(request, "login.html", context, status_code=401)
    grants = await grants_of(done.actor.user_id or 0)
    if done.actor.must_change_password:
        goes_to = "/password"
    elif len(grants) > 1:
        goes_to = "/choose-unit?next=" + target
    else:
        goes_to = target
    response = RedirectResponse(goes_to, status_code=303)
    response.set_cookie(
        settings.SESSION_COOKIE,
        done.token,
        httponly=True,
        samesite="lax",
        secure=request.url.scheme == "https",
        max_age=settings.SESSION_TTL_HOURS * 3600,
    )
    return response


async def logout_submit(request: Request) -> Response:
    token = request.cookies.get(settings.SESSION_COOKIE)
    if token:
        await logout(token, clock(request))
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(settings.SESSION_COOKIE)
    return response


async def choose_unit_page(request: Request) -> Response:
    actor = await staff(request)
    grants = await grants_of(actor.user_id or 0)
    return render(
        request,
        "choose_unit.html",
        {"grants": grants, "next": _safe_next(request.query_params.get("next"))},
    )


async def choose_unit_submit(request: Request) -> Response:
    await staff(request)
    form = await request.form()
    token = request.cookies.get(settings.SESSION_COOKIE, "")
    try:
        await switch_unit(token, int(str(form.get("unit_id", "0"))), clock(request))
    except (WorkflowError, ValueError):
        return RedirectResponse("/choose-unit", status_code=303)
    return RedirectResponse(_safe_next(str(form.get("next", "/"))), status_code=303)


# The API's field names → the form's.
PASSWORD_FIELDS = {
    "currentPassword": "current_password",
    "newPassword": "new_password",
    "newPasswordAgain": "new_password_again",
}


async def password_page(request: Request) -> Response:
    actor = await staff(request, password_change=True)
    return render(request, "password.html", {"forced": actor.must_change_password, "errors": {}})


async def password_submit(request: Request) -> Response:
    actor = await staff(request, password_change=True)
    form = await request.form()
    try:
        await change_password(
            actor,
            str(form.get("current_password", "")),
            str(form.get("new_password", "")),
            request.cookies.get(settings.SESSION_COOKIE),
            clock(request),
            repeated=str(form.get("new_password_again", "")),
        )
    except WorkflowError as exc:
        found = exc.fields or [("_form", exc.message)]
        errors = {PASSWORD_FIELDS.get(f, f): m for f, m in found}
        ctx = {"forced": actor.must_change_password, "errors": errors}
        return render(request, "password.html", ctx, status_code=422)
    return RedirectResponse("/", status_code=303)


routes = [
    Route("/login", login_page, methods=["GET"]),
    Route("/login", login_submit, methods=["POST"]),
    Route("/logout", logout_submit, methods=["POST"]),
    Route("/choose-unit", choose_unit_page, methods=["GET"]),
    Route("/choose-unit", choose_unit_submit, methods=["POST"]),
    Route("/password", password_page, methods=["GET"]),
    Route("/password", password_submit, methods=["POST"]),
]
