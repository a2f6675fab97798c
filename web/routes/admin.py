"""System administration (系统管理) for ADMIN: units, staff, API keys, the working calendar.

The screens only collect input and show refusals; resolvers/admin.py and resolvers/auth.py
decide what an admin may do.
"""

from __future__ import annotations

import functools
from collections.abc import Awaitable, Callable
from typing import Any

from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from resolvers import admin
from resolvers.audit import PAGE as AUDIT_PAGE
from resolvers.audit import audit_entries
from resolvers.auth import create_api_key, revoke_api_key
from web.session import clock, render, staff
from workflow.actors import Actor
from workflow.enums import ApiClientKind, UnitKind
from workflow.errors import ErrorCode, WorkflowError, invalid

# API field names → the admin forms' field names.
FIELDS = {
    "parentId": "parent_id",
    "unitId": "unit_id",
    "displayName": "display_name",
    "userId": "user_id",
    "grantId": "grant_id",
}


def _see_other(url: str) -> Response:
    return RedirectResponse(url, status_code=303)


def _field(exc: WorkflowError) -> str:
    name = exc.field or "_form"
    return FIELDS.get(name, name)


def _status(exc: WorkflowError) -> int:
    return 403 if exc.code is ErrorCode.NOT_ALLOWED else 422


def _text(form: FormData, name: str) -> str:
    return str(form.get(name, "")).strip()


def _int(form: FormData, name: str, field: str) -> int:
    raw = _text(form, name)
    if not raw.isdigit():
        raise invalid(field, "请选择")
    return int(raw)


AdminHandler = Callable[[Request, Actor], Awaitable[Response]]


def admin_only(handler: AdminHandler) -> Callable[[Request], Awaitable[Response]]:
    """Every administration route: a signed-in ADMIN, or a 403 page."""

    @functools.wraps(handler)
    async def endpoint(request: Request) -> Response:
        actor = await staff(request)
        try:
            admin.require_admin(actor)
        except WorkflowError:
            return render(request, "admin_forbidden.html", {}, 403)
        return await handler(request, actor)

    return endpoint


def _page(
    request: Request, name: str, tab: str, context: dict[str, Any], status: int = 200
) -> Response:
    ctx = {"tab": tab, "errors": {}, "v": {}, **context}
    return render(request, name, ctx, status)


# Units ----------------------------------------------------------------------------------


async def _units_context(actor: Actor) -> dict[str, Any]:
    units = await admin.reachable_units(actor)
    by_id = {u.id: u for u in units}
    parents = [u for u in units if UnitKind(u.kind) in admin.CHILD_KINDS]
    return {
        "units": units,
        "depth": admin.unit_depths(units),
        "by_id": by_id,
        "parents": parents,
        "child_kinds": {u.id: admin.CHILD_KINDS[UnitKind(u.kind)] for u in parents},
        "all_child_kinds": sorted({k for ks in admin.CHILD_KINDS.values() for k in ks}),
    }


@admin_only
async def units_page(request: Request, actor: Actor) -> Response:
    return _page(request, "admin_units.html", "units", await _units_context(actor))


@admin_only
async def units_create(request: Request, actor: Actor) -> Response:
    form = await request.form()
    values = {k: _text(form, k) for k in ("parent_id", "kind", "code", "name")}
    try:
        parent_id = _int(form, "parent_id", "parentId")
        try:
            kind = UnitKind(values["kind"])
        except ValueError:
            raise invalid("kind", "请选择单位类型") from None
        await admin.create_unit(
            actor, parent_id, kind, values["code"], values["name"], clock(request)
        )
    except WorkflowError as exc:
        ctx = {**await _units_context(actor), "errors": {_field(exc): exc.message}, "v": values}
        return _page(request, "admin_units.html", "units", ctx, _status(exc))
    return _see_other("/admin/units")


# API keys -----------------------------------------------------------------------------


async def _keys_context(actor: Actor) -> dict[str, Any]:
    return {
        "keys": await admin.list_api_keys(actor),
        "units": await admin.reachable_units(actor),
        "kinds": list(ApiClientKind),
    }


@admin_only
async def keys_page(request: Request, actor: Actor) -> Response:
    return _page(request, "admin_keys.html", "keys", await _keys_context(actor))


