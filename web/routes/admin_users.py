"""人员与岗位 at city scale: a paged, searchable list, each user's own page (grants, deactivate,
reset password) and the unit picker's search. resolvers/staff_accounts.py and
resolvers/admin.py decide; these routes collect input and show the answers."""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from resolvers import admin, staff_accounts
from web.routes.admin import _field, _int, _page, _see_other, _status, _text, admin_only
from web.session import clock, render
from workflow.actors import Actor
from workflow.enums import Role
from workflow.errors import WorkflowError, invalid
from workflow.reach import grantable_roles


def _number(request: Request, name: str, default: int) -> int:
    raw = request.query_params.get(name, "")
    return int(raw) if raw.isdigit() and len(raw) < 7 else default


async def _list_context(request: Request, actor: Actor) -> dict[str, Any]:
    params = request.query_params
    found = await staff_accounts.list_staff(
        actor,
        params.get("q", ""),
        params.get("status", ""),
        _number(request, "page", 1),
        _number(request, "size", staff_accounts.PAGE_SIZE),
    )
    return {
        "found": found,
        "sizes": staff_accounts.PAGE_SIZES,
        "roles": grantable_roles(actor),
    }


@admin_only
async def users_page(request: Request, actor: Actor) -> Response:
    return _page(request, "admin_users.html", "users", await _list_context(request, actor))


def _roles(raw: list[str], field: str) -> list[Role]:
    roles = []
    for value in raw:
        try:
            roles.append(Role(value))
        except ValueError:
            raise invalid(field, "角色无效") from None
    return roles


@admin_only
async def users_create(request: Request, actor: Actor) -> Response:
    form = await request.form()
    values: dict[str, Any] = {k: _text(form, k) for k in ("username", "display_name", "unit_id")}
    values["roles"] = [str(r) for r in form.getlist("roles")]
    try:
        user = await admin.create_staff_user(
            actor,
            values["username"],
            values["display_name"],
            str(form.get("password", "")),
            _int(form, "unit_id", "unitId"),
            _roles(values["roles"], "roles"),
            clock(request),
        )
    except WorkflowError as exc:
        ctx = {
            **await _list_context(request, actor),
            "errors": {_field(exc): exc.message},
            "v": values,
            "picked": await staff_accounts.picked_unit(actor, values["unit_id"]),
        }
        return _page(request, "admin_users.html", "users", ctx, _status(exc))
    return _see_other(f"/admin/users/{user.id}")


async def _member_context(actor: Actor, user_id: int) -> dict[str, Any]:
    return {
        "member": await staff_accounts.staff_member(actor, user_id),
        "roles": grantable_roles(actor),
    }


async def _member_page(
    request: Request, actor: Actor, user_id: int, extra: dict[str, Any], status: int = 200
) -> Response:
    try:
        ctx = await _member_context(actor, user_id)
    except WorkflowError:
        return _page(request, "admin_user_missing.html", "users", {}, 404)
    return _page(request, "admin_user.html", "users", {**ctx, **extra}, status)


@admin_only
async def user_page(request: Request, actor: Actor) -> Response:
    return await _member_page(request, actor, int(request.path_params["user_id"]), {})


@admin_only
async def grant_add(request: Request, actor: Actor) -> Response:
    form = await request.form()
    user_id = int(request.path_params["user_id"])
    values = {k: _text(form, k) for k in ("unit_id", "role")}
    try:
        try:
            role = Role(values["role"])
        except ValueError:
            raise invalid("role", "请选择角色") from None
        await admin.grant_role(
            actor, user_id, _int(form, "unit_id", "unitId"), role, clock(request)
        )
    except WorkflowError as exc:
        extra = {
            "errors": {_field(exc): exc.message},
            "v": values,
            "picked": await staff_accounts.picked_unit(actor, values["unit_id"]),
        }
        return await _member_page(request, actor, user_id, extra, _status(exc))
    return _see_other(f"/admin/users/{user_id}")


@admin_only
async def grant_revoke(request: Request, actor: Actor) -> Response:
    user_id = int(request.path_params["user_id"])
    try:
        await admin.revoke_grant(actor, int(request.path_params["grant_id"]), clock(request))
    except WorkflowError as exc:
        extra = {"errors": {"_form": exc.message}}
        return await _member_page(request, actor, user_id, extra, _status(exc))
    return _see_other(f"/admin/users/{user_id}")


async def _set_active(request: Request, actor: Actor, active: bool) -> Response:
    user_id = int(request.path_params["user_id"])
    try:
        await staff_accounts.set_active(actor, user_id, active, clock(request))
    except WorkflowError as exc:
        extra = {"errors": {"_form": exc.message}}
        return await _member_page(request, actor, user_id, extra, _status(exc))
    return _see_other(f"/admin/users/{user_id}")


@admin_only
async def user_deactivate(request: Request, actor: Actor) -> Response:
    return await _set_active(request, actor, False)


@admin_only
async def user_reactivate(request: Request, actor: Actor) -> Response:
    return await _set_active(request, actor, True)


@admin_only
async def password_reset(request: Request, actor: Actor) -> Response:
    user_id = int(request.path_params["user_id"])
    try:
        secret = await staff_accounts.reset_password(actor, user_id, clock(request))
    except WorkflowError as exc:
        extra = {"errors": {"_form": exc.message}}
        return await _member_page(request, actor, user_id, extra, _status(exc))
    # Like a new API key's secret: shown in this response only, never cached or re-fetchable.
    response = await _member_page(request, actor, user_id, {"temporary_password": secret})
    response.headers["Cache-Control"] = "no-store"
    return response


@admin_only
async def unit_options(request: Request, actor: Actor) -> Response:
    """The picker's results: a short list of radio buttons, never every unit of the city."""
    picker = request.query_params.get("picker", "unit")
    options = await staff_accounts.search_units(actor, request.query_params.get("unit_q"))
    ctx = {
        "options": options,
        "picker": picker if picker.replace("-", "").isalnum() else "unit",
        "searched": bool(request.query_params.get("unit_q", "").strip()),
        "limit": staff_accounts.UNIT_OPTIONS,
    }
    return render(request, "_unit_options.html", ctx)


routes = [
    Route("/admin/users", users_page, methods=["GET"]),
    Route("/admin/users", users_create, methods=["POST"]),
    Route("/admin/users/{user_id:int}", user_page, methods=["GET"]),
    Route("/admin/users/{user_id:int}/grants", grant_add, methods=["POST"]),
    Route(
        "/admin/users/{user_id:int}/grants/{grant_id:int}/revoke", grant_revoke, methods=["POST"]
    ),
    Route("/admin/users/{user_id:int}/deactivate", user_deactivate, methods=["POST"]),
    Route("/admin/users/{user_id:int}/reactivate", user_reactivate, methods=["POST"]),
    Route("/admin/users/{user_id:int}/password", password_reset, methods=["POST"]),
    Route("/admin/unit-options", unit_options, methods=["GET"]),
]
