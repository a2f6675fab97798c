"""Campaign upkeep for the city's staff: report progress, tick off milestones, publish stage
results; and next year's candidate list. The resolvers decide who may do each; these routes
only collect the form and put a refusal beside its field."""

from __future__ import annotations

from datetime import date
from typing import Any

from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from resolvers import campaign_edits
from resolvers.campaign_candidates import campaign_candidates
from resolvers.campaigns import campaign_report, list_campaigns
from web.session import clock, render, staff
from web.xlsx import Column, Sheet, xlsx_response
from workflow.campaigns import STATUS_LABELS
from workflow.deadlines import TZ
from workflow.errors import ErrorCode, WorkflowError, invalid


def _today(request: Request) -> date:
    return clock(request).astimezone(TZ).date()


def _day(form: FormData, name: str, default: date) -> date:
    raw = str(form.get(name, "")).strip()
    if not raw:
        return default
    try:
        return date.fromisoformat(raw)
    except ValueError:
        raise invalid(name, "日期格式应为 YYYY-MM-DD") from None


def _int(form: FormData, name: str) -> int:
    raw = str(form.get(name, "")).strip()
    try:
        return int(raw)
    except ValueError:
        raise invalid(name, "请填写整数") from None


async def overview(request: Request) -> Response:
    await staff(request)
    return render(request, "campaigns/manage_list.html", {"campaigns": await list_campaigns()})


async def _manage_page(
    request: Request, year: int, errors: dict[str, Any] | None = None, status: int = 200
) -> Response:
    try:
        report = await campaign_report(year, _today(request), with_trend=False)
    except WorkflowError:
        return render(request, "campaigns/manage_list.html", {"campaigns": []}, 404)
    context = {
        "c": report,
        "today": _today(request),
        "status_labels": STATUS_LABELS,
        "errors": errors or {},
    }
    return render(request, "campaigns/manage.html", context, status)


async def manage(request: Request) -> Response:
    await staff(request)
    return await _manage_page(request, request.path_params["year"])


async def edit_task(request: Request) -> Response:
    """One endpoint per task for the three forms; `form` says which was sent."""
    actor = await staff(request)
    year, task_id = request.path_params["year"], request.path_params["task"]
    form = await request.form()
    now = clock(request)
    try:
        match form.get("form"):
            case "progress":
                await campaign_edits.record_progress(
                    actor,
                    task_id,
                    _int(form, "percent"),
                    str(form.get("note", "")),
                    _day(form, "reported_on", _today(request)),
                    now,
                )
            case "results":
                await campaign_edits.update_campaign_task(
                    actor, task_id, now, results=str(form.get("results", ""))
                )
            case "milestone":
                await campaign_edits.complete_milestone(
                    actor, _int(form, "milestone"), _day(form, "done_on", _today(request))
                )
            case _:
                raise invalid("form", "未知的表单")
    except WorkflowError as exc:
        status = 403 if exc.code is ErrorCode.NOT_ALLOWED else 422
        errors = {"task": task_id, "field": exc.field or "_form", "message": exc.message}
        return await _manage_page(request, year, errors, status)
    return RedirectResponse(f"/campaigns/{year}/manage#task-{task_id}", status_code=303)


async def candidates(request: Request) -> Response:
    actor = await staff(request)
    try:
        rows = await campaign_candidates(actor, _today(request), 30)
    except WorkflowError as exc:
        return render(request, "campaigns/candidates.html", {"refusal": exc.message}, 403)
    return render(request, "campaigns/candidates.html", {"rows": rows})


async def candidates_xlsx(request: Request) -> Response:
    actor = await staff(request)
    try:
        rows = await campaign_candidates(actor, _today(request), 100)
    except WorkflowError as exc:
        return render(request, "campaigns/candidates.html", {"refusal": exc.message}, 403)
    sheet = Sheet(
        "候选攻坚事项",
        [
            Column("序号", "int", 6),
            Column("领域", width=12),
            Column("诉求类别", width=16),
            Column("近一年", "int", 10),
            Column("上一年", "int", 10),
            Column("增长", "percent", 10),
            Column("数量排名", "int", 10),
            Column("增长排名", "int", 10),
            Column("今年已攻坚", width=10),
        ],
        [
            (
                r.rank,
                r.area,
                r.topic,
                r.recent,
                r.earlier,
                r.growth,
                r.volume_rank,
                r.growth_rank,
                "是" if r.in_campaign else "",
            )
            for r in rows
        ],
        note=f"截至 {_today(request).isoformat()} 的近 365 天与此前 365 天",
    )
    return await xlsx_response(f"候选攻坚事项{_today(request).isoformat()}.xlsx", [sheet])


routes = [
    Route("/campaigns/manage", overview, methods=["GET"]),
    Route("/campaigns/candidates.xlsx", candidates_xlsx, methods=["GET"]),
    Route("/campaigns/candidates", candidates, methods=["GET"]),
    Route("/campaigns/{year:int}/manage", manage, methods=["GET"]),
    Route("/campaigns/{year:int}/tasks/{task:int}", edit_task, methods=["POST"]),
]
