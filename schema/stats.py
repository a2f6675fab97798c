"""The measures (DOMAIN §8) in GraphQL: `stats(scope, id, from, to)`."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Annotated

import strawberry

import settings
from resolvers.ranking import ranking
from resolvers.reads import require_actor
from resolvers.stats import ScopedMeasures, measures_of
from schema.errors import result
from schema.types import Ctx
from workflow.enums import StatScope
from workflow.measures import Rate as RateValue
from workflow.ranking import RankingLevel

strawberry.enum(RankingLevel, description="What 考核排名 ranks: districts or units.")

strawberry.enum(
    StatScope,
    description="What the measures are about: the city, a district (platform), a street, a "
    "unit, a topic (a first-level topic includes its children) or a channel.",
)


@strawberry.type(description="A rate with the counts behind it; `display` is '—' on an empty base.")
class Rate:
    numerator: int
    denominator: int
    percent: Decimal | None = strawberry.field(description="Two decimals; null on an empty base.")
    display: str

    @classmethod
    def of(cls, rate: RateValue) -> Rate:
        return cls(
            numerator=rate.numerator,
            denominator=rate.denominator,
            percent=rate.percent,
            display=rate.display,
        )


@strawberry.type(description="DOMAIN §8's measures of one scope over one period (Shanghai days).")
class Measures:
    scope: StatScope
    id: strawberry.ID | None
    name: str
    from_: date = strawberry.field(name="from")
    to: date
    response_rate: Rate = strawberry.field(
        description="响应率: accepted within the set working days / assignments"
    )
    on_time_rate: Rate = strawberry.field(
        description="按时办结率: replies to the platform by the deadline / replies"
    )
    resolution_rate: Rate = strawberry.field(
        description="解决率: (RESOLVED + BASICALLY_RESOLVED) / evaluations"
    )
    satisfaction_rate: Rate = strawberry.field(
        description="满意率: (SATISFIED + BASICALLY_SATISFIED) / evaluations"
    )
    second_handling_rate: Rate = strawberry.field(
        description="二次办理率: first-round evaluations that led to second handling / "
        "first-round evaluations"
    )
    return_rate: Rate = strawberry.field(description="退回率: returns / assignments")
    first_contact_rate: Rate = strawberry.field(
        description="先行联系率: assignments under which the unit recorded its first contact "
        "with the petitioner / assignments"
    )
    first_contact_in_time_rate: Rate = strawberry.field(
        description="先行联系及时率: first contacts made within FIRST_CONTACT_WITHIN_WORKING_DAYS "
        "working days of the assignment / first contacts"
    )
    submitted: int
    closed: int
    assignments: int
    returns: int
    replies: int
    evaluations: int
    extensions: int = strawberry.field(description="延期数: extensions approved")
    urges: int = strawberry.field(description="督办数")
    first_contacts: int = strawberry.field(
        description="先行联系数 (counted on the assignment's day)"
    )

    @classmethod
    def of(cls, got: ScopedMeasures) -> Measures:
        m = got.measures
        return cls(
            scope=got.scope,
            id=strawberry.ID(got.key) if got.key is not None else None,
            name=got.name,
            from_=got.start,
            to=got.end,
            response_rate=Rate.of(m.response_rate),
            on_time_rate=Rate.of(m.on_time_rate),
            resolution_rate=Rate.of(m.resolution_rate),
            satisfaction_rate=Rate.of(m.satisfaction_rate),
            second_handling_rate=Rate.of(m.second_handling_rate),
            return_rate=Rate.of(m.return_rate),
            first_contact_rate=Rate.of(m.first_contact_rate),
            first_contact_in_time_rate=Rate.of(m.first_contact_in_time_rate),
            submitted=m["submitted"],
            closed=m["closed"],
            assignments=m["assigned"],
            returns=m["returned"],
            replies=m["replies"],
            evaluations=m["evaluations"],
            extensions=m["extensions"],
            urges=m["urges"],
            first_contacts=m["first_contacts"],
        )


@strawberry.type
class Query:
    @strawberry.field(
        description="Measures of a scope over [from, to] (whole days in Asia/Shanghai). `id` "
        "is the district platform's, street's or unit's id, a topic id, or a channel name; "
        "none for CITY."
    )
    async def stats(
        self,
        info: Ctx,
        scope: StatScope,
        from_: Annotated[date, strawberry.argument(name="from")],
        to: date,
        id: strawberry.ID | None = None,
    ) -> result("StatsResult", Measures):
        actor = require_actor(info.context.actor)
        return Measures.of(await measures_of(actor, scope, id, from_, to))


@strawberry.type(
    description="One ranked district or unit; rank and score are null below the "
    "minimum sample or with an empty rate."
)
class RankingEntry:
    rank: int | None
    score: Decimal | None
    measures: Measures


@strawberry.type
class Ranking:
    level: RankingLevel
    min_sample: int
    entries: list[RankingEntry]


@strawberry.type
class RankingQuery:
    @strawberry.field(
        description="考核排名 over [from, to]: districts (city only) or units (the city: all; a "
        "district platform: its own), by the weighted score of the four rates."
    )
    async def ranking(
        self,
        info: Ctx,
        level: RankingLevel,
        from_: Annotated[date, strawberry.argument(name="from")],
        to: date,
    ) -> result("RankingResult", Ranking):
        actor = require_actor(info.context.actor)
        rows = await ranking(actor, level, from_, to)
        scope = StatScope.DISTRICT if level is RankingLevel.DISTRICT else StatScope.UNIT
        return Ranking(
            level=level,
            min_sample=settings.RANKING_MIN_SAMPLE,
            entries=[
                RankingEntry(
                    rank=r.rank,
                    score=r.score,
                    measures=Measures.of(
                        ScopedMeasures(scope, str(r.id), r.name, from_, to, r.measures)
                    ),
                )
                for r in rows
            ],
        )
