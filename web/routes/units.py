"""单位退回情况: the platform's page per unit — its details, its duty list, the returns it
made over a period and the platform's disputes of them — and the index of its units with
their counts. resolvers/returns.py decides who sees what."""

from __future__ import annotations

from datetime import date, timedelta

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from resolvers.returns import return_counts, unit_returns
from resolvers.units import unit_ref
from web.session import clock, render, staff
from workflow.duty_lists import may_see_list
from workflow.errors import ErrorCode, WorkflowError
from workflow.measures import local_day

DEFAULT_DAYS = 90


def _day(value: str | None, default: date) -> date:
    try:
        return date.fromisoformat(value) if value else default
    except ValueError:
        return default


def _period(request: Request) -> tuple[date, date]:
    today = local_day(clock(request))
    params = request.query_params
    return (
        _day(params.get("from"), today - timedelta(days=DEFAULT_DAYS - 1)),
        _day(params.get("to"), today),
    )


def _refused(request: Request, exc: WorkflowError) -> Response:
    status = 403 if exc.code is ErrorCode.NOT_ALLOWED else 422
    return render(request, "command_forbidden.html", {"message": exc.message}, status)


async def units_page(request: Request) -> Response:
    actor = await staff(request)
    start, end = _period(request)
    try:
        rows = await return_counts(actor, start, end)
    except WorkflowError as exc:
        return _refused(request, exc)
    return render(request, "units.html", {"rows": rows, "start": start, "end": end})


async def unit_page(request: Request) -> Response:
    actor = await staff(request)
    start, end = _period(request)
    try:
        found = await unit_returns(actor, int(request.path_params["unit_id"]), start, end)
    except WorkflowError as exc:
        return _refused(request, exc)
    context = {
        "found": found,
        "unit": found.unit,
        "start": start,
        "end": end,
        "list_link": may_see_list(actor, unit_ref(found.unit)),
    }
    return render(request, "unit.html", context)


routes = [
    Route("/units", units_page, methods=["GET"]),
    Route("/units/{unit_id:int}", unit_page, methods=["GET"]),
]
