"""Duty lists (职责任务清单) in the API: explained dispatch suggestions."""

from __future__ import annotations

import strawberry

from resolvers.dispatch_suggestions import dispatch_suggestions
from resolvers.reads import require_actor
from schema.ids import row_id
from schema.types import Ctx, DutyItem, Unit, from_row


@strawberry.type(description="A unit whose duty list fits a petition, with the evidence.")
class DispatchSuggestion:
    unit: Unit
    score: float = strawberry.field(
        description="Higher is a better fit; comparable within one answer only."
    )
    matched_items: list[DutyItem] = strawberry.field(
        description="The unit's duty items that matched, best first."
    )
    matched_terms: list[str] = strawberry.field(
        description="Words of the petition found in those items."
    )
    reason: str = strawberry.field(
        description="Why, in words: matching items, words, topic, and the platform's history."
    )


@strawberry.type
class DutyQuery:
    @strawberry.field(
        description="Units the petition's platform may dispatch to, best fit first. Only for "
        "whoever may dispatch the petition now."
    )
    async def dispatch_suggestions(
        self, info: Ctx, petition_id: strawberry.ID, limit: int = 5
    ) -> list[DispatchSuggestion]:
        actor = require_actor(info.context.actor)
        ranked = await dispatch_suggestions(
            actor, row_id(petition_id, "petitionId"), info.context.now, limit
        )
        return [
            DispatchSuggestion(
                unit=from_row(Unit, unit),
                score=s.score,
                matched_items=[from_row(DutyItem, item) for item in items],
                matched_terms=list(s.terms),
                reason=s.reason,
            )
            for s, unit, items in ranked
        ]
