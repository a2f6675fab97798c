"""The charts and xlsx sheets of the command screens (指挥中心, 监测预警, 考核排名), built from
the same rows the tables print, so a chart, its table and the export always agree."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from resolvers.command import DistrictView, Row
from resolvers.warnings import Warning
from web.charts import chart
from web.xlsx import Column, Sheet
from workflow.measures import Measures, Rate
from workflow.ranking import Ranked

LIVE_TITLES = (("open", "在办"), ("yellow", "黄灯"), ("red", "红灯"), ("overdue", "超期"))
RATE_TITLES = ("响应率", "按时办结率", "解决率", "满意率", "先行联系率")
WARNING_TITLES = {
    "SURGE_TOPIC": "主题激增",
    "SURGE_STREET": "街道激增",
    "REPEAT_PETITIONER": "重复诉求（同一诉求人）",
    "REPEAT_PLACE": "重复诉求（同一地点）",
    "MOST_OVERDUE": "超期最多的单位",
    "MOST_RETURNS": "退回最多的单位",
}
CHART_ROWS = 15  # the busiest rows drawn; the table lists every one


def rates(m: Measures) -> tuple[Rate, ...]:
    """The rates each command table shows, in RATE_TITLES' order."""
    return (
        m.response_rate,
        m.on_time_rate,
        m.resolution_rate,
        m.satisfaction_rate,
        m.first_contact_rate,
    )


def fraction(rate: Rate) -> float | None:
    """A rate as Excel's fraction (0.5 for 50.00 %), None on an empty base."""
    return None if rate.percent is None else float(rate.percent) / 100


def percent(rate: Rate) -> float | None:
    return None if rate.percent is None else float(rate.percent)


def live_chart(rows: Sequence[Row]) -> dict[str, Any]:
    shown = list(rows)[:CHART_ROWS]
    return chart(
        "bar",
        [r.name for r in shown],
        [(title, [r.live[key] for r in shown]) for key, title in LIVE_TITLES],
    )


def rates_chart(rows: Sequence[Row]) -> dict[str, Any]:
    shown = list(rows)[:CHART_ROWS]
    return chart(
        "bar",
        [r.name for r in shown],
        [
            (title, [percent(rates(r.month)[i]) for r in shown])
            for i, title in enumerate(RATE_TITLES[:4])
        ],
    )


def city_charts(rows: Sequence[Row]) -> dict[str, Any]:
    return {"live": live_chart(rows), "rates": rates_chart(rows)}


def district_charts(view: DistrictView) -> dict[str, Any]:
    return {"units": live_chart(view.units), "streets": live_chart(view.streets)}


def _row_columns(first: str) -> list[Column]:
    return [
        Column(first, width=22),
        *(Column(title, "int", 8) for _, title in LIVE_TITLES),
        Column("待审核", "int", 8),
        Column("今日受理", "int", 10),
        *(Column(title, "percent", 12) for title in RATE_TITLES),
    ]


def _row_values(r: Row) -> tuple[object, ...]:
    return (
        r.name,
        *(r.live[key] for key, _ in LIVE_TITLES),
        r.live["review"],
        r.today,
        *(fraction(rate) for rate in rates(r.month)),
    )


def city_sheets(rows: Sequence[Row], note: str) -> list[Sheet]:
    return [Sheet("各区（市）", _row_columns("区（市）平台"), [_row_values(r) for r in rows], note)]


def district_sheets(view: DistrictView, note: str) -> list[Sheet]:
    return [
        Sheet("全区", _row_columns("区（市）平台"), [_row_values(view.totals)], note),
        Sheet("承办单位", _row_columns("单位"), [_row_values(r) for r in view.units], note),
        Sheet(
            "镇（街道）", _row_columns("镇（街道）"), [_row_values(r) for r in view.streets], note
        ),
    ]


def warnings_chart(found: Sequence[Warning]) -> dict[str, Any]:
    shown = list(found)[:CHART_ROWS]
    return chart(
        "bar",
        [f"{WARNING_TITLES[w.kind]}·{w.name}" for w in shown],
        [("数量", [w.count for w in shown]), ("基线（日均）", [w.baseline for w in shown])],
    )


def warnings_sheet(found: Sequence[Warning], note: str) -> list[Sheet]:
    columns = [
        Column("类型", width=22),
        Column("对象", width=24),
        Column("数量", "int", 8),
        Column("基线（日均）", "float", 12),
        Column("已知悉", width=8),
    ]
    rows = [
        (WARNING_TITLES[w.kind], w.name, w.count, w.baseline, "是" if w.acknowledged else "否")
        for w in found
    ]
    return [Sheet("监测预警", columns, rows, note)]


def ranking_chart(rows: Sequence[Ranked]) -> dict[str, Any]:
    ranked = [r for r in rows if r.rank is not None][: CHART_ROWS * 2]
    return chart("bar", [r.name for r in ranked], [("得分", [float(r.score or 0) for r in ranked])])


def ranking_sheet(rows: Sequence[Ranked], note: str) -> list[Sheet]:
    columns = [
        Column("名次", "int", 8),
        Column("名称", width=24),
        Column("得分", "float", 10),
        Column("派单数", "int", 10),
        *(Column(title, "percent", 12) for title in RATE_TITLES),
    ]
    values = [
        (
            r.rank,
            r.name,
            float(r.score) if r.score is not None else None,
            r.measures["assigned"],
            *(fraction(rate) for rate in rates(r.measures)),
        )
        for r in rows
    ]
    return [Sheet("考核排名", columns, values, note)]
