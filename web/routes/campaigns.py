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
from web.xlsx import Column, Sheet, xlsx_response
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


async def campaign_xlsx(request: Request) -> Response:
    """The page's tables in one workbook: the tasks, and the monthly volumes of each."""
    today = clock(request).astimezone(TZ).date()
    try:
        report = await campaign_report(request.path_params["year"], today)
    except WorkflowError:
        raise HTTPException(404, "没有这一年的攻坚行动") from None
    tasks = Sheet(
        "任务",
        [
            Column("领域", width=10),
            Column("任务", width=30),
            Column("牵头单位", width=20),
            Column("配合单位", width=36),
            Column("攻坚目标", width=40),
            Column("计划进度", "percent", 10),
            Column("实际进度", "percent", 10),
            Column("状态", width=12),
            Column("阶段成果", width=50),
        ],
        [
            (
                t.area,
                t.title,
                "、".join(u.name for u in t.units if u.lead),
                "、".join(u.name for u in t.units if not u.lead),
                t.goal,
                t.planned / 100,
                None if t.actual is None else t.actual / 100,
                STATUS_LABELS[t.status],
                t.results,
            )
            for t in report.tasks
        ],
        note=f"{report.title}（截至 {today.isoformat()}）",
    )
    months = report.tasks[0].trend if report.tasks else []
    trend = Sheet(
        "月度诉求量",
        [Column("任务", width=30)] + [Column(month_label(v.month), "int", 9) for v in months],
        [(t.title, *(v.petitions for v in t.trend)) for t in report.tasks],
    )
    return await xlsx_response(f"攻坚行动{report.year}.xlsx", [tasks, trend])


routes = [
    Route("/campaigns", campaigns, methods=["GET"]),
    Route("/campaigns/{year:int}", campaign, methods=["GET"]),
    Route("/campaigns/{year:int}.xlsx", campaign_xlsx, methods=["GET"]),
]
