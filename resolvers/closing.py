"""The end of a petition: evaluation, the unevaluated sweep, assessment and referral,
urging and withdrawal."""

from __future__ import annotations

from datetime import datetime
from typing import cast

from models import Assessment, Evaluation, Petition, Reply, Urge
from resolvers.base import Loaded, Step, end_assignments, run_step, scoped
from resolvers.clock import STOPPED_CLOCK
from resolvers.merged import evaluate_merged
from resolvers.referrals import lock_unit, refer_if_due
from resolvers.text import optional_text, required_text
from workflow.actors import SYSTEM_ACTOR, Actor
from workflow.enums import (
    Action,
    AssessmentResult,
    AssignmentEnd,
    Closure,
    EvaluationSource,
    ReplyStatus,
    Resolution,
    Role,
    Satisfaction,
    State,
)
from workflow.errors import WorkflowError
from workflow.lifecycle import after_evaluation


async def evaluate_petition(
    actor: Actor,
    petition_id: int,
    now: datetime,
    *,
    satisfaction: Satisfaction,
    resolution: Resolution,
    comment: str = "",
    expected_version: int | None = None,
) -> Petition:
    text = optional_text(comment, "comment", "评价意见", 1000)
    source = (
        EvaluationSource.PETITIONER
        if actor.has(Role.PETITIONER)
        else EvaluationSource.STAFF_CALLBACK
    )

    if await scoped(actor).filter(id=petition_id, duplicate_of_id__isnull=False).exists():
        return await evaluate_merged(
            actor,
            petition_id,
            now,
            satisfaction=satisfaction,
            resolution=resolution,
            comment=text,
            expected_version=expected_version,
        )

    async def apply(ld: Loaded) -> Step:
        p = ld.petition
        reply = (
            await Reply.filter(petition_id=p.id, round=p.round, status=ReplyStatus.SENT)
            .using_db(ld.conn)
            .order_by("-id")
            .first()
        )
        unit_id = reply.unit_id if reply else p.handling_unit_id
        assert unit_id is not None
        ev = await Evaluation.create(
            petition_id=p.id,
            round=p.round,
            unit_id=unit_id,
            satisfaction=satisfaction,
            resolution=resolution,
            comment=text,
            source=source,
            recorded_by_id=actor.user_id,
            created_at=now,
            using_db=ld.conn,
        )
        to_state, closure = after_evaluation(p.round, satisfaction, resolution)
        changes: dict[str, object] = {"evaluation_due_at": None}
        if to_state is State.CLOSED:
            changes.update(closure=closure, closed_at=now)
        elif to_state is State.TRIAGE:
            changes.update(STOPPED_CLOCK, round=p.round + 1, platform_id=p.district_id)
        payload = {
            "evaluationId": ev.id,
            "satisfaction": satisfaction.value,
            "resolution": resolution.value,
            "source": source.value,
            "round": p.round,
            "unitId": unit_id,
        }
        return Step(to_state, changes, text, payload)

    return await run_step(petition_id, actor, Action.EVALUATE, now, apply, expected_version)


async def close_unevaluated(now: datetime, limit: int = 500) -> int:
    """The sweep: replies nobody evaluated within the window close as NOT_EVALUATED."""
    due = cast(
        list[int],
        await Petition.filter(state=State.AWAITING_EVALUATION, evaluation_due_at__lte=now)
        .order_by("evaluation_due_at")
        .limit(limit)
        .values_list("id", flat=True),
    )

    async def apply(ld: Loaded) -> Step:
        return Step(
            State.CLOSED,
            {"closure": Closure.NOT_EVALUATED, "closed_at": now, "evaluation_due_at": None},
        )

    closed = 0
    for pid in due:
        try:
            await run_step(pid, SYSTEM_ACTOR, Action.CLOSE_UNEVALUATED, now, apply)
            closed += 1
        except WorkflowError:
            continue  # evaluated meanwhile
    return closed


async def assess_petition(
    actor: Actor,
    petition_id: int,
    now: datetime,
    *,
    result: AssessmentResult,
    note: str,
    expected_version: int | None = None,
) -> Petition:
    why = required_text(note, "note", "评估意见")

    async def apply(ld: Loaded) -> Step:
        p = ld.petition
        assert p.handling_unit_id is not None
        await lock_unit(ld.conn, p.handling_unit_id)
        assessment = await Assessment.create(
            petition_id=p.id,
            unit_id=p.handling_unit_id,
            result=result,
            note=why,
            assessed_by_id=actor.user_id,
            assessor_unit_id=actor.unit.id,
            created_at=now,
            using_db=ld.conn,
        )
        payload: dict[str, object] = {
            "assessmentId": assessment.id,
            "result": result.value,
            "unitId": p.handling_unit_id,
        }
        referral = await refer_if_due(ld.conn, actor, assessment, now)
        if referral is not None:
            payload["referralId"] = referral.id
        return Step(State.CLOSED, {"closure": Closure.ASSESSED, "closed_at": now}, why, payload)

    return await run_step(petition_id, actor, Action.ASSESS, now, apply, expected_version)


async def urge_petition(
    actor: Actor,
    petition_id: int,
    now: datetime,
    *,
    note: str,
    expected_version: int | None = None,
) -> Petition:
    why = required_text(note, "note", "督办意见")

    async def apply(ld: Loaded) -> Step:
        urge = await Urge.create(
            petition_id=ld.petition.id,
            by_id=actor.user_id,
            note=why,
            created_at=now,
            using_db=ld.conn,
        )
        return Step(
            ld.view.state,
            {"urge_count": ld.petition.urge_count + 1},
            why,
            {"urgeId": urge.id, "unitId": ld.petition.handling_unit_id},
        )

    return await run_step(petition_id, actor, Action.URGE, now, apply, expected_version)


async def withdraw_petition(
    actor: Actor,
    petition_id: int,
    now: datetime,
    *,
    reason: str = "",
    expected_version: int | None = None,
) -> Petition:
    async def apply(ld: Loaded) -> Step:
        # Checked after the rules allowed the step: staff recording a petitioner's request
        # must say what the petitioner asked; the petitioner may simply withdraw.
        if actor.has(Role.PETITIONER):
            why = optional_text(reason, "reason", "撤回原因", 500)
        else:
            why = required_text(reason, "reason", "撤回原因", 500)
        await end_assignments(ld, AssignmentEnd.CLOSED)
        return Step(
            State.CLOSED,
            {"closure": Closure.WITHDRAWN, "closed_at": now, "review_stage": None},
            why,
        )

    return await run_step(petition_id, actor, Action.WITHDRAW, now, apply, expected_version)
