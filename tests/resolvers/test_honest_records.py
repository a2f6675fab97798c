"""Issue 6's record-keeping rules: two unit reviews are two people, the timeline names the
role that authorised each step, a reply withdraws a pending extension (and says so), and no
step can leave the transition table."""

from __future__ import annotations

import pytest

from models import Event, Extension, Petition, Review
from resolvers import handling
from resolvers.base import Loaded, Step, run_step
from tests.factories import T0, build_city, submit
from tests.resolvers.helpers import REPLY, dispatched, events, refused, replied
from workflow.enums import Action, ExtensionStatus, ReviewStage, Role, State
from workflow.errors import ErrorCode as E


async def test_one_person_holding_reviewer_and_head_signs_only_one_unit_stage(db) -> None:
    city = await build_city()
    p = await submit(city)
    await dispatched(city, p.id, "SN-CG")
    await replied(city, p.id, "SN-CG")
    both = city.actor("SN-CG", Role.REVIEWER, Role.HEAD)
    p = await handling.review_reply(both, p.id, T0, approve=True)
    assert p.review_stage == ReviewStage.UNIT_HEAD
    await refused(handling.review_reply(both, p.id, T0, approve=True), E.NOT_ALLOWED)
    assert (await Petition.get(id=p.id)).review_stage == ReviewStage.UNIT_HEAD
    assert await Review.all().count() == 1
    head = city.actor("SN-CG", Role.HEAD)
    p = await handling.review_reply(head, p.id, T0, approve=True)
    assert p.state == State.PLATFORM_REVIEW


async def test_each_review_is_recorded_with_the_role_that_authorised_it(db) -> None:
    city = await build_city()
    p = await submit(city)
    await dispatched(city, p.id, "SN-CG")
    await replied(city, p.id, "SN-CG")
    both = city.actor("SN-CG", Role.REVIEWER, Role.HEAD)
    await handling.review_reply(both, p.id, T0, approve=True)
    assert (await events(p.id))[-1].actor_role is Role.REVIEWER
    other_both = city.actor("SN-CG", Role.HEAD, Role.REVIEWER, Role.HANDLER)
    await handling.review_reply(other_both, p.id, T0, approve=True)
    assert (await events(p.id))[-1].actor_role is Role.HEAD


async def test_the_author_may_not_sign_off_even_where_a_community_head_signs_alone(db) -> None:
    city = await build_city()
    p = await submit(city, community_id=city.id("SN-S01-C01"))
    author = city.actor("SN-S01-C01", Role.HANDLER, Role.HEAD)
    await handling.accept_petition(author, p.id, T0)

    p = await handling.submit_reply(author, p.id, T0, **REPLY)
    assert p.review_stage == ReviewStage.UNIT_HEAD
    await refused(handling.review_reply(author, p.id, T0, approve=True), E.NOT_ALLOWED)


async def test_a_reply_withdraws_the_pending_extension_truthfully(db) -> None:
    city = await build_city()
    p = await submit(city)
    await dispatched(city, p.id, "SN-CG")
    handler = city.actor("SN-CG", Role.HANDLER)
    await handling.accept_petition(handler, p.id, T0)
    await handling.request_extension(handler, p.id, T0, days=3, reason="需要现场核实")

    await handling.submit_reply(handler, p.id, T0, **REPLY)
    (ext,) = await Extension.filter(petition_id=p.id)
    assert ext.status is ExtensionStatus.WITHDRAWN
    assert ext.decision_note == "已撤回：已提交答复" and ext.decided_at == T0
    last = (await events(p.id))[-1]
    assert last.action is Action.SUBMIT_REPLY and "已撤回：已提交答复" in last.note
    assert last.payload["withdrawnExtensionId"] == ext.id


async def test_a_step_that_would_leave_the_transition_table_writes_nothing(db) -> None:
    city = await build_city()
    p = await submit(city)

    async def wrong(ld: Loaded) -> Step:
        return Step(State.CLOSED)  # DISPATCH may only lead to ASSIGNED

    with pytest.raises(RuntimeError):
        await run_step(p.id, city.actor("SN", Role.DISPATCHER), Action.DISPATCH, T0, wrong)
    after = await Petition.get(id=p.id)
    assert after.state == State.TRIAGE and after.version == 1
    assert await Event.filter(petition_id=p.id).count() == 1


async def test_the_author_takes_a_reply_back_before_anyone_reviewed_it(db) -> None:
    from models import Reply
    from workflow.enums import ReplyStatus

    city = await build_city()
    p = await submit(city)
    await dispatched(city, p.id, "SN-CG")
    author = city.actor("SN-CG", Role.HANDLER)
    await replied(city, p.id, "SN-CG")  # a different handler wrote this one
    await refused(handling.take_back_reply(author, p.id, T0), E.NOT_ALLOWED)
    (reply,) = await Reply.filter(petition_id=p.id)
    writer = city.actor("SN-CG", Role.HANDLER, user_id=reply.author_id)
    p = await handling.take_back_reply(writer, p.id, T0, reason="补充政策依据")
    assert p.state == State.HANDLING and p.review_stage is None
    assert (await Reply.get(id=reply.id)).status is ReplyStatus.TAKEN_BACK
    p = await handling.submit_reply(writer, p.id, T0, **REPLY)
    await handling.review_reply(city.actor("SN-CG", Role.REVIEWER), p.id, T0, approve=True)
    await refused(handling.take_back_reply(writer, p.id, T0), E.NOT_ALLOWED)


async def test_the_first_contact_is_kept_and_every_contact_is_on_the_timeline(db) -> None:
    from datetime import timedelta

    from workflow.enums import ContactMethod

    city = await build_city()
    p = await submit(city)
    await dispatched(city, p.id, "SN-CG")
    handler = city.actor("SN-CG", Role.HANDLER)
    later = T0 + timedelta(hours=3)
    await refused(
        handling.record_first_contact(
            handler,
            p.id,
            later,
            contacted_at=later + timedelta(hours=1),
            method=ContactMethod.PHONE,
        ),
        E.INVALID_FIELD,
        "contactedAt",
    )
    p = await handling.record_first_contact(
        handler, p.id, later, contacted_at=T0 + timedelta(hours=1), method=ContactMethod.PHONE
    )
    assert p.first_contacted_at == T0 + timedelta(hours=1) and p.state == State.ASSIGNED
    p = await handling.record_first_contact(
        handler, p.id, later, contacted_at=None, method=ContactMethod.VISIT, note="上门核实"
    )
    assert p.first_contacted_at == T0 + timedelta(hours=1)
    contacts = [e for e in await events(p.id) if e.action is Action.FIRST_CONTACT]
    assert [e.payload["method"] for e in contacts] == ["PHONE", "VISIT"]
    await refused(
        handling.record_first_contact(
            city.actor("SN-SCJG", Role.HANDLER),
            p.id,
            later,
            contacted_at=None,
            method=ContactMethod.SMS,
        ),
        E.NOT_FOUND,
    )
