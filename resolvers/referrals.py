"""Referrals (问责移交): made when an assessment completes two failures of a unit in a row,
then received and concluded by the discipline inspection unit and the organisation
department. Who may see or move them is decided in workflow/referrals.py."""

from __future__ import annotations

import base64
import binascii
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.expressions import Q
from tortoise.transactions import in_transaction

import settings
from models import Assessment, Petition, Referral, ReferralEvent, Unit, User
from resolvers.text import optional_text, required_text
from workflow.actors import Actor
from workflow.enums import ReferralState, ReferralStep
from workflow.errors import ErrorCode, WorkflowError, invalid, not_found
from workflow.lifecycle import AssessmentMark, needs_referral
from workflow.referrals import REFERRAL_TRANSITIONS, referral_refusal, referral_role


def _is_postgres(conn: BaseDBAsyncClient) -> bool:
    return "postgres" in type(conn).__module__ or "asyncpg" in type(conn).__module__


async def lock_unit(conn: BaseDBAsyncClient, unit_id: int) -> None:
    """Assessments of one unit take turns: two made at once must not both count the same
    earlier failure. NO KEY UPDATE leaves rows that merely reference the unit free to be
    written meanwhile. (SQLite runs one writing transaction at a time anyway.)"""
    if _is_postgres(conn):
        await Unit.filter(id=unit_id).using_db(conn).select_for_update(no_key=True).first()


async def refer_if_due(
    conn: BaseDBAsyncClient, actor: Actor, assessment: Assessment, now: datetime
) -> Referral | None:
    """Called inside the assessment's transaction, with the unit locked (`lock_unit`). The
    count sees the unit's assessments up to `now`, so the referral is never dated before the
    assessments it cites."""
    recent = (
        await Assessment.filter(unit_id=assessment.unit_id, created_at__lte=now)
        .using_db(conn)
        .order_by("-created_at", "-id")
        .limit(2)
    )
    ids = [a.id for a in recent]
    cited = set(
        await Referral.filter(Q(first_assessment_id__in=ids) | Q(second_assessment_id__in=ids))
        .using_db(conn)
        .values_list("first_assessment_id", "second_assessment_id")
    )
    referred = {i for pair in cited for i in pair}
    marks = [AssessmentMark(a.result, a.id in referred) for a in recent]
    if not needs_referral(marks) or recent[0].id != assessment.id:
        return None
    referral = await Referral.create(
        unit_id=assessment.unit_id,
        first_assessment_id=recent[1].id,
        second_assessment_id=recent[0].id,
        state=ReferralState.OPEN,
        created_at=now,
        using_db=conn,
    )
    await _record(conn, referral, actor, ReferralStep.CREATE, now, None, ReferralState.OPEN, "")
    return referral


async def _record(
    conn: BaseDBAsyncClient,
    referral: Referral,
    actor: Actor,
    step: ReferralStep,
    at: datetime,
    from_state: ReferralState | None,
    to_state: ReferralState,
    note: str,
) -> None:
    role = referral_role(actor) if step is not ReferralStep.CREATE else None
    await ReferralEvent.create(
        referral_id=referral.id,
        step=step,
        at=at,
        actor_user_id=actor.user_id,
        actor_unit_id=actor.unit.id or None,
        actor_role=role or actor.recorded_role,
        actor_name=actor.name[:64],
        from_state=from_state,
        to_state=to_state,
        note=note,
        using_db=conn,
    )


def _visible(actor: Actor) -> None:
    """Referrals are invisible (not merely forbidden) to everyone else."""
    if referral_role(actor) is None:
        raise not_found("问责移交")


async def get_referral(actor: Actor, referral_id: int) -> Referral:
    _visible(actor)
    referral = await Referral.get_or_none(id=referral_id)
    if referral is None:
        raise not_found("问责移交")
    return referral


@dataclass(frozen=True)
class ReferralPage:
    items: list[Referral]
    has_next: bool
    end_cursor: str | None
    total: int


def encode_cursor(pk: int) -> str:
    return base64.urlsafe_b64encode(f"referral:{pk}".encode()).decode()


def _decode_cursor(cursor: str) -> int:
    try:
        kind, _, value = base64.urlsafe_b64decode(cursor.encode()).decode().partition(":")
        if kind != "referral" or int(value) < 0:
            raise ValueError
        return int(value)
    except (ValueError, binascii.Error, UnicodeDecodeError):
        raise invalid("after", "分页游标无效") from None


async def count_referrals(actor: Actor, state: ReferralState | None = None) -> int:
    if referral_role(actor) is None:
        return 0
    qs = Referral.all()
    return await (qs.filter(state=state) if state is not None else qs).count()


