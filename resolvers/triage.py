"""Platform steps: dispatch, escalate, send back, return, reject, merge."""

from __future__ import annotations

from datetime import datetime

import settings
from models import Assignment, DutyItem, Petition, Unit
from resolvers.base import (
    Loaded,
    Step,
    end_assignments,
    is_postgres,
    record_event,
    run_step,
    scoped,
)
from resolvers.calendar import load_calendar
from resolvers.clock import STOPPED_CLOCK, start_clock
from resolvers.dispatch_suggestions import decisions_changed
from resolvers.text import required_text
from resolvers.units import city_platform, unit_ref
from workflow.actors import Actor
from workflow.deadlines import time_limit
from workflow.enums import (
    Action,
    AssignmentEnd,
    AssignmentRole,
    Category,
    Closure,
    Complexity,
    Kind,
    State,
    UnitKind,
)
from workflow.errors import invalid
from workflow.measures import accepted_in_time
from workflow.petitioner import UNANSWERED_CLOSURES
from workflow.routing import (
    allows_cooperation,
    may_cite_in_return,
    may_dispatch_to,
    normalise_complexity,
)


async def dispatch_petition(
    actor: Actor,
    petition_id: int,
    now: datetime,
    *,
    lead_unit_id: int,
    cooperating_unit_ids: list[int] | None = None,
    complexity: Complexity | None = None,
    time_limit_days: int | None = None,
    note: str = "",
    expected_version: int | None = None,
) -> Petition:
    coop_ids = list(dict.fromkeys(cooperating_unit_ids or []))

    async def apply(ld: Loaded) -> Step:
        p = ld.petition
        category = Category(p.category)
        kind = Kind(p.kind) if p.kind else None
        lead = await Unit.get_or_none(id=lead_unit_id, active=True, using_db=ld.conn)
        if lead is None or not may_dispatch_to(ld.view.platform, unit_ref(lead)):
            raise invalid("leadUnitId", "承办单位不在本平台的派单范围内")
        if coop_ids and not allows_cooperation(category):
            raise invalid("cooperatingUnitIds", "只有执法类诉求可以指定协办单位")
        if lead_unit_id in coop_ids:
            raise invalid("cooperatingUnitIds", "协办单位不能与承办单位相同")
        coops = await Unit.filter(id__in=coop_ids, active=True).using_db(ld.conn)
        if len(coops) != len(coop_ids) or not all(
            may_dispatch_to(ld.view.platform, unit_ref(u)) for u in coops
        ):
            raise invalid("cooperatingUnitIds", "协办单位不在本平台的派单范围内")
        level = normalise_complexity(category, kind, complexity or Complexity(p.complexity))
        days = time_limit(category, kind, level, time_limit_days)
        clock = await start_clock(ld.conn, now, days)
        await Assignment.create(
            petition_id=p.id,
            unit_id=lead.id,
            role=AssignmentRole.LEAD,
            round=p.round,
            assigned_by_unit_id=ld.platform.id,
            assigned_by_id=actor.user_id,
            assigned_at=now,
            deadline=clock["deadline"],
            using_db=ld.conn,
        )
        for unit in coops:
            await Assignment.create(
                petition_id=p.id,
                unit_id=unit.id,
                role=AssignmentRole.COOPERATING,
                round=p.round,
                assigned_by_unit_id=ld.platform.id,
                assigned_by_id=actor.user_id,
                assigned_at=now,
                deadline=clock["deadline"],
                using_db=ld.conn,
            )
        return Step(
            State.ASSIGNED,
            {**clock, "handling_unit_id": lead.id, "complexity": level, "review_stage": None},
            note,
            {
                "leadUnit": {"id": lead.id, "name": lead.name},
                "cooperatingUnits": [{"id": u.id, "name": u.name} for u in coops],
                "complexity": level.value,
                "timeLimitDays": days,
                "deadline": clock["deadline"].isoformat(),
            },
        )

    done = await run_step(petition_id, actor, Action.DISPATCH, now, apply, expected_version)
    decisions_changed()  # a dispatch back to a returning unit disputes its return
    return done


