"""Shared steps for the referral tests: the two units that receive referrals, and petitions
driven through two failed rounds to their assessment."""

from __future__ import annotations

from datetime import datetime, timedelta

from models import Petition, Unit
from resolvers import closing, handling, triage
from tests.factories import T0, City, submit
from workflow.enums import AssessmentResult, Resolution, Role, Satisfaction, State, UnitKind

REPLY = dict(
    petitioner_situation="张三反映小区门口垃圾无人清运。",
    policy_basis="《城市市容和环境卫生管理条例》第二十八条",
    handling_result="已安排环卫车辆清运，并加密巡查频次。",
    responsible_person="李四",
    contact_phone="0532-88886666",
)
NF, F = AssessmentResult.NOT_FULFILLED, AssessmentResult.FULFILLED


async def add_referral_units(city: City) -> None:
    """市纪委监委 and 市委组织部: the city departments that receive referrals."""
    for code, name in (("QD-JW", "市纪委监委"), ("QD-ZZB", "市委组织部")):
        city.units[code] = await Unit.create(
            code=code,
            name=name,
            kind=UnitKind.CITY_DEPARTMENT,
            parent=city.units["QD"],
            receives_referrals=True,
        )


async def pending_assessment(city: City, n: int, now: datetime = T0, unit: str = "SN-CG") -> int:
    """A petition of SN handled twice by `unit` and judged badly twice: ready to assess."""
    dispatcher = city.actor("SN", Role.DISPATCHER)
    p = await submit(city, external_id=f"ref-{unit}-{n}", now=now)
    for _ in (1, 2):
        await triage.dispatch_petition(dispatcher, p.id, now, lead_unit_id=city.id(unit))
        handler = city.actor(unit, Role.HANDLER)
        await handling.accept_petition(handler, p.id, now)
        await handling.submit_reply(handler, p.id, now, **REPLY)
        await handling.review_reply(city.actor(unit, Role.REVIEWER), p.id, now, approve=True)
        await handling.review_reply(city.actor(unit, Role.HEAD), p.id, now, approve=True)
        await handling.review_reply(dispatcher, p.id, now, approve=True)
        p = await closing.evaluate_petition(
            dispatcher,
            p.id,
            now,
            satisfaction=Satisfaction.UNSATISFIED,
            resolution=Resolution.UNRESOLVED,
        )
    assert p.state == State.PENDING_ASSESSMENT
    return p.id


async def assess(city: City, pid: int, result: AssessmentResult, now: datetime) -> Petition:
    return await closing.assess_petition(
        city.actor("SN", Role.DISPATCHER), pid, now, result=result, note=f"评估：{result.value}"
    )


async def assessed(
    city: City, *results: AssessmentResult, unit: str = "SN-CG", start: datetime = T0
) -> list[int]:
    """Assess `unit` once per result, a day apart in that order; returns the petition ids."""
    pids = [await pending_assessment(city, i, start, unit) for i in range(len(results))]
    for i, (pid, result) in enumerate(zip(pids, results, strict=True)):
        await assess(city, pid, result, start + timedelta(days=i + 1))
    return pids
