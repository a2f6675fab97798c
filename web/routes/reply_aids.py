"""Saving a reply draft from the petition page, and a unit head's page of stock phrases."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from resolvers import reply_aids
from web.session import clock, render, staff
from workflow.errors import ErrorCode, WorkflowError


async def save_draft(request: Request) -> Response:
    actor = await staff(request)
    pid: int = request.path_params["id"]
    form = await request.form()
    values = {column: str(form.get(column) or "") for column in reply_aids.DRAFT_FIELDS}
    try:
        await reply_aids.save_draft(actor, pid, values, clock(request))
    except WorkflowError as exc:
        status = 422 if exc.code is ErrorCode.INVALID_FIELD else 404
        return Response(exc.message, status_code=status, media_type="text/plain")
    return RedirectResponse(f"/petitions/{pid}", status_code=303)


async def templates_page(request: Request) -> Response:
    actor = await staff(request)
    errors: dict[str, str] = {}
    values: dict[str, str] = {}
    status = 200
    if request.method == "POST":
        form = await request.form()
        values = {k: str(form.get(k) or "") for k in ("title", "policy_basis", "handling_result")}
        try:
            if form.get("retire"):
                raw = str(form.get("retire"))
                await reply_aids.retire_template(
                    actor, int(raw) if raw.isdigit() else 0, clock(request)
                )
            else:
                await reply_aids.create_template(
                    actor,
                    values["title"],
                    values["policy_basis"],
                    values["handling_result"],
                    clock(request),
                )
            return RedirectResponse("/reply-templates", status_code=303)
        except WorkflowError as exc:
            if exc.code is ErrorCode.NOT_ALLOWED:
                status = 403
            else:
                status = 422
            field = {"policyBasis": "policy_basis", "handlingResult": "handling_result"}.get(
                exc.field or "", exc.field or "_form"
            )
            errors[field] = exc.message
    rows = await reply_aids.unit_templates(actor)
    return render(
        request,
        "reply_templates.html",
        {"rows": rows, "errors": errors, "v": values},
        status_code=status,
    )


routes = [
    Route("/petitions/{id:int}/reply-draft", save_draft, methods=["POST"]),
    Route("/reply-templates", templates_page, methods=["GET", "POST"]),
]
