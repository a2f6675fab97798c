"""Handling-unit steps: accept, extensions, cooperation opinions, the reply and its reviews."""

from __future__ import annotations

from datetime import datetime, timedelta

import settings
from models import (
    Assignment,
    CooperationOpinion,
    Extension,
    Petition,
    Reply,
    ReplyDraft,
    Review,
)
from resolvers.base import Loaded, Step, end_assignments, run_step
from resolvers.calendar import load_calendar
from resolvers.clock import extend_clock
from resolvers.dispatch_suggestions import decisions_changed
from resolvers.text import optional_text, required_text
from workflow.actors import Actor
from workflow.enums import (
    Action,
    AssignmentEnd,
    ContactMethod,
    Decision,
    ExtensionStatus,
    ReplyStatus,
    ReviewStage,
    State,
    UnitKind,
)
from workflow.errors import invalid
from workflow.lifecycle import after_review, first_review_stage, validate_reply
from workflow.measures import accepted_in_time

MAX_EXTENSION_DAYS = 20
EXTENSION_WITHDRAWN_BY_REPLY = "已撤回：已提交答复"


async def accept_petition(
    actor: Actor, petition_id: int, now: datetime, *, expected_version: int | None = None
) -> Petition:
    async def apply(ld: Loaded) -> Step:
        lead = ld.lead
        assert lead is not None
        await (
            Assignment.filter(id=lead.id)
            .using_db(ld.conn)
            .update(accepted_at=now, accepted_by_id=actor.user_id)
        )
        cal = await load_calendar(ld.conn)
        in_time = accepted_in_time(cal, lead.assigned_at, now, settings.ACCEPT_WITHIN_WORKING_DAYS)
        payload = {
            "assignmentId": lead.id,
            "unitId": lead.unit_id,
            "assignedAt": lead.assigned_at.isoformat(),
            "acceptedInTime": in_time,
        }
        return Step(State.HANDLING, payload=payload)

    return await run_step(petition_id, actor, Action.ACCEPT, now, apply, expected_version)


async def request_extension(
    actor: Actor,
    petition_id: int,
    now: datetime,
    *,
    days: int,
    reason: str,
    expected_version: int | None = None,
) -> Petition:
    why = required_text(reason, "reason", "延期理由")
    if not 1 <= days <= MAX_EXTENSION_DAYS:
        raise invalid("days", f"延期天数须在1至{MAX_EXTENSION_DAYS}个工作日之间")

    async def apply(ld: Loaded) -> Step:
        ext = await Extension.create(
            petition_id=ld.petition.id,
            unit_id=actor.unit.id,
            requested_by_id=actor.user_id,
            days=days,
            reason=why,
            status=ExtensionStatus.PENDING,
            requested_at=now,
            old_deadline=ld.petition.deadline,
            using_db=ld.conn,
        )
        return Step(State.HANDLING, note=why, payload={"extensionId": ext.id, "days": days})

    return await run_step(
        petition_id, actor, Action.REQUEST_EXTENSION, now, apply, expected_version
    )


async def decide_extension(
    actor: Actor,
    petition_id: int,
    now: datetime,
    *,
    approve: bool,
    note: str = "",
    expected_version: int | None = None,
) -> Petition:
    text = optional_text(note, "note", "审批意见")
    if not approve and not text:
        raise invalid("note", "不同意延期时请说明理由")

    async def apply(ld: Loaded) -> Step:
        p = ld.petition
        ext = (
            await Extension.filter(petition_id=p.id, status=ExtensionStatus.PENDING)
            .using_db(ld.conn)
            .first()
        )
        assert ext is not None
        changes = {}
        if approve and p.deadline is not None and p.clock_started_at is not None:
            changes = await extend_clock(ld.conn, p.clock_started_at, p.deadline, ext.days)
        await (
            Extension.filter(id=ext.id)
            .using_db(ld.conn)
            .update(
                status=ExtensionStatus.APPROVED if approve else ExtensionStatus.REJECTED,
                decided_by_id=actor.user_id,
                decided_at=now,
                decision_note=text,
                new_deadline=changes.get("deadline"),
            )
        )
        if "deadline" in changes:
            await (
                Assignment.filter(id__in=[a.id for a in ld.active])
                .using_db(ld.conn)
                .update(deadline=changes["deadline"])
            )
        payload = {
            "extensionId": ext.id,
            "approved": approve,
            "days": ext.days,
            "unitId": ext.unit_id,
        }
        if "deadline" in changes:
            payload["deadline"] = changes["deadline"].isoformat()
        return Step(State.HANDLING, changes, text, payload)

    return await run_step(petition_id, actor, Action.DECIDE_EXTENSION, now, apply, expected_version)


