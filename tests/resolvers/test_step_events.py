"""Every step writes exactly one timeline event: who, as which unit and role, when, from which
state to which (全程留痕, DOMAIN §5). Refused steps write none."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta

from models import Event, Petition
from resolvers import closing, handling, triage
from tests.factories import T0, City, build_city, submit
from tests.resolvers.helpers import REPLY, events, refused
from workflow.actors import Actor, petitioner
from workflow.enums import (
    Action,
    AssessmentResult,
    Category,
    Resolution,
    Role,
    Satisfaction,
    State,
)
from workflow.errors import ErrorCode

S = State


class Timeline:
    def __init__(self, city: City, pid: int) -> None:
        self.city, self.pid, self.now = city, pid, T0

    async def step(
        self,
        action: Action,
        who: Actor,
        frm: State,
        to: State,
        call: Callable[[Actor, int, datetime], Awaitable[Petition]],
    ) -> Petition:
        self.now += timedelta(minutes=7)
        before = await Event.filter(petition_id=self.pid).count()
        p = await call(who, self.pid, self.now)
        new = (await events(self.pid))[before:]
        assert len(new) == 1, [e.action for e in new]
        (e,) = new
        assert (e.action, e.from_state, e.to_state) == (action, frm, to)
        assert e.actor_unit_id == (who.unit.id or None)
        (role,) = who.roles
        assert e.actor_role == role
        assert e.actor_user_id == who.user_id
        assert e.at == self.now
        assert p.state == to
        return p


def staff(city: City, code: str, role: Role) -> Actor:
    return city.actor(code, role)


async def test_every_step_of_a_long_life_writes_exactly_one_event(db) -> None:
    city = await build_city()
    p = await submit(city)
    (first,) = await events(p.id)
    assert (first.action, first.from_state, first.to_state) == (Action.SUBMIT, None, S.TRIAGE)
    assert first.actor_unit_id == city.id("SN") and first.actor_role == Role.DISPATCHER
    t = Timeline(city, p.id)
    sn = lambda: staff(city, "SN", Role.DISPATCHER)  # noqa: E731
    qd = lambda: staff(city, "QD", Role.DISPATCHER)  # noqa: E731
    h = lambda code: staff(city, code, Role.HANDLER)  # noqa: E731
    cg = city.id("SN-CG")
    duty = city.duty_item.id if city.duty_item else 0

    await t.step(
        Action.ESCALATE,
        sn(),
        S.TRIAGE,
        S.TRIAGE,
        lambda a, i, n: triage.escalate_petition(
            a, i, n, reason="请市级", suggested_unit_id=city.id("QD-CG")
        ),
    )
    await t.step(
        Action.SEND_BACK,
        qd(),
        S.TRIAGE,
        S.TRIAGE,
        lambda a, i, n: triage.send_back_petition(a, i, n, reason="属区级"),
    )
    await t.step(
        Action.DISPATCH,
        sn(),
        S.TRIAGE,
        S.ASSIGNED,
        lambda a, i, n: triage.dispatch_petition(a, i, n, lead_unit_id=cg),
    )
    await t.step(
        Action.RETURN,
        h("SN-CG"),
        S.ASSIGNED,
        S.TRIAGE,
        lambda a, i, n: triage.return_petition(a, i, n, reason="非本局", duty_item_id=duty),
    )
    for round_ in (1, 2):
        await t.step(
            Action.DISPATCH,
            sn(),
            S.TRIAGE,
            S.ASSIGNED,
            lambda a, i, n: triage.dispatch_petition(a, i, n, lead_unit_id=cg),
        )
        await t.step(
            Action.URGE,
            staff(city, "QD", Role.SUPERVISOR),
            S.ASSIGNED,
            S.ASSIGNED,
            lambda a, i, n: closing.urge_petition(a, i, n, note="催办"),
        )
        await t.step(Action.ACCEPT, h("SN-CG"), S.ASSIGNED, S.HANDLING, handling.accept_petition)
        await t.step(
            Action.REQUEST_EXTENSION,
            h("SN-CG"),
            S.HANDLING,
            S.HANDLING,
            lambda a, i, n: handling.request_extension(a, i, n, days=1, reason="勘查"),
        )
        await t.step(
            Action.DECIDE_EXTENSION,
            sn(),
            S.HANDLING,
            S.HANDLING,
            lambda a, i, n: handling.decide_extension(a, i, n, approve=True),
        )
        await t.step(
            Action.SUBMIT_REPLY,
            h("SN-CG"),
            S.HANDLING,
            S.UNIT_REVIEW,
            lambda a, i, n: handling.submit_reply(a, i, n, **REPLY),
        )
        for code, role, frm, to in (
            ("SN-CG", Role.REVIEWER, S.UNIT_REVIEW, S.UNIT_REVIEW),
            ("SN-CG", Role.HEAD, S.UNIT_REVIEW, S.PLATFORM_REVIEW),
            ("SN", Role.DISPATCHER, S.PLATFORM_REVIEW, S.AWAITING_EVALUATION),
        ):
            await t.step(
                Action.REVIEW_REPLY,
                staff(city, code, role),
                frm,
                to,
                lambda a, i, n: handling.review_reply(a, i, n, approve=True),
            )
        await t.step(
            Action.EVALUATE,
            sn(),
            S.AWAITING_EVALUATION,
            S.TRIAGE if round_ == 1 else S.PENDING_ASSESSMENT,
            lambda a, i, n: closing.evaluate_petition(
                a, i, n, satisfaction=Satisfaction.UNSATISFIED, resolution=Resolution.UNRESOLVED
            ),
        )
    await t.step(
        Action.ASSESS,
        sn(),
        S.PENDING_ASSESSMENT,
        S.CLOSED,
        lambda a, i, n: closing.assess_petition(
            a, i, n, result=AssessmentResult.FULFILLED, note="已履职"
        ),
    )
    assert len(await events(p.id)) == 1 + 4 + 2 * 10 + 1


async def test_the_closing_steps_and_escalations_each_write_one_event(db) -> None:
    city = await build_city()
    sn = city.actor("SN", Role.DISPATCHER)
    a, b, c = await submit(city), await submit(city), await submit(city)
    await Timeline(city, a.id).step(
        Action.REJECT,
        sn,
        S.TRIAGE,
        S.CLOSED,
        lambda who, i, n: triage.reject_petition(who, i, n, reason="无效"),
    )
    await Timeline(city, b.id).step(
        Action.MERGE,
        sn,
        S.TRIAGE,
        S.CLOSED,
        lambda who, i, n: triage.merge_petition(who, i, n, duplicate_of_id=c.id),
    )
    me = petitioner(c.petitioner_phone)
    await Timeline(city, c.id).step(
        Action.WITHDRAW, me, S.TRIAGE, S.CLOSED, closing.withdraw_petition
    )
    d = await submit(city, community_id=city.id("SN-S01-C01"), category=Category.LIVELIHOOD)
    t = Timeline(city, d.id)
    for code, to in (("SN-S01-C01", S.ASSIGNED), ("SN-S01", S.TRIAGE)):
        await t.step(
            Action.ESCALATE,
            city.actor(code, Role.HANDLER),
            S.ASSIGNED,
            to,
            lambda who, i, n: triage.escalate_petition(who, i, n, reason="无法解决"),
        )


async def test_a_refused_step_writes_no_event_and_does_not_bump_the_version(db) -> None:
    city = await build_city()
    p = await submit(city)
    await triage.dispatch_petition(
        city.actor("SN", Role.DISPATCHER), p.id, T0, lead_unit_id=city.id("SN-CG")
    )
    before = len(await events(p.id))
    other = city.actor("SN-SCJG", Role.HANDLER)
    await refused(handling.accept_petition(other, p.id, T0), ErrorCode.NOT_FOUND)
    reviewer = city.actor("SN-CG", Role.REVIEWER)
    await refused(handling.accept_petition(reviewer, p.id, T0), ErrorCode.NOT_ALLOWED)
    handler = city.actor("SN-CG", Role.HANDLER)
    await refused(handling.submit_reply(handler, p.id, T0, **REPLY), ErrorCode.WRONG_STATE)
    assert len(await events(p.id)) == before
    assert (await Petition.get(id=p.id)).version == 2
