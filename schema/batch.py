"""Batch mutations: one step on several petitions, each result reported on its own row."""

from __future__ import annotations

import strawberry

from resolvers import batch_steps
from resolvers.batch_steps import BatchOutcome
from resolvers.reads import require_actor
from schema.errors import Error, result, to_error
from schema.ids import row_id
from schema.types import Ctx, Petition, wrap_petition
from workflow.enums import Complexity


@strawberry.type(description="One petition's outcome in a batch: its new state, or why not.")
class BatchItemResult:
    id: strawberry.ID
    petition: Petition | None
    error: Error | None


@strawberry.type
class BatchResult:
    items: list[BatchItemResult]
    succeeded: int
    failed: int


@strawberry.input
class BatchInput:
    ids: list[strawberry.ID]


@strawberry.input
class BatchReviewInput:
    ids: list[strawberry.ID]
    approve: bool
    note: str = ""


@strawberry.input
class BatchDispatchInput:
    ids: list[strawberry.ID]
    lead_unit_id: strawberry.ID
    complexity: Complexity | None = None
    note: str = ""


def _ids(values: list[strawberry.ID]) -> list[int]:
    return [row_id(v, "ids") for v in values]


def _report(info: Ctx, outcomes: list[BatchOutcome]) -> BatchResult:
    info.context.after_write()
    items = [
        BatchItemResult(
            id=strawberry.ID(str(o.petition_id)),
            petition=wrap_petition(o.petition) if o.petition else None,
            error=to_error(o.error) if o.error else None,
        )
        for o in outcomes
    ]
    done = sum(1 for o in outcomes if o.ok)
    return BatchResult(items=items, succeeded=done, failed=len(outcomes) - done)


@strawberry.type
class BatchMutation:
    @strawberry.mutation(description="签收 several assignments of the actor's unit.")
    async def accept_petitions(self, info: Ctx, input: BatchInput) -> result(
        "AcceptPetitionsResult", BatchResult
    ):
        actor = require_actor(info.context.actor)
        outcomes = await batch_steps.accept_many(actor, _ids(input.ids), info.context.now)
        return _report(info, outcomes)

    @strawberry.mutation(description="Approve or reject several replies at the actor's stage.")
    async def review_replies(self, info: Ctx, input: BatchReviewInput) -> result(
        "ReviewRepliesResult", BatchResult
    ):
        actor = require_actor(info.context.actor)
        outcomes = await batch_steps.review_many(
            actor, _ids(input.ids), info.context.now, approve=input.approve, note=input.note
        )
        return _report(info, outcomes)

    @strawberry.mutation(description="Dispatch several petitions to the same lead unit.")
    async def dispatch_petitions(self, info: Ctx, input: BatchDispatchInput) -> result(
        "DispatchPetitionsResult", BatchResult
    ):
        actor = require_actor(info.context.actor)
        outcomes = await batch_steps.dispatch_many(
            actor,
            _ids(input.ids),
            info.context.now,
            lead_unit_id=row_id(input.lead_unit_id, "leadUnitId"),
            complexity=input.complexity,
            note=input.note,
        )
        return _report(info, outcomes)
