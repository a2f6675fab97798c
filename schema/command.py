"""指挥中心, 监测预警 and 数据分析 in GraphQL, over the resolvers the screens call, with their
scope rules: the city sees every district, a district platform only itself, anyone else is
refused with a typed error."""

from __future__ import annotations

from datetime import date, datetime

import strawberry

from resolvers import analysis as analysis_ops
from resolvers import command, warnings
from resolvers.reads import require_actor
from resolvers.stats import ScopedMeasures
from schema.errors import result
from schema.ids import optional_row_id
from schema.stats import Measures
from schema.types import Ctx
from workflow.analysis import TrendBy
from workflow.enums import StatScope, WarningKind
from workflow.measures import local_day

strawberry.enum(WarningKind, description="What an early warning (监测预警) is about.")
strawberry.enum(TrendBy, description="The buckets of the intake trend: days, weeks or months.")


@strawberry.type(
    description="One district, street or unit in the command centre: its open petitions "
    "now, today's intake and this month's measures."
)
class CommandRow:
    id: strawberry.ID
    name: str
    open: int = strawberry.field(description="在办: petitions not closed")
    yellow: int = strawberry.field(description="黄灯: clock running, past the yellow line")
    red: int = strawberry.field(description="红灯: clock running, past the deadline")
    overdue: int = strawberry.field(description="超期: any open petition past its deadline")
    awaiting_review: int = strawberry.field(description="待审核: unit or platform review")
    today_intake: int | None = strawberry.field(
        description="今日受理; null for a unit (intake is counted by place, not by handler)"
    )
    month: Measures = strawberry.field(description="This month so far, from its first day")


def _row(row: command.Row, scope: StatScope, start: date, end: date) -> CommandRow:
    return CommandRow(
        id=strawberry.ID(str(row.id)),
        name=row.name,
        open=row.live["open"],
        yellow=row.live["yellow"],
        red=row.live["red"],
        overdue=row.live["overdue"],
        awaiting_review=row.live["review"],
        today_intake=row.today,
        month=Measures.of(ScopedMeasures(scope, str(row.id), row.name, start, end, row.month)),
    )


@strawberry.type(
    description="The city's districts side by side (districtId null, city platform), or "
    "one district's total, streets and units."
)
class CommandCentre:
    district_id: strawberry.ID | None
    at: datetime
    totals: CommandRow | None = strawberry.field(description="The district's own row")
    districts: list[CommandRow]
    streets: list[CommandRow]
    units: list[CommandRow]


@strawberry.type(description="An early warning of today (监测预警).")
class EarlyWarning:
    kind: WarningKind
    key: str = strawberry.field(description="With kind, what acknowledgeWarning takes")
    name: str = strawberry.field(description="A topic, street, unit, place or masked phone")
    count: int
    baseline: float | None = strawberry.field(description="Surges: the recent daily mean")
    acknowledged: bool = strawberry.field(description="By the viewer's unit today")
    _warning: strawberry.Private[warnings.Warning]

    @strawberry.field(description="The newest petitions behind it (at most 20).")
    async def petition_ids(self) -> list[strawberry.ID]:
        return [strawberry.ID(str(i)) for i in await warnings.petition_ids(self._warning)]


def _warning(w: warnings.Warning) -> EarlyWarning:
    return EarlyWarning(
        kind=w.kind,
        key=w.key,
        name=w.name,
        count=w.count,
        baseline=w.baseline,
        acknowledged=w.acknowledged,
        _warning=w,
    )


@strawberry.type
class Warnings:
    day: date
    items: list[EarlyWarning]


@strawberry.type
class AcknowledgeWarningSuccess:
    kind: WarningKind
    key: str
    acknowledged: bool


@strawberry.type
class TrendPoint:
    bucket: date = strawberry.field(description="The first day of the day, week or month")
    petitions: int


@strawberry.type(description="One slice of a mix this month beside the month before.")
class Share:
    key: str
    name: str
    current: int
    before: int
    change: float | None = strawberry.field(description="(current - before) / before")
    share: float | None = strawberry.field(description="Of this month's total")


@strawberry.type
class Hotspot:
    street: str
    topic: str
    area: str
    current: int
    before: int
    change: float | None


@strawberry.type(description="The 12345 hotline's volume against the districts' own channels.")
class ChannelMonth:
    month: date
    hotline: int
    district: int


@strawberry.type(description="One street's row of the topic-area × street grid.")
class HeatRow:
    street: str
    counts: list[int] = strawberry.field(description="One per entry of heatAreas")


