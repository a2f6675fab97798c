"""Petitions merged into another (closed DUPLICATE): their petitioners receive the surviving
petition's answer and may judge it.

How such an evaluation counts: it is kept on the merged petition (its petitioner's own record,
shown back to them and to staff), and it moves no measure. The rates of DOMAIN §8 count one
evaluation per handled petition and round — the surviving petition's — so that how many people
reported one problem, or how a platform chose to merge, never weighs a unit's handling twice;
nor does it change either petition's state (a second round follows the surviving petitioner's
judgement alone). `workflow.measures` skips it on both the incremental and the rebuild path.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from tortoise.exceptions import IntegrityError
from tortoise.transactions import in_transaction

import settings
from models import Evaluation, Petition, Reply
from resolvers.base import is_postgres, load_view, record_event, scoped
from resolvers.petitioner import evaluation_facts, reply_facts
from workflow.actors import Actor
from workflow.enums import (
    Action,
    EvaluationSource,
    ReplyStatus,
    Resolution,
    Role,
    Satisfaction,
    State,
)
from workflow.errors import ErrorCode, WorkflowError, not_allowed, not_found
from workflow.petitioner import merged_evaluator_role, merged_reply_due


async def evaluate_merged(
    actor: Actor,
    petition_id: int,
    now: datetime,
    *,
    satisfaction: Satisfaction,
    resolution: Resolution,
    comment: str,
    expected_version: int | None = None,
) -> Petition:
    source = (
        EvaluationSource.PETITIONER
        if actor.has(Role.PETITIONER)
        else EvaluationSource.STAFF_CALLBACK
    )
    async with in_transaction() as conn:
        qs = scoped(actor).filter(id=petition_id).using_db(conn)
        if is_postgres(conn):
            qs = qs.select_for_update(of=("petition",))
        p = await qs.first()
        if p is None or p.duplicate_of_id is None:
            raise not_found()
        if expected_version is not None and expected_version != p.version:
            raise WorkflowError(
                ErrorCode.STALE_VERSION,
                f"诉求已被他人更新（当前版本 {p.version}），请刷新后重试",
                "expectedVersion",
            )
        loaded = await load_view(p, conn, actor, now)
        role = merged_evaluator_role(loaded.view, actor)
        if role is None:
            raise not_allowed("只有诉求人或区级平台（回访记录）可以评价")
        sent = (
            await Reply.filter(petition_id=p.duplicate_of_id, status=ReplyStatus.SENT)
            .using_db(conn)
            .order_by("id")
        )
        own = await Evaluation.filter(petition_id=p.id).using_db(conn)
        window = timedelta(days=settings.EVALUATION_WINDOW_DAYS)
        due = merged_reply_due(
            [reply_facts(r) for r in sent], [evaluation_facts(e) for e in own], window
        )
        if due is None or now >= due[1]:
            raise WorkflowError(
                ErrorCode.WRONG_STATE, "合并办理的诉求尚无待评价的答复，或评价期已过"
            )
        round_, _ = due
        reply = max((r for r in sent if r.round == round_), key=lambda r: r.id)
        try:
            async with in_transaction() as inner:  # a savepoint: a second evaluation is refused
                ev = await Evaluation.create(
                    petition_id=p.id,
                    round=round_,
                    unit_id=reply.unit_id,
                    satisfaction=satisfaction,
                    resolution=resolution,
                    comment=comment,
                    source=source,
                    recorded_by_id=actor.user_id,
                    created_at=now,
                    using_db=inner,
                )
        except IntegrityError:
            raise WorkflowError(ErrorCode.STALE_VERSION, "该答复已评价，请刷新后重试") from None
        updated = (
            await Petition.filter(id=p.id, version=p.version)
            .using_db(conn)
            .update(version=p.version + 1, updated_at=now)
        )
        if updated != 1:
            raise WorkflowError(
                ErrorCode.STALE_VERSION, "诉求已被他人同时处理，请刷新后重试", "expectedVersion"
            )
        await record_event(
            conn,
            p.id,
            actor,
            Action.EVALUATE,
            now,
            State.CLOSED,
            State.CLOSED,
            comment,
            {
                "evaluationId": ev.id,
                "satisfaction": satisfaction.value,
                "resolution": resolution.value,
                "source": source.value,
                "round": round_,
                "unitId": reply.unit_id,
                "replyId": reply.id,
                "mergedInto": p.duplicate_of_id,
            },
            role=role,
            petition=p,
        )
        return await Petition.get(id=p.id, using_db=conn)
