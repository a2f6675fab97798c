"""数据分析: the city's (or one district's) intake trend, topic mix, hotspots and channels,
each chart beside its table, and every table in one xlsx export."""

from __future__ import annotations

from datetime import date
from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from resolvers.analysis import Analysis, analyse
from web.charts import chart, heat, month_label, pie
from web.labels import label
from web.session import clock, render, staff
from web.xlsx import Column, Sheet, xlsx_response
from workflow.analysis import TrendBy
from workflow.deadlines import TZ
from workflow.enums import Channel
from workflow.errors import WorkflowError


def _params(request: Request) -> tuple[date, TrendBy]:
    today = clock(request).astimezone(TZ).date()
    raw = request.query_params.get("month", "")
    try:
        month = date.fromisoformat(raw + "-01") if raw else today.replace(day=1)
    except ValueError:
        month = today.replace(day=1)
    try:
        by = TrendBy(request.query_params.get("by", "DAY").upper())
    except ValueError:
        by = TrendBy.DAY
    return month, by


def _bucket_label(day: date, by: TrendBy) -> str:
    return month_label(day) if by is TrendBy.MONTH else day.isoformat()


def channel_name(key: str) -> str:
    return label(Channel(key)) if key in Channel.__members__ else key


def _charts(a: Analysis) -> dict[str, Any]:
    return {
        "trend": chart(
            "line" if a.trend_by is not TrendBy.MONTH else "bar",
            [_bucket_label(p.bucket, a.trend_by) for p in a.trend],
            [("受理量", [p.petitions for p in a.trend])],
        ),
        "areas": chart(
            "bar",
            [s.name for s in a.areas],
            [
                (month_label(a.month), [s.current for s in a.areas]),
                ("上月", [s.before for s in a.areas]),
            ],
        ),
        "heat": heat(
            a.heat_areas,
            a.heat_streets,
            [(x, y, n) for y, row in enumerate(a.heat) for x, n in enumerate(row)],
        ),
        "channels": pie([(channel_name(s.key), s.current) for s in a.channels if s.current]),
        "hotline": chart(
            "bar",
            [month_label(m.month) for m in a.channel_months],
            [
                ("12345热线", [m.hotline for m in a.channel_months]),
                ("区（市）平台渠道", [m.district for m in a.channel_months]),
            ],
            stacked=True,
        ),
    }


async def analysis(request: Request) -> Response:
    actor = await staff(request)
    month, by = _params(request)
    try:
        a = await analyse(actor, month, by)
    except WorkflowError as exc:
        return render(request, "analysis.html", {"refusal": exc.message}, 403)
    context = {
        "a": a,
        "charts": _charts(a),
        "month_value": f"{a.month.year}-{a.month.month:02d}",
        "channel_name": channel_name,
        "bucket_label": _bucket_label,
        "heat_max": max((n for row in a.heat for n in row), default=0),
    }
    return render(request, "analysis.html", context)


def sheets(a: Analysis) -> list[Sheet]:
    """The page's tables, one sheet each, in the page's order."""
    scope = f"{a.scope_name} · {a.month.year}年{a.month.month}月"
    share_cols = [
        Column("本月", "int", 10),
        Column("上月", "int", 10),
        Column("环比", "percent", 10),
        Column("占比", "percent", 10),
    ]
    out = [
        Sheet(
            "受理趋势",
            [Column("时间", width=12), Column("受理量", "int", 10)],
            [(_bucket_label(p.bucket, a.trend_by), p.petitions) for p in a.trend],
            note=scope,
        ),
        Sheet(
            "类别构成",
            [Column("领域", width=14), *share_cols],
            [(s.name, s.current, s.before, s.change, s.share) for s in a.areas],
            note=scope,
        ),
        Sheet(
            "二级类别变化",
            [Column("诉求类别", width=18), *share_cols],
            [(s.name, s.current, s.before, s.change, s.share) for s in a.subtopics],
            note=scope,
        ),
        Sheet(
            "热点",
            [
                Column("街道", width=18),
                Column("诉求类别", width=18),
                Column("领域", width=12),
                Column("本月", "int", 10),
                Column("上月", "int", 10),
                Column("环比", "percent", 10),
            ],
            [(h.street, h.topic, h.area, h.current, h.before, h.change) for h in a.hotspots],
            note=scope,
        ),
        Sheet(
            "类别×街道",
            [Column("街道", width=18), *(Column(name, "int", 10) for name in a.heat_areas)],
            [(s, *row) for s, row in zip(a.heat_streets, a.heat, strict=True)],
            note=scope,
        ),
        Sheet(
            "渠道构成",
            [Column("渠道", width=14), *share_cols],
            [(channel_name(s.key), s.current, s.before, s.change, s.share) for s in a.channels],
            note=scope,
        ),
        Sheet(
            "热线与区平台",
            [
                Column("月份", width=10),
                Column("12345热线", "int", 12),
                Column("区（市）平台渠道", "int", 16),
            ],
            [(month_label(m.month), m.hotline, m.district) for m in a.channel_months],
            note=scope,
        ),
    ]
    if a.districts:
        out.append(
            Sheet(
                "各区（市）",
                [Column("区（市）平台", width=14), *share_cols],
                [(s.name, s.current, s.before, s.change, s.share) for s in a.districts],
                note=scope,
            )
        )
    return out


async def analysis_xlsx(request: Request) -> Response:
    actor = await staff(request)
    month, by = _params(request)
    try:
        a = await analyse(actor, month, by)
    except WorkflowError as exc:
        return render(request, "analysis.html", {"refusal": exc.message}, 403)
    name = f"数据分析-{a.scope_name}-{a.month.year}{a.month.month:02d}.xlsx"
    return await xlsx_response(name, sheets(a))


routes = [
    Route("/analysis", analysis, methods=["GET"]),
    Route("/analysis.xlsx", analysis_xlsx, methods=["GET"]),
]