@strawberry.type(description="数据分析 of one month, for the city or one district.")
class Analysis:
    district_id: strawberry.ID | None
    scope_name: str
    month: date
    trend_by: TrendBy
    trend: list[TrendPoint]
    total: int
    total_before: int
    areas: list[Share]
    subtopics: list[Share]
    hotspots: list[Hotspot]
    heat_areas: list[str]
    heat: list[HeatRow]
    channels: list[Share]
    channel_months: list[ChannelMonth]
    districts: list[Share] = strawberry.field(description="City scope only")


def _shares(rows: list[analysis_ops.Share]) -> list[Share]:
    return [
        Share(
            key=s.key,
            name=s.name,
            current=s.current,
            before=s.before,
            change=s.change,
            share=s.share,
        )
        for s in rows
    ]


@strawberry.type
class CommandQuery:
    @strawberry.field(
        description="指挥中心: without districtId the city platform gets every district (a "
        "district platform its own district); with it, that district's streets and units. "
        "Other units and API clients are refused."
    )
    async def command_centre(self, info: Ctx, district_id: strawberry.ID | None = None) -> result(
        "CommandCentreResult", CommandCentre
    ):
        actor = require_actor(info.context.actor)
        now = info.context.now
        today = local_day(now)
        start = command.month_start(today)
        wanted = optional_row_id(district_id, "districtId")
        if wanted is None:
            wanted = command.home_district(actor)
        if wanted is None:
            rows = await command.city_centre(actor, now)
            return CommandCentre(
                district_id=None,
                at=now,
                totals=None,
                districts=[_row(r, StatScope.DISTRICT, start, today) for r in rows],
                streets=[],
                units=[],
            )
        view = await command.district_centre(actor, wanted, now)
        return CommandCentre(
            district_id=strawberry.ID(str(view.district.id)),
            at=now,
            totals=_row(view.totals, StatScope.DISTRICT, start, today),
            districts=[],
            streets=[_row(r, StatScope.STREET, start, today) for r in view.streets],
            units=[_row(r, StatScope.UNIT, start, today) for r in view.units],
        )

    @strawberry.field(
        description="监测预警 of today: surges, repeated petitions, the units with the most "
        "overdue petitions and returns (the city: all districts; a district platform: its own)."
    )
    async def warnings(self, info: Ctx) -> result("WarningsResult", Warnings):
        actor = require_actor(info.context.actor)
        now = info.context.now
        found = await warnings.warnings(actor, now)
        return Warnings(day=local_day(now), items=[_warning(w) for w in found])

    @strawberry.field(
        description="数据分析 of a month (default: this one): the city, or one district "
        "(the city may name any; a district platform gets its own)."
    )
    async def analysis(
        self,
        info: Ctx,
        month: date | None = None,
        by: TrendBy = TrendBy.DAY,
        district_id: strawberry.ID | None = None,
    ) -> result("AnalysisResult", Analysis):
        actor = require_actor(info.context.actor)
        wanted = optional_row_id(district_id, "districtId")
        a = await analysis_ops.analyse(actor, month or local_day(info.context.now), by, wanted)
        return Analysis(
            district_id=strawberry.ID(str(a.district_id)) if a.district_id is not None else None,
            scope_name=a.scope_name,
            month=a.month,
            trend_by=a.trend_by,
            trend=[TrendPoint(bucket=p.bucket, petitions=p.petitions) for p in a.trend],
            total=a.total,
            total_before=a.total_before,
            areas=_shares(a.areas),
            subtopics=_shares(a.subtopics),
            hotspots=[
                Hotspot(
                    street=h.street,
                    topic=h.topic,
                    area=h.area,
                    current=h.current,
                    before=h.before,
                    change=h.change,
                )
                for h in a.hotspots
            ],
            heat_areas=a.heat_areas,
            heat=[
                HeatRow(street=s, counts=row) for s, row in zip(a.heat_streets, a.heat, strict=True)
            ],
            channels=_shares(a.channels),
            channel_months=[
                ChannelMonth(month=m.month, hotline=m.hotline, district=m.district)
                for m in a.channel_months
            ],
            districts=_shares(a.districts),
        )


@strawberry.type
class CommandMutation:
    @strawberry.mutation(
        description="Marks today's warning known (知悉) for the viewer's platform."
    )
    async def acknowledge_warning(self, info: Ctx, kind: WarningKind, key: str) -> result(
        "AcknowledgeWarningResult", AcknowledgeWarningSuccess
    ):
        actor = require_actor(info.context.actor)
        await warnings.acknowledge(actor, kind.value, key, info.context.now)
        info.context.after_write()
        return AcknowledgeWarningSuccess(kind=kind, key=key, acknowledged=True)
