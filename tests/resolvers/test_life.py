"""Whole lives of petitions, driven through the resolvers."""

from __future__ import annotations

from datetime import timedelta

from models import Event, Petition, Referral
from resolvers import closing, handling, triage
from tests.factories import T0, build_city, submit
from workflow.enums import (
    AssessmentResult,
    Category,
    Closure,
    Kind,
    Resolution,
    Role,
    Satisfaction,
    State,
)

REPLY = dict(
    petitioner_situation="张三反映小区门口垃圾无人清运。",
    policy_basis="《城市市容和环境卫生管理条例》第二十八条",
    handling_result="已安排环卫车辆清运，并加密巡查频次。",
    responsible_person="李四",
    contact_phone="0532-88886666",
)


async def _handle_and_send(city, pid: int, unit: str, now, platform_stages: int = 1) -> None:
    handler = city.actor(unit, Role.HANDLER)
    await handling.accept_petition(handler, pid, now)
    await handling.submit_reply(handler, pid, now, **REPLY)
    await handling.review_reply(city.actor(unit, Role.REVIEWER), pid, now, approve=True)
    await handling.review_reply(city.actor(unit, Role.HEAD), pid, now, approve=True)
    if platform_stages == 2:
        await handling.review_reply(city.actor("QD", Role.DISPATCHER), pid, now, approve=True)
    await handling.review_reply(city.actor("SN", Role.DISPATCHER), pid, now, approve=True)


async def test_a_complaint_dispatched_to_a_department_is_handled_reviewed_and_closed(db) -> None:
    city = await build_city()
    p = await submit(city)
    assert p.state == State.TRIAGE and p.tracking_code == "SN20230324000001"
    p = await triage.dispatch_petition(
        city.actor("SN", Role.DISPATCHER), p.id, T0, lead_unit_id=city.id("SN-CG")
    )
    assert p.state == State.ASSIGNED and p.time_limit_days == 2
    assert p.deadline.astimezone(T0.tzinfo).date().isoformat() == "2023-03-29"
    await _handle_and_send(city, p.id, "SN-CG", T0 + timedelta(hours=2))
    p = await Petition.get(id=p.id)
    assert p.state == State.AWAITING_EVALUATION
    p = await closing.evaluate_petition(
        city.actor("SN", Role.DISPATCHER),
        p.id,
        T0 + timedelta(days=1),
        satisfaction=Satisfaction.SATISFIED,
        resolution=Resolution.RESOLVED,
    )
    assert p.state == State.CLOSED and p.closure == Closure.EVALUATED
    actions = [e.action for e in await Event.filter(petition_id=p.id).order_by("id")]
    assert actions == [
        "SUBMIT",
        "DISPATCH",
        "ACCEPT",
        "SUBMIT_REPLY",
        "REVIEW_REPLY",
        "REVIEW_REPLY",
        "REVIEW_REPLY",
        "EVALUATE",
    ]


async def test_two_failed_rounds_and_two_failed_assessments_refer_the_unit(db) -> None:
    city = await build_city()
    dispatcher = city.actor("SN", Role.DISPATCHER)
    for n in range(2):
        p = await submit(
            city, external_id=f"x{n}", category=Category.LIVELIHOOD, kind=Kind.COMPLAINT
        )
        for round_ in (1, 2):
            p = await triage.dispatch_petition(dispatcher, p.id, T0, lead_unit_id=city.id("SN-CG"))
            assert p.round == round_
            await _handle_and_send(city, p.id, "SN-CG", T0)
            p = await closing.evaluate_petition(
                dispatcher,
                p.id,
                T0,
                satisfaction=Satisfaction.UNSATISFIED,
                resolution=Resolution.UNRESOLVED,
            )
        assert p.state == State.PENDING_ASSESSMENT
        p = await closing.assess_petition(
            dispatcher, p.id, T0, result=AssessmentResult.NOT_FULFILLED, note="未履职"
        )
        assert p.state == State.CLOSED and p.closure == Closure.ASSESSED
    referrals = await Referral.filter(unit_id=city.id("SN-CG"))
    assert len(referrals) == 1