async def escalate_petition(
    actor: Actor,
    petition_id: int,
    now: datetime,
    *,
    reason: str,
    suggested_unit_id: int | None = None,
    expected_version: int | None = None,
) -> Petition:
    """Community → its street (the deadline keeps running); street → district platform;
    district platform → city platform, naming the city department the district thinks should
    handle it (DOMAIN §5: escalation to the city needs a city department)."""
    why = required_text(reason, "reason", "上报理由")

    async def apply(ld: Loaded) -> Step:
        if ld.view.state is State.TRIAGE:
            city = await city_platform(ld.conn)
            dept = await Unit.get_or_none(id=suggested_unit_id or 0, active=True, using_db=ld.conn)
            if dept is None or not may_dispatch_to(unit_ref(city), unit_ref(dept)):
                raise invalid("suggestedUnitId", "上报市级平台须指明建议承办的市直部门")
            return Step(
                State.TRIAGE,
                {"platform_id": city.id},
                why,
                {
                    "toUnit": {"id": city.id, "name": city.name},
                    "suggestedUnit": {"id": dept.id, "name": dept.name},
                },
            )
        unit = ld.handling_unit
        assert unit is not None
        await end_assignments(ld, AssignmentEnd.ESCALATED)
        if unit.kind == UnitKind.COMMUNITY:
            street = await Unit.get(id=unit.parent_id, using_db=ld.conn)
            await Assignment.create(
                petition_id=ld.petition.id,
                unit_id=street.id,
                role=AssignmentRole.LEAD,
                round=ld.petition.round,
                assigned_by_unit_id=unit.id,
                assigned_by_id=actor.user_id,
                assigned_at=now,
                deadline=ld.petition.deadline,
                using_db=ld.conn,
            )
            return Step(
                State.ASSIGNED,
                {"handling_unit_id": street.id, "street_id": street.id},
                why,
                {"toUnit": {"id": street.id, "name": street.name}},
            )
        district = await Unit.get(id=ld.petition.district_id, using_db=ld.conn)
        return Step(
            State.TRIAGE,
            {**STOPPED_CLOCK, "platform_id": district.id},
            why,
            {"toUnit": {"id": district.id, "name": district.name}},
        )

    return await run_step(petition_id, actor, Action.ESCALATE, now, apply, expected_version)


async def send_back_petition(
    actor: Actor,
    petition_id: int,
    now: datetime,
    *,
    reason: str,
    expected_version: int | None = None,
) -> Petition:
    why = required_text(reason, "reason", "发回理由")

    async def apply(ld: Loaded) -> Step:
        district = await Unit.get(id=ld.petition.district_id, using_db=ld.conn)
        return Step(
            State.TRIAGE,
            {"platform_id": district.id},
            why,
            {"toUnit": {"id": district.id, "name": district.name}},
        )

    return await run_step(petition_id, actor, Action.SEND_BACK, now, apply, expected_version)


async def return_petition(
    actor: Actor,
    petition_id: int,
    now: datetime,
    *,
    reason: str,
    duty_item_id: int,
    expected_version: int | None = None,
) -> Petition:
    """A department sends a mis-dispatched petition back, citing the duty item that shows
    whose job it is (DOMAIN §7)."""
    why = required_text(reason, "reason", "退回理由")

    async def apply(ld: Loaded) -> Step:
        item = await DutyItem.get_or_none(id=duty_item_id, active=True, using_db=ld.conn)
        if item is None:
            raise invalid("dutyItemId", "请引用职责任务清单中的事项")
        if not may_cite_in_return(actor.unit.id, item.unit_id):
            raise invalid("dutyItemId", "退回须引用应承办单位的职责事项，不能引用本单位的职责")
        await end_assignments(ld, AssignmentEnd.RETURNED)
        return Step(
            State.TRIAGE,
            dict(STOPPED_CLOCK),
            why,
            {
                "dutyItem": {"id": item.id, "title": item.title, "unitId": item.unit_id},
                "fromUnit": {"id": ld.handling_unit.id if ld.handling_unit else None},
            },
        )

    done = await run_step(petition_id, actor, Action.RETURN, now, apply, expected_version)
    decisions_changed()  # the suggestions learn from returns
    return done


