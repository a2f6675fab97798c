"""Queries: reads scoped to what the asker may see, with personal data masked."""

from __future__ import annotations

import asyncio
from datetime import datetime
from typing import Any

import strawberry

from resolvers import petitioner, reads
from resolvers.paging import COUNT_CAP, Count, encode_cursor
from resolvers.reads import require_actor
from schema.cost import LIST_CAPS
from schema.enums import UnitKind
from schema.ids import optional_row_id, parse_instant, row_id
from schema.inputs import PetitionFilterInput
from schema.me import Me, me_of
from schema.petitioner import PetitionerView, petitioner_view
from schema.prefetch import prefetch_petitions
from schema.types import Ctx, DutyItem, Petition, Topic, Unit, from_row, wrap_petition
from workflow.actors import Actor
from workflow.enums import Role
from workflow.errors import FieldErrors, WorkflowError


def capped(rows: list[Any], first: int, field: str) -> list[Any]:
    """At most `first` rows, and never more than the field's cap (the cost rule counts it)."""
    return rows[: max(0, min(first, LIST_CAPS[field]))]


@strawberry.type
class PageInfo:
    has_next_page: bool
    end_cursor: str | None


@strawberry.type
class PetitionEdge:
    cursor: str
    node: Petition


@strawberry.type
class PetitionConnection:
    edges: list[PetitionEdge]
    page_info: PageInfo
    # What was asked, so the count runs only when totalCount or totalCountExact is selected.
    actor: strawberry.Private[Actor]
    flt: strawberry.Private[reads.PetitionFilter]
    now: strawberry.Private[datetime]
    counting: strawberry.Private[asyncio.Task[Count] | None] = None

    @strawberry.field
    def nodes(self) -> list[Petition]:
        return [e.node for e in self.edges]

    async def _count(self) -> Count:
        """One count shared by both count fields (strawberry resolves them concurrently)."""
        if self.counting is None:
            self.counting = asyncio.ensure_future(
                reads.count_petitions(self.actor, self.flt, self.now)
            )
        return await self.counting

    @strawberry.field(
        description=f"How many match, counted up to {COUNT_CAP:,}; see totalCountExact."
    )
    async def total_count(self) -> int:
        return (await self._count()).value

    @strawberry.field(
        description=f"False when more than {COUNT_CAP:,} match and totalCount stopped there."
    )
    async def total_count_exact(self) -> bool:
        return (await self._count()).exact


def petition_filter(f: PetitionFilterInput) -> reads.PetitionFilter:
    """The input as the resolvers' filter; every malformed id or date is reported at once
    (range and value checks follow in resolvers.reads)."""
    errors = FieldErrors()
    ids: dict[str, int | None] = {}
    for name, value, field in (
        ("district_id", f.district_id, "districtId"),
        ("unit_id", f.unit_id, "unitId"),
        ("topic_id", f.topic_id, "topicId"),
        ("street_id", f.street_id, "streetId"),
        ("community_id", f.community_id, "communityId"),
    ):
        ids[name] = None
        with errors.check():
            ids[name] = optional_row_id(value, field)
    instants: dict[str, datetime | None] = {}
    for name, text, field in (
        ("created_from", f.created_from, "createdFrom"),
        ("created_to", f.created_to, "createdTo"),
        ("deadline_from", f.deadline_from, "deadlineFrom"),
        ("deadline_to", f.deadline_to, "deadlineTo"),
    ):
        instants[name] = None
        with errors.check():
            instants[name] = parse_instant(text, field)
    errors.raise_if_any()
    return reads.PetitionFilter(
        states=f.states,
        category=f.category,
        kind=f.kind,
        light=f.light,
        overdue=f.overdue,
        round=f.round,
        text=f.text,
        channel=f.channel,
        urged=f.urged,
        overdue_days=f.overdue_days,
        **ids,  # type: ignore[arg-type]
        **instants,  # type: ignore[arg-type]
    )


