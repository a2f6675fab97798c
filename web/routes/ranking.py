"""考核排名: districts or units ranked by the weighted score of the four rates."""

from __future__ import annotations

from datetime import date
from urllib.parse import urlencode

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

import settings
from resolvers.ranking import ranking
from web.command_views import ranking_chart, ranking_sheet
from web.session import clock, render, staff
from web.xlsx import xlsx_response
from workflow.errors import ErrorCode, WorkflowError
from workflow.measures import local_day
from workflow.ranking import Ranked, RankingLevel


def _day(value: str | None, default: date) -> date:
    try:
        return date.fromisoformat(value) if value else default
    except ValueError:
        return default


async def _ranked(request: Request) -> tuple[RankingLevel, date, date, list[Ranked]] | Response:
    actor = await staff(request)
    today = local_day(clock(request))
    params = request.query_params
    start = _day(params.get("from"), today.replace(day=1))
    end = _day(params.get("to"), today)
    level = RankingLevel.UNIT if params.get("level") == "UNIT" else RankingLevel.DISTRICT
    try:
        rows = await ranking(actor, level, start, end)
    except WorkflowError as exc:
        if level is RankingLevel.DISTRICT and exc.code is ErrorCode.NOT_ALLOWED:
            level = RankingLevel.UNIT  # a district ranks its own units
            try:
                rows = await ranking(actor, level, start, end)
            except WorkflowError as again:
                return render(request, "command_forbidden.html", {"message": again.message}, 403)
        else:
            return render(request, "command_forbidden.html", {"message": exc.message}, 403)
    return level, start, end, rows


async def ranking_page(request: Request) -> Response:
    got = await _ranked(request)
    if isinstance(got, Response):
        return got
    level, start, end, rows = got
    context = {
        "rows": rows,
        "level": level,
        "start": start,
        "end": end,
        "min_sample": settings.RANKING_MIN_SAMPLE,
        "weights": settings.RANKING_WEIGHTS,
        "chart": ranking_chart(rows),
        "export": "/ranking.xlsx?"
        + urlencode({"level": level.value, "from": start.isoformat(), "to": end.isoformat()}),
    }
    return render(request, "ranking.html", context)


async def ranking_xlsx(request: Request) -> Response:
    got = await _ranked(request)
    if isinstance(got, Response):
        return got
    level, start, end, rows = got
    what = "区（市）" if level is RankingLevel.DISTRICT else "承办单位"
    note = f"{what} · {start.isoformat()} 至 {end.isoformat()}"
    return await xlsx_response(
        f"考核排名-{what}-{start:%Y%m%d}-{end:%Y%m%d}.xlsx", ranking_sheet(rows, note)
    )


routes = [
    Route("/ranking", ranking_page, methods=["GET"]),
    Route("/ranking.xlsx", ranking_xlsx, methods=["GET"]),
]