async def recall_petition(
    actor: Actor,
    petition_id: int,
    now: datetime,
    *,
    reason: str,
    expected_version: int | None = None,
) -> Petition:
    """收回/改派: the platform takes back a dispatch the unit has not accepted yet; the unit's
    assignment and deadline end, and the petition waits in the platform's inbox again."""
    why = required_text(reason, "reason", "收回理由")

    async def apply(ld: Loaded) -> Step:
        unit, lead = ld.handling_unit, ld.lead
        await end_assignments(ld, AssignmentEnd.RECALLED)
        payload: dict[str, object] = {
            "fromUnit": {"id": unit.id, "name": unit.name} if unit else None
        }
        if lead is not None:  # a recalled dispatch no longer counts as the unit's assignment
            payload["assignedAt"] = lead.assigned_at.isoformat()
            contacted = ld.petition.first_contacted_at
            if contacted is not None and contacted >= lead.assigned_at:
                cal = await load_calendar(ld.conn)
                payload["firstContact"] = True
                payload["firstContactInTime"] = accepted_in_time(
                    cal, lead.assigned_at, contacted, settings.FIRST_CONTACT_WITHIN_WORKING_DAYS
                )
        return Step(State.TRIAGE, dict(STOPPED_CLOCK), why, payload)

    return await run_step(petition_id, actor, Action.RECALL, now, apply, expected_version)


async def reject_petition(
    actor: Actor,
    petition_id: int,
    now: datetime,
    *,
    reason: str,
    expected_version: int | None = None,
) -> Petition:
    why = required_text(reason, "reason", "无效理由")

    async def apply(ld: Loaded) -> Step:
        return Step(State.CLOSED, {"closure": Closure.INVALID, "closed_at": now}, why)

    return await run_step(petition_id, actor, Action.REJECT, now, apply, expected_version)


async def merge_petition(
    actor: Actor,
    petition_id: int,
    now: datetime,
    *,
    duplicate_of_id: int,
    note: str = "",
    expected_version: int | None = None,
) -> Petition:
    if duplicate_of_id == petition_id:
        raise invalid("duplicateOfId", "不能与自身合并")

    async def apply(ld: Loaded) -> Step:
        qs = scoped(actor).filter(id=duplicate_of_id).using_db(ld.conn)
        if is_postgres(ld.conn):  # a merge into it and a merge of it never both succeed
            qs = qs.select_for_update(of=("petition",))
        target = await qs.first()
        if target is None:
            raise invalid("duplicateOfId", "被合并的诉求不存在或无权查看")
        if target.duplicate_of_id is not None:
            raise invalid("duplicateOfId", "目标诉求本身已被合并，请选择原始诉求")
        if target.closure in UNANSWERED_CLOSURES:
            raise invalid("duplicateOfId", "目标诉求已撤回或不予受理，不会再有答复，不能合并")
        # Both ways: the surviving petition's timeline names what was merged into it. Its
        # state does not change (no version bump, like the deadline watch's events).
        state = State(target.state)
        await record_event(
            ld.conn,
            target.id,
            actor,
            Action.MERGE,
            now,
            state,
            state,
            f"合并了重复诉求 {ld.petition.tracking_code}",
            {"merged": {"id": ld.petition.id, "trackingCode": ld.petition.tracking_code}},
            petition=target,
        )
        await _follow_the_merge(ld, actor, target, now)
        return Step(
            State.CLOSED,
            {"closure": Closure.DUPLICATE, "closed_at": now, "duplicate_of_id": target.id},
            note,
            {"duplicateOf": {"id": target.id, "trackingCode": target.tracking_code}},
        )

    return await run_step(petition_id, actor, Action.MERGE, now, apply, expected_version)


async def _follow_the_merge(ld: Loaded, actor: Actor, target: Petition, now: datetime) -> None:
    """Petitions merged earlier into the one merged now follow it to the survivor, so each
    merged petitioner keeps receiving the answer; both timelines say so."""
    earlier = (
        await Petition.filter(duplicate_of_id=ld.petition.id).using_db(ld.conn).order_by("id")
    )
    if not earlier:
        return
    await (
        Petition.filter(id__in=[p.id for p in earlier])
        .using_db(ld.conn)
        .update(duplicate_of_id=target.id)
    )
    via = {"id": ld.petition.id, "trackingCode": ld.petition.tracking_code}
    state = State(target.state)
    for p in earlier:
        await record_event(
            ld.conn,
            p.id,
            actor,
            Action.MERGE,
            now,
            State.CLOSED,
            State.CLOSED,
            f"随 {ld.petition.tracking_code} 并入 {target.tracking_code}",
            {"duplicateOf": {"id": target.id, "trackingCode": target.tracking_code}, "via": via},
            petition=p,
        )
        await record_event(
            ld.conn,
            target.id,
            actor,
            Action.MERGE,
            now,
            state,
            state,
            f"合并了重复诉求 {p.tracking_code}（随 {ld.petition.tracking_code}）",
            {"merged": {"id": p.id, "trackingCode": p.tracking_code}, "via": via},
            petition=target,
        )