@strawberry.type
class PetitionerViewConnection:
    nodes: list[PetitionerView]
    page_info: PageInfo


@strawberry.type
class Query:
    @strawberry.field
    async def me(self, info: Ctx) -> Me | None:
        actor = info.context.actor
        if actor is None or actor.has(Role.PETITIONER):
            return None  # a petitioner is no staff member: see myPetitions
        return await me_of(actor)

    @strawberry.field(
        description="One petition (the staff record), if the asker may see it; null otherwise. "
        "Petitioners and petitioner channels read `petitionByTrackingCode` / `myPetitions`."
    )
    async def petition(self, info: Ctx, id: strawberry.ID) -> Petition | None:
        actor = require_actor(info.context.actor)
        try:
            row = await reads.get_petition(actor, row_id(id, "id"))
        except WorkflowError:
            return None
        return wrap_petition(row, reveal=True)

    @strawberry.field(
        description="The petitioner's view of one of their petitions, for a verified "
        "petitioner's token (or the hotline's key: petitions it submitted). Null when the code "
        "is unknown or the petition is not theirs — the two answer alike."
    )
    async def petition_by_tracking_code(self, info: Ctx, code: str) -> PetitionerView | None:
        read = await petitioner.petitioner_petition(info.context.actor, code, info.context.now)
        return petitioner_view(read) if read else None

    @strawberry.field(
        description="A verified petitioner's petitions (the hotline: those it submitted), "
        "newest first, as the petitioner's view."
    )
    async def my_petitions(
        self, info: Ctx, first: int = 20, after: str | None = None
    ) -> PetitionerViewConnection:
        page = await petitioner.petitioner_petitions(
            info.context.actor, first, after, info.context.now
        )
        return PetitionerViewConnection(
            nodes=[petitioner_view(r) for r in page.items],
            page_info=PageInfo(has_next_page=page.has_next, end_cursor=page.end_cursor),
        )

    @strawberry.field
    async def petitions(
        self,
        info: Ctx,
        filter: PetitionFilterInput | None = None,
        first: int = 20,
        after: str | None = None,
    ) -> PetitionConnection:
        actor = require_actor(info.context.actor)
        flt = petition_filter(filter or PetitionFilterInput())
        page = await reads.list_petitions(actor, flt, info.context.now, first, after)
        await prefetch_petitions(info, page.items, ("nodes",), ("edges", "node"))
        return PetitionConnection(
            edges=[
                PetitionEdge(cursor=encode_cursor(p.id), node=wrap_petition(p)) for p in page.items
            ],
            page_info=PageInfo(has_next_page=page.has_next, end_cursor=page.end_cursor),
            actor=actor,
            flt=flt,
            now=info.context.now,
        )

    @strawberry.field
    async def units(
        self,
        info: Ctx,
        kind: UnitKind | None = None,
        parent_id: strawberry.ID | None = None,
        first: int = LIST_CAPS["Query.units"],
    ) -> list[Unit]:
        require_actor(info.context.actor)
        rows = await reads.list_units(kind, optional_row_id(parent_id, "parentId"))
        return [from_row(Unit, r) for r in capped(rows, first, "Query.units")]

    @strawberry.field
    async def topics(self, info: Ctx, first: int = LIST_CAPS["Query.topics"]) -> list[Topic]:
        rows = await reads.list_topics()
        return [from_row(Topic, r) for r in capped(rows, first, "Query.topics")]

    @strawberry.field
    async def duty_items(
        self,
        info: Ctx,
        unit_id: strawberry.ID | None = None,
        topic_id: strawberry.ID | None = None,
        first: int = LIST_CAPS["Query.dutyItems"],
    ) -> list[DutyItem]:
        require_actor(info.context.actor)
        rows = await reads.list_duty_items(
            optional_row_id(unit_id, "unitId"), optional_row_id(topic_id, "topicId")
        )
        return [from_row(DutyItem, r) for r in capped(rows, first, "Query.dutyItems")]
