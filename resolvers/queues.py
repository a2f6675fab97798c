"""A queue of workflow/queues.py turned into a petition list filter for the asking actor."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from resolvers.reads import PetitionFilter, count_petitions
from workflow.actors import Actor
from workflow.queues import QueueSpec, queues_for


def queue_filter(actor: Actor, queue: QueueSpec, base: PetitionFilter) -> PetitionFilter:
    """The queue's conditions on top of the user's own filters (text, category, light …)."""
    unit = actor.unit.id
    return replace(
        base,
        states=list(queue.states) or base.states,
        platform_id=unit if queue.at_my_platform else base.platform_id,
        unit_id=unit if queue.handled_by_me else base.unit_id,
        cooperating_unit_id=unit if queue.cooperating else None,
        review_stages=list(queue.review_stages) or None,
        district_id=actor.unit.district_id if queue.in_my_district else base.district_id,
        pending_extension=queue.pending_extension,
        overdue=True if queue.key == "overdue" else base.overdue,
    )


async def queue_counts(actor: Actor, now: datetime) -> dict[str, int]:
    """How many petitions wait in each of the actor's queues (the numbers on the tabs)."""
    return {
        q.key: await count_petitions(actor, queue_filter(actor, q, PetitionFilter()), now)
        for q in queues_for(actor)
    }
