"""Assessments and referrals (问责移交) in the API: the queue and page of the discipline
inspection unit and the organisation department, and their two steps.

Who sees a referral and who may move it on is decided by workflow/referrals.py through
resolvers/referrals.py; nothing here decides it.
"""

from __future__ import annotations

from datetime import datetime

import strawberry

from models import Assessment as AssessmentRow
from models import Referral as ReferralRow
from models import ReferralEvent as ReferralEventRow
from resolvers import referrals
from resolvers.reads import require_actor
from schema.enums import AssessmentResult, Role
from schema.errors import result
from schema.ids import row_id
from schema.queries import PageInfo
from schema.types import Ctx, Petition, Unit, from_row, unit_of, wrap_petition
from workflow.enums import ReferralState, ReferralStep
from workflow.errors import WorkflowError
from workflow.referrals import allowed_referral_steps

strawberry.enum(ReferralState, description="OPEN → ACKNOWLEDGED → CONCLUDED.")
strawberry.enum(ReferralStep, description="A step in a referral's history.")


@strawberry.type(description="The judgement of a unit after a failed second round (履职评估).")
class Assessment:
    row: strawberry.Private[AssessmentRow]

    id: strawberry.ID

    result: AssessmentResult

    note: str

    created_at: datetime

    @strawberry.field(description="The unit assessed.")
    async def unit(self, info: Ctx) -> Unit | None:
        return await unit_of(info, self.row.unit_id)

    @strawberry.field(description="The platform that assessed it.")
    async def assessor_unit(self, info: Ctx) -> Unit | None:
        return await unit_of(info, self.row.assessor_unit_id)

    @strawberry.field(description="The petition assessed, if the asker may see it.")
    async def petition(self, info: Ctx) -> Petition | None:
        actor = info.context.actor
        if actor is None:
            return None
        row = await info.context.loaders.petition_for(actor).load(self.row.petition_id)
        return wrap_petition(row) if row else None


async def _assessment(info: Ctx, assessment_id: int) -> Assessment | None:
    row = await info.context.loaders.assessment.load(assessment_id)
    return from_row(Assessment, row) if row else None


@strawberry.type(description="One step of a referral's history: who, as which unit, when.")
class ReferralEvent:
    row: strawberry.Private[ReferralEventRow]

    id: strawberry.ID

    step: ReferralStep

    at: datetime

    actor_name: str

    actor_role: Role

    @strawberry.field
    async def actor_unit(self, info: Ctx) -> Unit | None:
        return await unit_of(info, self.row.actor_unit_id)

    from_state: ReferralState | None

    to_state: ReferralState

    note: str


@strawberry.type(description="A unit handed over to accountability after two failed assessments.")
class Referral:
    row: strawberry.Private[ReferralRow]

    id: strawberry.ID

    state: ReferralState

    version: int

    created_at: datetime

    acknowledged_at: datetime | None

    concluded_at: datetime | None

    result: str = strawberry.field(description="What was decided; set when concluded.")

    @strawberry.field(description="The unit referred.")
    async def unit(self, info: Ctx) -> Unit | None:
        return await unit_of(info, self.row.unit_id)

    @strawberry.field(description="The earlier of the two NOT_FULFILLED assessments.")
    async def first_assessment(self, info: Ctx) -> Assessment | None:
        return await _assessment(info, self.row.first_assessment_id)

    @strawberry.field(description="The later of the two NOT_FULFILLED assessments.")
    async def second_assessment(self, info: Ctx) -> Assessment | None:
        return await _assessment(info, self.row.second_assessment_id)

    @strawberry.field(description="Created, acknowledged, concluded: oldest first.")
    async def history(self, info: Ctx) -> list[ReferralEvent]:
        rows = await info.context.loaders.referral_events.load(self.row.id)
        return [from_row(ReferralEvent, r) for r in rows]

    @strawberry.field(description="The steps the asking actor may take now.")
    def available_steps(self, info: Ctx) -> list[ReferralStep]:
        actor = info.context.actor
        if actor is None:
            return []
        return allowed_referral_steps(ReferralState(self.row.state), actor)


@strawberry.type
class ReferralEdge:
    cursor: str
    node: Referral


@strawberry.type
class ReferralConnection:
    edges: list[ReferralEdge]
    page_info: PageInfo
    total_count: int

    @strawberry.field
    def nodes(self) -> list[Referral]:
        return [e.node for e in self.edges]


@strawberry.input
class AcknowledgeReferralInput:
    id: strawberry.ID
    note: str = ""
    expected_version: int | None = None


@strawberry.input
class ConcludeReferralInput:
    id: strawberry.ID
    result: str
    expected_version: int | None = None


@strawberry.type
class ReferralSuccess:
    referral: Referral


@strawberry.type
class ReferralQuery:
    @strawberry.field(
        description="Referrals, newest first: for the discipline inspection unit, the "
        "organisation department and city supervisors; empty for everyone else."
    )
    async def referrals(
        self,
        info: Ctx,
        state: ReferralState | None = None,
        first: int = 20,
        after: str | None = None,
    ) -> ReferralConnection:
        actor = require_actor(info.context.actor)
        page = await referrals.list_referrals(actor, state, first, after)
        return ReferralConnection(
            edges=[
                ReferralEdge(cursor=referrals.encode_cursor(r.id), node=from_row(Referral, r))
                for r in page.items
            ],
            page_info=PageInfo(has_next_page=page.has_next, end_cursor=page.end_cursor),
            total_count=page.total,
        )

    @strawberry.field(description="One referral, if the asker may see it; null otherwise.")
    async def referral(self, info: Ctx, id: strawberry.ID) -> Referral | None:
        actor = require_actor(info.context.actor)
        try:
            row = await referrals.get_referral(actor, row_id(id, "id"))
        except WorkflowError:
            return None
        return from_row(Referral, row)


@strawberry.type
class ReferralMutation:
    @strawberry.mutation(description="The referral is received (OPEN → ACKNOWLEDGED).")
    async def acknowledge_referral(self, info: Ctx, input: AcknowledgeReferralInput) -> result(
        "AcknowledgeReferralResult", ReferralSuccess
    ):
        row = await referrals.acknowledge_referral(
            require_actor(info.context.actor),
            row_id(input.id, "id"),
            info.context.now,
            note=input.note,
            expected_version=input.expected_version,
        )
        info.context.after_write()
        return ReferralSuccess(referral=from_row(Referral, row))

    @strawberry.mutation(
        description="The referral is concluded with its result (ACKNOWLEDGED → CONCLUDED)."
    )
    async def conclude_referral(self, info: Ctx, input: ConcludeReferralInput) -> result(
        "ConcludeReferralResult", ReferralSuccess
    ):
        row = await referrals.conclude_referral(
            require_actor(info.context.actor),
            row_id(input.id, "id"),
            info.context.now,
            result=input.result,
            expected_version=input.expected_version,
        )
        info.context.after_write()
        return ReferralSuccess(referral=from_row(Referral, row))