@admin_only
async def keys_create(request: Request, actor: Actor) -> Response:
    form = await request.form()
    values = {k: _text(form, k) for k in ("name", "unit_id", "client_kind")}
    try:
        unit_id = _int(form, "unit_id", "unitId")
        try:
            kind = ApiClientKind(values["client_kind"])
        except ValueError:
            raise invalid("clientKind", "请选择客户端类型") from None
        made = await create_api_key(actor, values["name"], unit_id, kind, clock(request))
    except WorkflowError as exc:
        field = "unit_id" if exc.code is ErrorCode.NOT_ALLOWED else _field(exc)
        if field == "clientKind":
            field = "client_kind"
        ctx = {**await _keys_context(actor), "errors": {field: exc.message}, "v": values}
        return _page(request, "admin_keys.html", "keys", ctx, _status(exc))
    # The one exception to 303-after-POST: the secret exists only in this response, so it is
    # shown here once and must not be cached or re-fetchable.
    response = _page(
        request,
        "admin_key_created.html",
        "keys",
        {"key": made.key, "secret": made.secret, "unit": await made.key.unit},
    )
    response.headers["Cache-Control"] = "no-store"
    return response


@admin_only
async def keys_revoke(request: Request, actor: Actor) -> Response:
    try:
        await revoke_api_key(actor, int(request.path_params["key_id"]), clock(request))
    except WorkflowError as exc:
        ctx = {**await _keys_context(actor), "errors": {"_form": exc.message}}
        return _page(request, "admin_keys.html", "keys", ctx, _status(exc))
    return _see_other("/admin/keys")


# Calendar -----------------------------------------------------------------------------


async def _calendar_context(actor: Actor) -> dict[str, Any]:
    return {
        "years": await admin.calendar_years(actor),
        "may_change": admin.may_change_calendar(actor),
    }


@admin_only
async def calendar_page(request: Request, actor: Actor) -> Response:
    return _page(request, "admin_calendar.html", "calendar", await _calendar_context(actor))


@admin_only
async def calendar_add(request: Request, actor: Actor) -> Response:
    form = await request.form()
    values = {k: _text(form, k) for k in ("day", "is_working", "name")}
    try:
        if values["is_working"] not in ("1", "0"):
            raise invalid("is_working", "请选择上班或休息")
        await admin.change_calendar(
            actor, values["day"], values["is_working"] == "1", values["name"], clock(request)
        )
    except WorkflowError as exc:
        errors = {_field(exc): exc.message}
        ctx = {**await _calendar_context(actor), "errors": errors, "v": values}
        return _page(request, "admin_calendar.html", "calendar", ctx, _status(exc))
    return _see_other("/admin/calendar")


@admin_only
async def calendar_delete(request: Request, actor: Actor) -> Response:
    try:
        await admin.delete_calendar_override(
            actor, int(request.path_params["override_id"]), clock(request)
        )
    except WorkflowError as exc:
        ctx = {**await _calendar_context(actor), "errors": {"_form": exc.message}}
        return _page(request, "admin_calendar.html", "calendar", ctx, _status(exc))
    return _see_other("/admin/calendar")


@admin_only
async def admin_home(request: Request, actor: Actor) -> Response:
    return _see_other("/admin/units")


# The record ------------------------------------------------------------------------------


@admin_only
async def audit_page(request: Request, actor: Actor) -> Response:
    raw = request.query_params.get("before", "")
    before = int(raw) if raw.isdigit() and len(raw) < 19 else None
    entries = await audit_entries(actor, before)
    more = entries[-1].id if len(entries) == AUDIT_PAGE else None
    return _page(request, "admin_audit.html", "audit", {"entries": entries, "more": more})


routes = [
    Route("/admin", admin_home, methods=["GET"]),
    Route("/admin/units", units_page, methods=["GET"]),
    Route("/admin/units", units_create, methods=["POST"]),
    Route("/admin/keys", keys_page, methods=["GET"]),
    Route("/admin/keys", keys_create, methods=["POST"]),
    Route("/admin/keys/{key_id:int}/revoke", keys_revoke, methods=["POST"]),
    Route("/admin/calendar", calendar_page, methods=["GET"]),
    Route("/admin/calendar", calendar_add, methods=["POST"]),
    Route("/admin/calendar/{override_id:int}/delete", calendar_delete, methods=["POST"]),
    Route("/admin/audit", audit_page, methods=["GET"]),
]
