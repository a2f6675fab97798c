"""Object types. Each wraps a model row; fields that need more data go through DataLoaders."""

from __future__ import annotations

from datetime import datetime

import strawberry
from strawberry.types import Info

from models import Assignment as AssignmentRow
from models import DutyItem as DutyItemRow
from models import Event as EventRow
from models import Petition as PetitionRow
from models import Reply as ReplyRow
from models import Topic as TopicRow
from models import Unit as UnitRow
from resolvers.reads import get_petition, identity_visible
from schema.context import Context
from schema.enums import (
    Action,
    AssignmentEnd,
    AssignmentRole,
    Category,
    Channel,
    Closure,
    Complexity,
    Kind,
    Light,
    PetitionerType,
    ReplyStatus,
    ReviewStage,
    Role,
    State,
    UnitKind,
)
from workflow.errors import WorkflowError
from workflow.lights import light_of
from workflow.privacy import mask_name, mask_phone
from workflow.transitions import allowed_actions

Ctx = Info[Context, None]


@strawberry.type
class Unit:
    row: strawberry.Private[UnitRow]

    @strawberry.field
    def id(self) -> strawberry.ID:
        return strawberry.ID(str(self.row.id))

    @strawberry.field
    def code(self) -> str:
        return self.row.code

    @strawberry.field
    def name(self) -> str:
        return self.row.name

    @strawberry.field
    def kind(self) -> UnitKind:
        return self.row.kind

    @strawberry.field(description="Short code of a district platform, as in tracking codes.")
    def district_code(self) -> str | None:
        return self.row.district_code

    @strawberry.field
    async def parent(self, info: Ctx) -> Unit | None:
        return await _unit(info, self.row.parent_id)


async def _unit(info: Ctx, unit_id: int | None) -> Unit | None:
    if unit_id is None:
        return None
    row = await info.context.loaders.unit.load(unit_id)
    return Unit(row=row) if row else None


@strawberry.type
class Topic:
    row: strawberry.Private[TopicRow]

    @strawberry.field
    def id(self) -> strawberry.ID:
        return strawberry.ID(str(self.row.id))

    @strawberry.field
    def code(self) -> str:
        return self.row.code

    @strawberry.field
    def name(self) -> str:
        return self.row.name

    @strawberry.field(description="Whether this is one of the yearly campaign's areas.")
    def campaign(self) -> bool:
        return self.row.campaign

    @strawberry.field
    async def parent(self, info: Ctx) -> Topic | None:
        if self.row.parent_id is None:
            return None
        row = await info.context.loaders.topic.load(self.row.parent_id)
        return Topic(row=row) if row else None


@strawberry.type
class DutyItem:
    row: strawberry.Private[DutyItemRow]

    @strawberry.field
    def id(self) -> strawberry.ID:
        return strawberry.ID(str(self.row.id))

    @strawberry.field
    def title(self) -> str:
        return self.row.title

    @strawberry.field
    def description(self) -> str:
        return self.row.description

    @strawberry.field
    def keywords(self) -> list[str]:
        return list(self.row.keywords)

    @strawberry.field
    def category(self) -> Category:
        return self.row.category

    @strawberry.field
    def legal_basis(self) -> str:
        return self.row.legal_basis

    @strawberry.field
    async def unit(self, info: Ctx) -> Unit | None:
        return await _unit(info, self.row.unit_id)

    @strawberry.field
    async def topic(self, info: Ctx) -> Topic | None:
        if self.row.topic_id is None:
            return None
        row = await info.context.loaders.topic.load(self.row.topic_id)
        return Topic(row=row) if row else None


@strawberry.type
class Assignment:
    row: strawberry.Private[AssignmentRow]

    @strawberry.field
    def id(self) -> strawberry.ID:
        return strawberry.ID(str(self.row.id))

    @strawberry.field
    def role(self) -> AssignmentRole:
        return self.row.role

    @strawberry.field
    def round(self) -> int:
        return self.row.round

    @strawberry.field
    async def unit(self, info: Ctx) -> Unit | None:
        return await _unit(info, self.row.unit_id)

    @strawberry.field
    async def assigned_by_unit(self, info: Ctx) -> Unit | None:
        return await _unit(info, self.row.assigned_by_unit_id)

    @strawberry.field
    def assigned_at(self) -> datetime:
        return self.row.assigned_at

    @strawberry.field
    def deadline(self) -> datetime | None:
        return self.row.deadline

    @strawberry.field
    def accepted_at(self) -> datetime | None:
        return self.row.accepted_at

    @strawberry.field
    def ended_at(self) -> datetime | None:
        return self.row.ended_at

    @strawberry.field
    def end_reason(self) -> AssignmentEnd | None:
        return self.row.end_reason