async def add_cooperation_opinion(
    actor: Actor,
    petition_id: int,
    now: datetime,
    *,
    text: str,
    expected_version: int | None = None,
) -> Petition:
    body = required_text(text, "text", "协办意见")

    async def apply(ld: Loaded) -> Step:
        mine = next(a for a in ld.active if a.unit_id == actor.unit.id and a.role == "COOPERATING")
        if mine.accepted_at is None:
            await (
                Assignment.filter(id=mine.id)
                .using_db(ld.conn)
                .update(accepted_at=now, accepted_by_id=actor.user_id)
            )
        op = await CooperationOpinion.create(
            petition_id=ld.petition.id,
            assignment_id=mine.id,
            unit_id=actor.unit.id,
            author_id=actor.user_id,
            round=ld.petition.round,
            text=body,
            created_at=now,
            using_db=ld.conn,
        )
        return Step(State.HANDLING, note=body, payload={"opinionId": op.id})

    return await run_step(
        petition_id, actor, Action.ADD_COOPERATION_OPINION, now, apply, expected_version
    )


async def submit_reply(
    actor: Actor,
    petition_id: int,
    now: datetime,
    *,
    petitioner_situation: str,
    policy_basis: str,
    handling_result: str,
    responsible_person: str,
    contact_phone: str,
    expected_version: int | None = None,
) -> Petition:
    elements = {
        "petitionerSituation": petitioner_situation,
        "policyBasis": policy_basis,
        "handlingResult": handling_result,
        "responsiblePerson": responsible_person,
        "contactPhone": contact_phone,
    }
    validate_reply(elements)
    clean = {k: v.strip() for k, v in elements.items()}
    for key, limit in (("responsiblePerson", 64), ("contactPhone", 32)):
        if len(clean[key]) > limit:
            raise invalid(key, f"不能超过{limit}字")

    async def apply(ld: Loaded) -> Step:
        assert ld.handling_unit is not None
        reply = await Reply.create(
            petition_id=ld.petition.id,
            unit_id=ld.handling_unit.id,
            author_id=actor.user_id,
            round=ld.petition.round,
            petitioner_situation=clean["petitionerSituation"],
            policy_basis=clean["policyBasis"],
            handling_result=clean["handlingResult"],
            responsible_person=clean["responsiblePerson"],
            contact_phone=clean["contactPhone"],
            status=ReplyStatus.IN_REVIEW,
            submitted_at=now,
            using_db=ld.conn,
        )
        stage = first_review_stage(
            UnitKind(ld.handling_unit.kind), settings.COMMUNITY_HEAD_ONLY_REVIEW
        )
        payload: dict[str, object] = {"replyId": reply.id}
        if actor.user_id is not None:  # the author's draft has become this reply
            await (
                ReplyDraft.filter(petition_id=ld.petition.id, author_id=actor.user_id)
                .using_db(ld.conn)
                .delete()
            )
        # A reply answers the petition: a request for more time still pending is no longer
        # needed, and is withdrawn (not lapsed: the unit did not change).
        pending = (
            await Extension.filter(petition_id=ld.petition.id, status=ExtensionStatus.PENDING)
            .using_db(ld.conn)
            .first()
        )
        if pending is not None:
            await (
                Extension.filter(id=pending.id)
                .using_db(ld.conn)
                .update(
                    status=ExtensionStatus.WITHDRAWN,
                    decided_at=now,
                    decision_note=EXTENSION_WITHDRAWN_BY_REPLY,
                )
            )
            payload["withdrawnExtensionId"] = pending.id
        note = f"延期申请{EXTENSION_WITHDRAWN_BY_REPLY}" if pending is not None else ""
        return Step(State.UNIT_REVIEW, {"review_stage": stage}, note, payload)

    return await run_step(petition_id, actor, Action.SUBMIT_REPLY, now, apply, expected_version)


