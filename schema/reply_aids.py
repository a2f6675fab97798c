"""A unit's stock phrases (常用语) and the asker's reply drafts."""

from __future__ import annotations

from datetime import datetime

import strawberry

from models import ReplyDraft as ReplyDraftRow
from models import ReplyTemplate as ReplyTemplateRow
from resolvers import reply_aids
from resolvers.reads import require_actor
from schema.errors import result
from schema.ids import row_id
from schema.types import Ctx, from_row


@strawberry.type(description="常用语: a stock passage of a unit's replies.")
class ReplyTemplate:
    row: strawberry.Private[ReplyTemplateRow]
    id: strawberry.ID
    title: str
    policy_basis: str
    handling_result: str
    created_at: datetime


@strawberry.type(description="The asker's unsent reply to one petition.")
class ReplyDraft:
    row: strawberry.Private[ReplyDraftRow]
    id: strawberry.ID
    petitioner_situation: str
    policy_basis: str
    handling_result: str
    responsible_person: str
    contact_phone: str
    updated_at: datetime


@strawberry.input
class SaveReplyDraftInput:
    petition_id: strawberry.ID
    petitioner_situation: str = ""
    policy_basis: str = ""
    handling_result: str = ""
    responsible_person: str = ""
    contact_phone: str = ""


@strawberry.input
class CreateReplyTemplateInput:
    title: str
    policy_basis: str = ""
    handling_result: str = ""


@strawberry.type
class SaveReplyDraftSuccess:
    draft: ReplyDraft


@strawberry.type
class ReplyTemplateSuccess:
    template: ReplyTemplate


@strawberry.type
class RetireReplyTemplateSuccess:
    ok: bool


@strawberry.type
class ReplyAidsQuery:
    @strawberry.field(description="The stock phrases of the asker's unit.")
    async def reply_templates(self, info: Ctx) -> list[ReplyTemplate]:
        rows = await reply_aids.unit_templates(require_actor(info.context.actor))
        return [from_row(ReplyTemplate, r) for r in rows]

    @strawberry.field(description="The asker's own draft reply to a petition, if any.")
    async def reply_draft(self, info: Ctx, petition_id: strawberry.ID) -> ReplyDraft | None:
        actor = require_actor(info.context.actor)
        row = await reply_aids.my_draft(actor, row_id(petition_id, "petitionId"))
        return from_row(ReplyDraft, row) if row else None


@strawberry.type
class ReplyAidsMutation:
    @strawberry.mutation
    async def save_reply_draft(self, info: Ctx, input: SaveReplyDraftInput) -> result(
        "SaveReplyDraftResult", SaveReplyDraftSuccess
    ):
        values = {c: getattr(input, c) for c in reply_aids.DRAFT_FIELDS}
        row = await reply_aids.save_draft(
            require_actor(info.context.actor),
            row_id(input.petition_id, "petitionId"),
            values,
            info.context.now,
        )
        return SaveReplyDraftSuccess(draft=from_row(ReplyDraft, row))

    @strawberry.mutation
    async def create_reply_template(self, info: Ctx, input: CreateReplyTemplateInput) -> result(
        "CreateReplyTemplateResult", ReplyTemplateSuccess
    ):
        row = await reply_aids.create_template(
            require_actor(info.context.actor),
            input.title,
            input.policy_basis,
            input.handling_result,
            info.context.now,
        )
        return ReplyTemplateSuccess(template=from_row(ReplyTemplate, row))

    @strawberry.mutation
    async def retire_reply_template(self, info: Ctx, id: strawberry.ID) -> result(
        "RetireReplyTemplateResult", RetireReplyTemplateSuccess
    ):
        await reply_aids.retire_template(
            require_actor(info.context.actor), row_id(id, "id"), info.context.now
        )
        return RetireReplyTemplateSuccess(ok=True)