@strawberry.type
class Reply:
    row: strawberry.Private[ReplyRow]

    @strawberry.field
    def id(self) -> strawberry.ID:
        return strawberry.ID(str(self.row.id))

    @strawberry.field
    def round(self) -> int:
        return self.row.round

    @strawberry.field
    def status(self) -> ReplyStatus:
        return self.row.status

    @strawberry.field
    def petitioner_situation(self) -> str:
        return self.row.petitioner_situation

    @strawberry.field
    def policy_basis(self) -> str:
        return self.row.policy_basis

    @strawberry.field
    def handling_result(self) -> str:
        return self.row.handling_result

    @strawberry.field
    def responsible_person(self) -> str:
        return self.row.responsible_person

    @strawberry.field
    def contact_phone(self) -> str:
        return self.row.contact_phone

    @strawberry.field
    def submitted_at(self) -> datetime:
        return self.row.submitted_at

    @strawberry.field
    def on_time(self) -> bool | None:
        return self.row.on_time

    @strawberry.field
    def sent_at(self) -> datetime | None:
        return self.row.sent_at

    @strawberry.field
    async def unit(self, info: Ctx) -> Unit | None:
        return await _unit(info, self.row.unit_id)


@strawberry.type(description="One entry of the append-only timeline (全程留痕).")
class TimelineEvent:
    row: strawberry.Private[EventRow]

    @strawberry.field
    def id(self) -> strawberry.ID:
        return strawberry.ID(str(self.row.id))

    @strawberry.field
    def at(self) -> datetime:
        return self.row.at

    @strawberry.field
    def action(self) -> Action:
        return self.row.action

    @strawberry.field
    def actor_name(self) -> str:
        return self.row.actor_name

    @strawberry.field
    def actor_role(self) -> Role:
        return self.row.actor_role

    @strawberry.field
    async def actor_unit(self, info: Ctx) -> Unit | None:
        return await _unit(info, self.row.actor_unit_id)

    @strawberry.field
    def from_state(self) -> State | None:
        return self.row.from_state

    @strawberry.field
    def to_state(self) -> State | None:
        return self.row.to_state

    @strawberry.field
    def note(self) -> str:
        return self.row.note

    @strawberry.field(description="Details of the step as JSON text.")
    def payload(self) -> str:
        import json

        return json.dumps(self.row.payload, ensure_ascii=False, sort_keys=True)


