"""考核排名: districts or units ranked by the weighted score of the four rates."""

from __future__ import annotations

from datetime import date

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

import settings
from resolvers.ranking import ranking
from web.session import clock, render, staff
from workflow.errors import ErrorCode, WorkflowError
from workflow.measures import local_day
from workflow.ranking import RankingLevel


def _day(value: str | None, default: date) -> date:
    try:
        return date.fromisoformat(value) if value else default
    except ValueError:
        return default


async def ranking_page(request: Request) -> Response:
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
    context = {
        "rows": rows,
        "level": level,
        "start": start,
        "end": end,
        "min_sample": settings.RANKING_MIN_SAMPLE,
        "weights": settings.RANKING_WEIGHTS,
    }
    return render(request, "ranking.html", context)


routes = [Route("/ranking", ranking_page, methods=["GET"])]