async def list_referrals(
    actor: Actor, state: ReferralState | None = None, first: int = 20, after: str | None = None
) -> ReferralPage:
    """Newest first. Anyone who may not see referrals gets an empty page."""
    if not 1 <= first <= settings.PAGE_SIZE_MAX:
        raise invalid("first", f"每页条数须在1至{settings.PAGE_SIZE_MAX}之间")
    if referral_role(actor) is None:
        return ReferralPage([], False, None, 0)
    qs = Referral.all()
    if state is not None:
        qs = qs.filter(state=state)
    total = await qs.count()
    if after:
        qs = qs.filter(id__lt=_decode_cursor(after))
    rows = await qs.order_by("-id").limit(first + 1)
    items = rows[:first]
    end = encode_cursor(items[-1].id) if items else None
    return ReferralPage(items, len(rows) > first, end, total)


async def _step(
    actor: Actor,
    referral_id: int,
    step: ReferralStep,
    now: datetime,
    content: Callable[[], tuple[str, dict[str, object]]],
    expected_version: int | None,
) -> Referral:
    """Load and lock, authorise, then read the step's text (`content`: its note and the
    columns it sets, checked only once the step is allowed), write, record."""
    _visible(actor)
    async with in_transaction() as conn:
        qs = Referral.filter(id=referral_id).using_db(conn)
        if _is_postgres(conn):
            qs = qs.select_for_update()
        referral = await qs.first()
        if referral is None:
            raise not_found("问责移交")
        if expected_version is not None and expected_version != referral.version:
            raise WorkflowError(
                ErrorCode.STALE_VERSION,
                f"问责移交已被他人更新（当前版本 {referral.version}），请刷新后重试",
                "expectedVersion",
            )
        state = ReferralState(referral.state)
        refused = referral_refusal(step, state, actor)
        if refused is not None:
            raise refused
        note, changes = content()
        to_state = REFERRAL_TRANSITIONS[(state, step)]
        await (
            Referral.filter(id=referral.id, version=referral.version)
            .using_db(conn)
            .update(state=to_state, version=referral.version + 1, **changes)
        )
        await _record(conn, referral, actor, step, now, state, to_state, note)
        return await Referral.get(id=referral.id, using_db=conn)


async def acknowledge_referral(
    actor: Actor,
    referral_id: int,
    now: datetime,
    *,
    note: str = "",
    expected_version: int | None = None,
) -> Referral:
    def content() -> tuple[str, dict[str, object]]:
        return optional_text(note, "note", "签收意见", 2000), {"acknowledged_at": now}

    return await _step(actor, referral_id, ReferralStep.ACKNOWLEDGE, now, content, expected_version)


async def conclude_referral(
    actor: Actor,
    referral_id: int,
    now: datetime,
    *,
    result: str,
    expected_version: int | None = None,
) -> Referral:
    """Concluding states what was decided: the result text is required."""

    def content() -> tuple[str, dict[str, object]]:
        text = required_text(result, "result", "处理结果", 4000)
        return text, {"concluded_at": now, "result": text}

    return await _step(actor, referral_id, ReferralStep.CONCLUDE, now, content, expected_version)


# ---- what a referral page shows -----------------------------------------------------------


@dataclass
class ReferralRecord:
    referral: Referral
    unit: Unit | None = None
    assessments: list[Assessment] = field(default_factory=list)  # first, second
    petitions: dict[int, Petition] = field(default_factory=dict)
    events: list[ReferralEvent] = field(default_factory=list)
    units: dict[int, Unit] = field(default_factory=dict)
    users: dict[int, str] = field(default_factory=dict)


async def referral_record(actor: Actor, referral: Referral) -> ReferralRecord:
    """The referral with the assessments it rests on, their petitions and its history."""
    return (await referral_records(actor, [referral]))[0]


async def referral_records(actor: Actor, rows: list[Referral]) -> list[ReferralRecord]:
    """A page of referrals with what each rests on, in a fixed number of queries."""
    _visible(actor)
    if not rows:
        return []
    cited = [i for r in rows for i in (r.first_assessment_id, r.second_assessment_id)]
    assessments = {a.id: a for a in await Assessment.filter(id__in=cited)}
    petitions = {
        p.id: p for p in await Petition.filter(id__in=[a.petition_id for a in assessments.values()])
    }
    events: dict[int, list[ReferralEvent]] = {r.id: [] for r in rows}
    for e in await ReferralEvent.filter(referral_id__in=list(events)).order_by("id"):
        events[e.referral_id].append(e)
    unit_ids = {r.unit_id for r in rows} | {a.assessor_unit_id for a in assessments.values()}
    unit_ids |= {e.actor_unit_id for lst in events.values() for e in lst if e.actor_unit_id}
    units = {u.id: u for u in await Unit.filter(id__in=list(unit_ids))}
    user_ids = {a.assessed_by_id for a in assessments.values() if a.assessed_by_id}
    user_ids |= {e.actor_user_id for lst in events.values() for e in lst if e.actor_user_id}
    users = {
        u["id"]: u["display_name"]
        for u in await User.filter(id__in=list(user_ids)).values("id", "display_name")
    }
    return [
        ReferralRecord(
            referral=r,
            unit=units.get(r.unit_id),
            assessments=[
                assessments[r.first_assessment_id],
                assessments[r.second_assessment_id],
            ],
            petitions=petitions,
            events=events[r.id],
            units=units,
            users=users,
        )
        for r in rows
    ]