@strawberry.type
class Petition:
    row: strawberry.Private[PetitionRow]
    # True only on single-petition reads, where revealing identity is logged.
    reveal: strawberry.Private[bool] = False

    @strawberry.field
    def id(self) -> strawberry.ID:
        return strawberry.ID(str(self.row.id))

    @strawberry.field
    def tracking_code(self) -> str:
        return self.row.tracking_code

    @strawberry.field
    def version(self) -> int:
        return self.row.version

    @strawberry.field
    def title(self) -> str:
        return self.row.title

    @strawberry.field
    def content(self) -> str:
        return self.row.content

    @strawberry.field
    def category(self) -> Category:
        return self.row.category

    @strawberry.field
    def kind(self) -> Kind | None:
        return self.row.kind

    @strawberry.field
    def complexity(self) -> Complexity:
        return self.row.complexity

    @strawberry.field
    async def topic(self, info: Ctx) -> Topic | None:
        if self.row.topic_id is None:
            return None
        row = await info.context.loaders.topic.load(self.row.topic_id)
        return Topic(row=row) if row else None

    @strawberry.field
    def channel(self) -> Channel:
        return self.row.channel

    @strawberry.field
    def external_id(self) -> str | None:
        return self.row.external_id

    @strawberry.field
    def petitioner_type(self) -> PetitionerType:
        return self.row.petitioner_type

    @strawberry.field
    def anonymous(self) -> bool:
        return self.row.anonymous

    def _identity_shown(self, info: Ctx) -> bool:
        actor = info.context.actor
        return self.reveal and actor is not None and identity_visible(actor, self.row)

    @strawberry.field(description="Masked unless the asker may see it and reads one petition.")
    def petitioner_name(self, info: Ctx) -> str:
        if self._identity_shown(info):
            return self.row.petitioner_name
        return "匿名" if self.row.anonymous else mask_name(self.row.petitioner_name)

    @strawberry.field(description="Masked (138****5678) unless the asker may see it.")
    def petitioner_phone(self, info: Ctx) -> str:
        if self._identity_shown(info):
            return self.row.petitioner_phone
        return "***" if self.row.anonymous else mask_phone(self.row.petitioner_phone)

    @strawberry.field
    def address(self) -> str:
        return self.row.address

    @strawberry.field
    async def district(self, info: Ctx) -> Unit | None:
        return await _unit(info, self.row.district_id)

    @strawberry.field
    async def street(self, info: Ctx) -> Unit | None:
        return await _unit(info, self.row.street_id)

    @strawberry.field
    async def community(self, info: Ctx) -> Unit | None:
        return await _unit(info, self.row.community_id)

    @strawberry.field
    def lat(self) -> float | None:
        return self.row.lat

    @strawberry.field
    def lng(self) -> float | None:
        return self.row.lng

    @strawberry.field
    def state(self) -> State:
        return self.row.state

    @strawberry.field
    def round(self) -> int:
        return self.row.round

    @strawberry.field(description="The platform whose inbox holds it, or that dispatched it.")
    async def platform(self, info: Ctx) -> Unit | None:
        return await _unit(info, self.row.platform_id)

    @strawberry.field
    async def handling_unit(self, info: Ctx) -> Unit | None:
        return await _unit(info, self.row.handling_unit_id)

    @strawberry.field
    def review_stage(self) -> ReviewStage | None:
        return self.row.review_stage

    @strawberry.field
    def time_limit_days(self) -> int | None:
        return self.row.time_limit_days

    @strawberry.field
    def deadline(self) -> datetime | None:
        return self.row.deadline

    @strawberry.field
    def original_deadline(self) -> datetime | None:
        return self.row.original_deadline

    @strawberry.field(
        description="True when a year in the deadline's span has no official calendar."
    )
    def deadline_estimated(self) -> bool:
        return self.row.deadline_estimated

    def _light(self, info: Ctx) -> Light | None:
        return light_of(self.row.state, self.row.deadline, self.row.yellow_at, info.context.now)

    @strawberry.field(description="BLUE, YELLOW or RED while a handling unit's clock runs.")
    def light(self, info: Ctx) -> Light | None:
        return self._light(info)

    @strawberry.field
    def overdue(self, info: Ctx) -> bool:
        return self._light(info) is Light.RED

    @strawberry.field
    def urge_count(self) -> int:
        return self.row.urge_count

    @strawberry.field
    def closure(self) -> Closure | None:
        return self.row.closure

    @strawberry.field(description="The petition this one was merged into, if visible to the asker.")
    async def duplicate_of(self, info: Ctx) -> Petition | None:
        actor = info.context.actor
        if self.row.duplicate_of_id is None or actor is None:
            return None
        try:
            row = await get_petition(actor, self.row.duplicate_of_id)
        except WorkflowError:
            return None
        return Petition(row=row)

    @strawberry.field
    def evaluation_due_at(self) -> datetime | None:
        return self.row.evaluation_due_at

    @strawberry.field
    def created_at(self) -> datetime:
        return self.row.created_at

    @strawberry.field
    def updated_at(self) -> datetime:
        return self.row.updated_at

    @strawberry.field
    def closed_at(self) -> datetime | None:
        return self.row.closed_at

    @strawberry.field
    async def assignments(self, info: Ctx) -> list[Assignment]:
        rows = await info.context.loaders.assignments.load(self.row.id)
        return [Assignment(row=r) for r in rows]

    @strawberry.field
    async def replies(self, info: Ctx) -> list[Reply]:
        rows = await info.context.loaders.replies.load(self.row.id)
        return [Reply(row=r) for r in rows]

    @strawberry.field
    async def timeline(self, info: Ctx) -> list[TimelineEvent]:
        rows = await info.context.loaders.events.load(self.row.id)
        return [TimelineEvent(row=r) for r in rows]

    @strawberry.field(description="The steps the asking actor may take now.")
    async def available_actions(self, info: Ctx) -> list[Action]:
        actor = info.context.actor
        if actor is None:
            return []
        view = await info.context.loaders.view.load(self.row)
        return allowed_actions(view, actor)


def wrap_petition(row: PetitionRow, reveal: bool = False) -> Petition:
    return Petition(row=row, reveal=reveal)