async def review_reply(
    actor: Actor,
    petition_id: int,
    now: datetime,
    *,
    approve: bool,
    note: str = "",
    expected_version: int | None = None,
) -> Petition:
    text = optional_text(note, "note", "审核意见")
    if not approve and not text:
        raise invalid("note", "退回修改时请写明审核意见")
    decision = Decision.APPROVED if approve else Decision.REJECTED

    async def apply(ld: Loaded) -> Step:
        p, reply = ld.petition, ld.reply
        assert reply is not None and ld.view.review_stage is not None
        stage = ReviewStage(ld.view.review_stage)
        await Review.create(
            reply_id=reply.id,
            stage=stage,
            decision=decision,
            note=text,
            reviewer_id=actor.user_id,
            unit_id=actor.unit.id,
            created_at=now,
            using_db=ld.conn,
        )
        handled_at_city = ld.handling_unit is not None and ld.handling_unit.kind == (
            UnitKind.CITY_DEPARTMENT
        )
        to_state, next_stage = after_review(stage, decision, handled_at_city)
        changes: dict[str, object] = {"review_stage": next_stage}
        reply_changes: dict[str, object] = {}
        measured: dict[str, object] = {}
        if decision is Decision.REJECTED:
            reply_changes["status"] = ReplyStatus.REJECTED
        elif stage is ReviewStage.UNIT_HEAD:
            reply_changes["to_platform_at"] = now
            reply_changes["on_time"] = p.deadline is None or now < p.deadline
            measured = {"toPlatform": True, "onTime": reply_changes["on_time"]}
        if to_state is State.AWAITING_EVALUATION:
            reply_changes.update(status=ReplyStatus.SENT, sent_at=now)
            changes["evaluation_due_at"] = now + timedelta(days=settings.EVALUATION_WINDOW_DAYS)
            await end_assignments(ld, AssignmentEnd.REPLIED)
        if reply_changes:
            await Reply.filter(id=reply.id).using_db(ld.conn).update(**reply_changes)
        return Step(
            to_state,
            changes,
            text,
            {
                "replyId": reply.id,
                "stage": stage.value,
                "decision": decision.value,
                "unitId": reply.unit_id,
                **measured,
            },
        )

    done = await run_step(petition_id, actor, Action.REVIEW_REPLY, now, apply, expected_version)
    if done.state == State.AWAITING_EVALUATION:  # sent: the suggestions learn from it
        decisions_changed()
    return done


async def take_back_reply(
    actor: Actor,
    petition_id: int,
    now: datetime,
    *,
    reason: str = "",
    expected_version: int | None = None,
) -> Petition:
    """The author takes a submitted reply back to rework it, as long as nobody reviewed it."""
    why = optional_text(reason, "reason", "收回原因", 500)

    async def apply(ld: Loaded) -> Step:
        reply = ld.reply
        assert reply is not None
        await Reply.filter(id=reply.id).using_db(ld.conn).update(status=ReplyStatus.TAKEN_BACK)
        return Step(State.HANDLING, {"review_stage": None}, why, {"replyId": reply.id})

    return await run_step(petition_id, actor, Action.TAKE_BACK_REPLY, now, apply, expected_version)


async def record_first_contact(
    actor: Actor,
    petition_id: int,
    now: datetime,
    *,
    contacted_at: datetime | None,
    method: ContactMethod,
    note: str = "",
    expected_version: int | None = None,
) -> Petition:
    """先行联系: when and how the unit first reached the petitioner. The first one is kept on
    the petition for the measures; every contact is on the timeline."""
    text = optional_text(note, "note", "联系情况", 500)
    when = contacted_at or now
    if when > now:
        raise invalid("contactedAt", "联系时间不能晚于现在")

    async def apply(ld: Loaded) -> Step:
        lead = ld.lead
        if lead is not None and when < lead.assigned_at:
            raise invalid("contactedAt", "联系时间不能早于派单时间")
        changes: dict[str, object] = {}
        payload: dict[str, object] = {"contactedAt": when.isoformat(), "method": method.value}
        if ld.petition.first_contacted_at is None:
            changes["first_contacted_at"] = when
            if lead is not None:  # the measures count it under the assignment it was made in
                cal = await load_calendar(ld.conn)
                payload |= {
                    "first": True,
                    "assignmentId": lead.id,
                    "unitId": lead.unit_id,
                    "assignedAt": lead.assigned_at.isoformat(),
                    "inTime": accepted_in_time(
                        cal, lead.assigned_at, when, settings.FIRST_CONTACT_WITHIN_WORKING_DAYS
                    ),
                }
        return Step(ld.view.state, changes, text, payload)

    return await run_step(petition_id, actor, Action.FIRST_CONTACT, now, apply, expected_version)
