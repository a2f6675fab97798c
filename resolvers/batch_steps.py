"""Routine work in batches: the same step on several petitions, each checked and written on its
own (its own transaction, version check and event), refusals reported row by row.

A batch is a convenience for the worker, not a new rule: every petition goes through the very
operation a single form would call, so nothing is half-done for any one petition.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime

from models import Petition
from resolvers import handling, triage
from workflow.actors import Actor
from workflow.enums import Complexity
from workflow.errors import WorkflowError, invalid

MAX_BATCH = 50

Step = Callable[[int], Awaitable[Petition]]


@dataclass(frozen=True)
class BatchOutcome:
    petition_id: int
    petition: Petition | None = None
    error: WorkflowError | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


async def run_batch(petition_ids: list[int], step: Step) -> list[BatchOutcome]:
    ids = list(dict.fromkeys(petition_ids))
    if not ids:
        raise invalid("ids", "请至少选择一件诉求")
    if len(ids) > MAX_BATCH:
        raise invalid("ids", f"一次最多处理{MAX_BATCH}件")
    outcomes = []
    for pid in ids:
        try:
            outcomes.append(BatchOutcome(pid, petition=await step(pid)))
        except WorkflowError as exc:
            outcomes.append(BatchOutcome(pid, error=exc))
    return outcomes


async def accept_many(actor: Actor, ids: list[int], now: datetime) -> list[BatchOutcome]:
    return await run_batch(ids, lambda pid: handling.accept_petition(actor, pid, now))


async def review_many(
    actor: Actor, ids: list[int], now: datetime, *, approve: bool, note: str = ""
) -> list[BatchOutcome]:
    return await run_batch(
        ids, lambda pid: handling.review_reply(actor, pid, now, approve=approve, note=note)
    )


async def dispatch_many(
    actor: Actor,
    ids: list[int],
    now: datetime,
    *,
    lead_unit_id: int,
    complexity: Complexity | None = None,
    note: str = "",
) -> list[BatchOutcome]:
    return await run_batch(
        ids,
        lambda pid: triage.dispatch_petition(
            actor, pid, now, lead_unit_id=lead_unit_id, complexity=complexity, note=note
        ),
    )
