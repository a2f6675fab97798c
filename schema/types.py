"""Object types. Each wraps a model row; fields that need more data go through DataLoaders."""

from __future__ import annotations

import dataclasses
import functools
from datetime import datetime
from typing import TYPE_CHECKING, Annotated, Any, TypeVar, cast

import strawberry
from strawberry.types import Info
from strawberry.types.private import is_private

from models import Assignment as AssignmentRow
from models import DutyItem as DutyItemRow
from models import Event as EventRow
from models import Petition as PetitionRow
from models import Reply as ReplyRow
from models import Topic as TopicRow
from models import Unit as UnitRow
from resolvers.petitioner import material_facts
from resolvers.reads import get_petition, identity_visible, record_personal_data_view
from schema.context import Context
from schema.enums import (
    Action,
    ApiClientKind,
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
from schema.petitioner import PetitionerMaterial, material
from schema.prefetch import now_or_later
from workflow.errors import WorkflowError
from workflow.lights import light_of
from workflow.privacy import displayed_identity, sees_assessments
from workflow.transitions import allowed_actions

if TYPE_CHECKING:
    from schema.referrals import Assessment

Ctx = Info[Context, None]
T = TypeVar("T")


@functools.cache
def _basic_fields(cls: type) -> tuple[str, ...]:
    """The fields of a type that are plain copies of the row's columns (strawberry's fast
    path: no resolver call, no Info), named like the model's attributes."""
    return tuple(
        f.python_name
        for f in cls.__strawberry_definition__.fields  # type: ignore[attr-defined]
        if f.base_resolver is None and not is_private(f.type_annotation.resolve())
    )


@functools.cache
def _plain_init(cls: type) -> tuple[dict[str, Any], frozenset[str], frozenset[str]] | None:
    """For a type whose constructor only stores its arguments (no __post_init__, no default
    factory): the defaults of the fields from_row does not fill, the names it must be given
    and the names it may be given. None for any other type."""
    if hasattr(cls, "__post_init__"):
        return None
    filled = {"row", *_basic_fields(cls)}
    defaults: dict[str, Any] = {}
    required: set[str] = set()
    for f in dataclasses.fields(cls):
        if not f.init or f.name in filled:
            continue
        if f.default_factory is not dataclasses.MISSING:
            return None
        if f.default is dataclasses.MISSING:
            required.add(f.name)
        else:
            defaults[f.name] = f.default
    return defaults, frozenset(required), frozenset(required | defaults.keys())


def from_row(cls: type[T], row: Any, **extra: Any) -> T:
    """The API object for a model row: basic fields copied, the rest resolved on demand.
    Made without the dataclass constructor where that would only store the values (a list
    page makes a hundred and more of these); otherwise, and for arguments the type does not
    take, through the constructor (which then says what is wrong)."""
    plain = _plain_init(cls)  # type: ignore[arg-type]
    if plain is None or not plain[1] <= extra.keys() <= plain[2]:
        return cls(row=row, **_row_values(cls, row), **extra)  # type: ignore[call-arg]
    made = object.__new__(cls)
    made.__dict__.update(plain[0], **_row_values(cls, row), row=row, **extra)
    return made


def _row_values(cls: type, row: Any) -> dict[str, Any]:
    values = {name: getattr(row, name) for name in _basic_fields(cls)}
    if "id" in values:
        values["id"] = strawberry.ID(str(row.id))
    return values


@strawberry.type
class Unit:
    row: strawberry.Private[UnitRow]

    id: strawberry.ID

    code: str

    name: str

    kind: UnitKind

    district_code: str | None = strawberry.field(
        description="Short code of a district platform, as in tracking codes."
    )

    area_name: str | None = strawberry.field(
        description="The administrative area a platform serves (市南区 for 暖南诉办, 青岛市 for "
        "the city platform): the name to show where a place is meant."
    )

    @strawberry.field
    def parent(self, info: Ctx) -> Unit | None:
        return unit_now(info, self.row.parent_id)


async def unit_of(info: Ctx, unit_id: int | None) -> Unit | None:
    if unit_id is None:
        return None
    row = await info.context.loaders.unit.load(unit_id)
    return from_row(Unit, row) if row else None


def unit_now(info: Ctx, unit_id: int | None) -> Unit | None:
    """For the fields every list row has: the unit from the request's copy of the catalog,
    without a future per row. A unit missing from the copy (created a moment ago in another
    process) comes through the loader: graphql-core awaits an awaitable a resolver returns."""
    if unit_id is None:
        return None
    ctx = info.context
    made = ctx.made_units.get(unit_id)
    if made is None:
        row = ctx.catalog.units.get(unit_id) if ctx.catalog is not None else None
        if row is None:
            return cast("Unit | None", unit_of(info, unit_id))
        made = ctx.made_units[unit_id] = from_row(Unit, row)
    return made


def topic_now(info: Ctx, topic_id: int | None) -> Topic | None:
    """As unit_now, for topics."""
    if topic_id is None:
        return None
    ctx = info.context
    row = ctx.catalog.topics.get(topic_id) if ctx.catalog is not None else None
    if row is None:
        return cast("Topic | None", _topic_loaded(info, topic_id))
    return from_row(Topic, row)


async def _topic_loaded(info: Ctx, topic_id: int) -> Topic | None:
    row = await info.context.loaders.topic.load(topic_id)
    return from_row(Topic, row) if row else None


@strawberry.type
class Topic:
    row: strawberry.Private[TopicRow]

    id: strawberry.ID

    code: str

    name: str

    campaign: bool = strawberry.field(
        description="Whether this is one of the yearly campaign's areas."
    )

    @strawberry.field
    async def parent(self, info: Ctx) -> Topic | None:
        if self.row.parent_id is None:
            return None
        row = await info.context.loaders.topic.load(self.row.parent_id)
        return from_row(Topic, row) if row else None


@strawberry.type
class DutyItem:
    row: strawberry.Private[DutyItemRow]

    id: strawberry.ID

    title: str

    description: str

    @strawberry.field
    def keywords(self) -> list[str]:
        return list(self.row.keywords)

    category: Category

    legal_basis: str

    active: bool = strawberry.field(description="False once retired: no longer a dispatch basis.")

    retired_at: datetime | None

    @strawberry.field
    async def unit(self, info: Ctx) -> Unit | None:
        return await unit_of(info, self.row.unit_id)

    @strawberry.field
    async def topic(self, info: Ctx) -> Topic | None:
        if self.row.topic_id is None:
            return None
        row = await info.context.loaders.topic.load(self.row.topic_id)
        return from_row(Topic, row) if row else None


@strawberry.type
class Assignment:
    row: strawberry.Private[AssignmentRow]

    id: strawberry.ID

    role: AssignmentRole

    round: int

    @strawberry.field
    def unit(self, info: Ctx) -> Unit | None:
        return unit_now(info, self.row.unit_id)

    @strawberry.field
    def assigned_by_unit(self, info: Ctx) -> Unit | None:
        return unit_now(info, self.row.assigned_by_unit_id)

    assigned_at: datetime

    deadline: datetime | None

    accepted_at: datetime | None

    ended_at: datetime | None

    end_reason: AssignmentEnd | None


@strawberry.type
class Reply:
    row: strawberry.Private[ReplyRow]

    id: strawberry.ID

    round: int

    status: ReplyStatus

    petitioner_situation: str

    policy_basis: str

    handling_result: str

    responsible_person: str

    contact_phone: str

    submitted_at: datetime

    on_time: bool | None

    sent_at: datetime | None

    @strawberry.field
    async def unit(self, info: Ctx) -> Unit | None:
        return await unit_of(info, self.row.unit_id)


@strawberry.type(description="One entry of the append-only timeline (全程留痕).")
class TimelineEvent:
    row: strawberry.Private[EventRow]

    id: strawberry.ID

    at: datetime

    action: Action

    actor_name: str

    actor_role: Role

    actor_client_kind: ApiClientKind | None = strawberry.field(
        description="For a machine client (role API_CLIENT): which kind; actorName is its key's."
    )

    @strawberry.field
    async def actor_unit(self, info: Ctx) -> Unit | None:
        return await unit_of(info, self.row.actor_unit_id)

    from_state: State | None

    to_state: State | None

    note: str

    @strawberry.field(description="Details of the step as JSON text.")
    def payload(self) -> str:
        import json

        return json.dumps(self.row.payload, ensure_ascii=False, sort_keys=True)


@strawberry.type
class Petition:
    row: strawberry.Private[PetitionRow]
    # True only on single-petition reads, where revealing identity is logged.
    reveal: strawberry.Private[bool] = False

    id: strawberry.ID

    tracking_code: str

    version: int

    title: str

    content: str

    category: Category

    kind: Kind | None

    complexity: Complexity

    @strawberry.field
    def topic(self, info: Ctx) -> Topic | None:
        return topic_now(info, self.row.topic_id)

    channel: Channel

    external_id: str | None

    petitioner_type: PetitionerType

    anonymous: bool

    async def _identity(self, info: Ctx) -> tuple[str, str]:
        """Decided on the field itself, whatever the query's shape (fragments included): the
        real values only on a single-petition read by someone allowed, and each such read is
        on the timeline once per request."""
        ctx = info.context
        row = self.row
        shown = self.reveal and ctx.actor is not None and identity_visible(ctx.actor, row)
        if shown and ctx.actor is not None and row.id not in ctx.revealed:
            ctx.revealed.add(row.id)
            await record_personal_data_view(ctx.actor, row, ctx.now)
        return displayed_identity(row.petitioner_name, row.petitioner_phone, row.anonymous, shown)

    @strawberry.field(description="Masked unless the asker may see it and reads one petition.")
    async def petitioner_name(self, info: Ctx) -> str:
        return (await self._identity(info))[0]

    @strawberry.field(
        description="Masked (138****5678) unless the asker may see it and reads one petition; "
        "each unmasked read is recorded on the timeline."
    )
    async def petitioner_phone(self, info: Ctx) -> str:
        return (await self._identity(info))[1]

    address: str

    @strawberry.field
    def district(self, info: Ctx) -> Unit | None:
        return unit_now(info, self.row.district_id)

    @strawberry.field
    def street(self, info: Ctx) -> Unit | None:
        return unit_now(info, self.row.street_id)

    @strawberry.field
    def community(self, info: Ctx) -> Unit | None:
        return unit_now(info, self.row.community_id)

    lat: float | None

    lng: float | None

    state: State

    round: int

    @strawberry.field(description="The platform whose inbox holds it, or that dispatched it.")
    def platform(self, info: Ctx) -> Unit | None:
        return unit_now(info, self.row.platform_id)

    @strawberry.field
    def handling_unit(self, info: Ctx) -> Unit | None:
        return unit_now(info, self.row.handling_unit_id)

    review_stage: ReviewStage | None

    time_limit_days: int | None

    deadline: datetime | None

    original_deadline: datetime | None

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

    urge_count: int

    closure: Closure | None

    @strawberry.field(description="The petition this one was merged into, if visible to the asker.")
    async def duplicate_of(self, info: Ctx) -> Petition | None:
        actor = info.context.actor
        if self.row.duplicate_of_id is None or actor is None:
            return None
        try:
            row = await get_petition(actor, self.row.duplicate_of_id)
        except WorkflowError:
            return None
        return from_row(Petition, row)

    @strawberry.field(
        description="Petitions merged into this one (合并办理), oldest first, among those the "
        "asker may see; their petitioners receive this petition's sent reply."
    )
    async def duplicates(self, info: Ctx) -> list[Petition]:
        actor = info.context.actor
        if actor is None:
            return []
        rows = await info.context.loaders.merged_for(actor).load(self.row.id)
        return [from_row(Petition, r) for r in rows]

    evaluation_due_at: datetime | None

    first_contacted_at: datetime | None = strawberry.field(
        description="先行联系: when the handling unit first reached the petitioner."
    )

    created_at: datetime

    updated_at: datetime

    closed_at: datetime | None

    def _children(self, loader: Any, cls: type[T]) -> list[T]:
        """Sync, for the rows a page read ahead (schema.prefetch); otherwise an awaitable."""
        made = now_or_later(loader, self.row.id, lambda rows: [from_row(cls, r) for r in rows])
        return cast("list[T]", made)

    @strawberry.field
    def assignments(self, info: Ctx) -> list[Assignment]:
        return self._children(info.context.loaders.assignments, Assignment)

    @strawberry.field
    def replies(self, info: Ctx) -> list[Reply]:
        return self._children(info.context.loaders.replies, Reply)

    @strawberry.field(
        description="Assessments of the handling unit after a failed second round (staff only)."
    )
    async def assessments(
        self, info: Ctx
    ) -> list[Annotated[Assessment, strawberry.lazy("schema.referrals")]]:
        from schema.referrals import Assessment as AssessmentType

        actor = info.context.actor
        if actor is None or not sees_assessments(actor):
            return []
        rows = await info.context.loaders.assessments.load(self.row.id)
        return [from_row(AssessmentType, r) for r in rows]

    @strawberry.field(description="Material the petitioner added (新增材料).")
    async def materials(self, info: Ctx) -> list[PetitionerMaterial]:
        rows = await info.context.loaders.materials.load(self.row.id)
        return [material(material_facts(r)) for r in rows]

    @strawberry.field
    async def timeline(self, info: Ctx) -> list[TimelineEvent]:
        rows = await info.context.loaders.events.load(self.row.id)
        return [from_row(TimelineEvent, r) for r in rows]

    @strawberry.field(description="The steps the asking actor may take now.")
    def available_actions(self, info: Ctx) -> list[Action]:
        actor = info.context.actor
        if actor is None:
            return []
        return cast(
            "list[Action]",
            now_or_later(
                info.context.loaders.view, self.row, lambda view: allowed_actions(view, actor)
            ),
        )


def wrap_petition(row: PetitionRow, reveal: bool = False) -> Petition:
    return from_row(Petition, row, reveal=reveal)
