"""The public campaign pages (公开攻坚项目、责任体系、计划进度、阶段成果): readable without
signing in, so they never look at the session and show only what resolvers/campaigns.py
publishes — units, plans, progress and petition counts, no personal data."""

from __future__ import annotations

from typing import Any

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from resolvers.campaigns import campaign_report, list_campaigns
from web.charts import chart, month_label
from web.labels import LABELS
from web.session import clock
from web.templating import templates
from workflow.campaigns import STATUS_LABELS
from workflow.deadlines import TZ
from workflow.errors import WorkflowError


def public(request: Request, name: str, context: dict[str, Any]) -> Response:
    """No actor, no CSRF cookie: the same page for everyone, cacheable for a few minutes."""
    response = templates.TemplateResponse(
        request, name, {"labels": LABELS, "status_labels": STATUS_LABELS, **context}
    )
    response.headers["Cache-Control"] = "public, max-age=300"
    return response


async def campaigns(request: Request) -> Response:
    return public(request, "campaigns/list.html", {"campaigns": await list_campaigns()})


async def campaign(request: Request) -> Response:
    today = clock(request).astimezone(TZ).date()
    try:
        report = await campaign_report(request.path_params["year"], today)
    except WorkflowError:
        raise HTTPException(404, "没有这一年的攻坚行动") from None
    charts = {
        t.id: chart(
            "line",
            [month_label(v.month) for v in t.trend],
            [("诉求量", [v.petitions for v in t.trend])],
        )
        for t in report.tasks
    }
    return public(
        request,
        "campaigns/detail.html",
        {"c": report, "today": today, "year": report.year, "charts": charts},
    )


routes = [
    Route("/campaigns", campaigns, methods=["GET"]),
    Route("/campaigns/{year:int}", campaign, methods=["GET"]),
]
