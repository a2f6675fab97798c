"""Duty-list screens (职责任务清单): search a unit's list, edit or propose, history per item,
import with a dry run, export. The screens collect input; resolvers/duty_lists.py and
resolvers/duty_files.py decide who may do what."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from starlette.datastructures import FormData, UploadFile
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from resolvers import duty_files, duty_lists
from resolvers.units import unit_ref
from web.session import clock, render, staff
from workflow.actors import Actor
from workflow.duty_lists import DutyChangeKind, may_edit_list, may_propose
from workflow.enums import Category
from workflow.errors import ErrorCode, WorkflowError, invalid

FIELD_NAMES = ("title", "description", "legal_basis", "keywords", "topic_code", "category")
# API field names → this screen's form names.
_FORM_FIELD = {"legalBasis": "legal_basis", "topicCode": "topic_code"}


def _see_other(url: str) -> Response:
    return RedirectResponse(url, status_code=303)


def _status(exc: WorkflowError) -> int:
    return 403 if exc.code is ErrorCode.NOT_ALLOWED else 422


def _error(exc: WorkflowError) -> dict[str, str]:
    name = exc.field or "_form"
    return {_FORM_FIELD.get(name, name): exc.message}


def _raw(form: FormData) -> dict[str, Any]:
    return {name: str(form.get(name, "")).strip() for name in FIELD_NAMES}


async def _list_context(actor: Actor, request: Request) -> dict[str, Any]:
    units = await duty_lists.list_keeping_units(actor)
    chosen_raw = request.query_params.get("unit", "")
    unit = next((u for u in units if str(u.id) == chosen_raw), units[0] if units else None)
    text = request.query_params.get("q", "").strip()
    retired = request.query_params.get("retired") == "1"
    items = (
        await duty_lists.search_duty_items(
            duty_lists.DutySearch(unit_id=unit.id, text=text, include_retired=retired)
        )
        if unit
        else []
    )
    ref = unit_ref(unit) if unit else None
    return {
        "units": units,
        "unit": unit,
        "q": text,
        "retired": retired,
        "items": items,
        "can_edit": ref is not None and may_edit_list(actor, ref),
        "can_propose": ref is not None and may_propose(actor, ref),
        "proposals": await duty_lists.proposals_for_unit(unit.id) if unit else [],
        "categories": list(Category),
        "errors": {},
        "v": {},
        "report": None,
    }


async def list_page(request: Request) -> Response:
    actor = await staff(request)
    return render(request, "duty_list.html", await _list_context(actor, request))


async def _list_error(
    request: Request, actor: Actor, exc: WorkflowError, values: dict[str, Any]
) -> Response:
    ctx = await _list_context(actor, request)
    ctx.update(errors=_error(exc), v=values)
    return render(request, "duty_list.html", ctx, _status(exc))


async def create_item(request: Request) -> Response:
    actor = await staff(request)
    unit_id = int(request.path_params["unit_id"])
    form = await request.form()
    raw = _raw(form)
    try:
        if form.get("propose"):
            await duty_lists.propose_duty_change(
                actor,
                unit_id,
                DutyChangeKind.CREATE,
                clock(request),
                raw=raw,
                reason=str(form.get("reason", "")),
            )
        else:
            await duty_lists.create_duty_item(actor, unit_id, raw, clock(request))
    except WorkflowError as exc:
        return await _list_error(request, actor, exc, raw)
    return _see_other(f"/duty-lists?unit={unit_id}")


async def decide(request: Request) -> Response:
    actor = await staff(request)
    form = await request.form()
    try:
        proposal = await duty_lists.decide_duty_proposal(
            actor,
            int(request.path_params["proposal_id"]),
            form.get("approve") == "1",
            clock(request),
            str(form.get("note", "")),
        )
    except WorkflowError as exc:
        return await _list_error(request, actor, exc, {})
    return _see_other(f"/duty-lists?unit={proposal.unit_id}")


async def import_list(request: Request) -> Response:
    actor = await staff(request)
    unit_id = int(request.path_params["unit_id"])
    try:
        # The upload's temporary file is closed when the block ends.
        async with request.form() as form:
            upload = form.get("file")
            dry_run = form.get("apply") != "1"
            if not isinstance(upload, UploadFile) or not upload.filename:
                raise invalid("file", "请选择要导入的 xlsx 或 csv 文件")
            name = upload.filename.lower()
            if not name.endswith((".xlsx", ".csv")):
                raise invalid("file", "只支持 .xlsx 或 .csv 文件")
            xlsx = name.endswith(".xlsx")
            content = await upload.read()
        fmt = duty_files.FileFormat.XLSX if xlsx else duty_files.FileFormat.CSV
        report = await duty_files.import_duty_list(
            actor, unit_id, content, fmt, clock(request), dry_run
        )
    except WorkflowError as exc:
        response = await _list_error(request, actor, exc, {})
        response.status_code = 200  # htmx swaps only successful responses on this page
        return response
    ctx = await _list_context(actor, request)
    ctx["report"] = report  # bad rows are part of the report, not a failed request
    return render(request, "duty_list.html", ctx)


async def export_list(request: Request) -> Response:
    actor = await staff(request)
    raw_fmt = request.path_params["fmt"].upper()
    if raw_fmt not in duty_files.FileFormat.__members__:
        return Response("只支持 csv 或 xlsx", status_code=404)
    fmt = duty_files.FileFormat(raw_fmt)
    try:
        name, data = await duty_files.export_duty_list(
            actor, int(request.path_params["unit_id"]), fmt
        )
    except WorkflowError as exc:
        return Response(exc.message, status_code=_status(exc))
    media = (
        "text/csv; charset=utf-8"
        if fmt is duty_files.FileFormat.CSV
        else "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    disposition = f"attachment; filename*=UTF-8''{quote(name)}"
    return Response(data, media_type=media, headers={"Content-Disposition": disposition})


async def _item_context(actor: Actor, item_id: int) -> dict[str, Any]:
    item, unit, topic_code = await duty_lists.duty_item_with_unit(item_id)
    ref = unit_ref(unit)
    return {
        "item": item,
        "unit": unit,
        "topic_code": topic_code,
        "history": await duty_lists.duty_item_history(item_id),
        "can_edit": may_edit_list(actor, ref),
        "can_propose": may_propose(actor, ref),
        "categories": list(Category),
        "errors": {},
        "v": {},
    }


async def item_page(request: Request) -> Response:
    actor = await staff(request)
    try:
        ctx = await _item_context(actor, int(request.path_params["item_id"]))
    except WorkflowError:
        return render(request, "duty_item.html", {"item": None}, 404)
    return render(request, "duty_item.html", ctx)


async def change_item(request: Request) -> Response:
    """Edit, retire, or propose either, depending on the button pressed."""
    actor = await staff(request)
    item_id = int(request.path_params["item_id"])
    form = await request.form()
    raw = _raw(form)
    now = clock(request)
    action = str(form.get("action", "update"))
    try:
        if action == "retire":
            await duty_lists.retire_duty_item(actor, item_id, now)
        elif action in ("propose_update", "propose_retire"):
            item, unit, _ = await duty_lists.duty_item_with_unit(item_id)
            kind = DutyChangeKind.UPDATE if action == "propose_update" else DutyChangeKind.RETIRE
            await duty_lists.propose_duty_change(
                actor,
                unit.id,
                kind,
                now,
                item_id=item.id,
                raw=raw if kind is DutyChangeKind.UPDATE else None,
                reason=str(form.get("reason", "")),
            )
        else:
            await duty_lists.update_duty_item(actor, item_id, raw, now)
    except WorkflowError as exc:
        ctx = await _item_context(actor, item_id)
        ctx.update(errors=_error(exc), v=raw)
        return render(request, "duty_item.html", ctx, _status(exc))
    return _see_other(f"/duty-items/{item_id}")


routes = [
    Route("/duty-lists", list_page),
    Route("/duty-lists/{unit_id:int}/items", create_item, methods=["POST"]),
    Route("/duty-lists/{unit_id:int}/import", import_list, methods=["POST"]),
    Route("/duty-lists/{unit_id:int}/export.{fmt:str}", export_list),
    Route("/duty-proposals/{proposal_id:int}/decide", decide, methods=["POST"]),
    Route("/duty-items/{item_id:int}", item_page),
    Route("/duty-items/{item_id:int}", change_item, methods=["POST"]),
]
