"""Handling, review and closing steps through the resolvers on a real database (DOMAIN §5)."""

from __future__ import annotations

from datetime import date, timedelta

from models import (
    Assignment,
    CalendarOverride,
    Evaluation,
    Extension,
    Petition,
    Reply,
    Review,
    Urge,
)
from resolvers import closing, handling, triage
from tests.factories import T0, City, build_city, submit
from tests.resolvers.helpers import (
    REPLY,
    at,
    dispatched,
    events,
    refused,
    replied,
    sent,
    signed_off,
)
from workflow.actors import Actor, petitioner
from workflow.enums import (
    Action,
    AssignmentEnd,
    Category,
    Closure,
    Complexity,
    Decision,
    EvaluationSource,
    ExtensionStatus,
    Kind,
    ReplyStatus,
    Resolution,
    ReviewStage,
    Role,
    Satisfaction,
    State,
)
from workflow.errors import ErrorCode

E = ErrorCode


async def handling_at(city: City, unit: str = "SN-CG") -> Petition:
    """A complaint dispatched at T0 (deadline 2023-03-29 00:00) and accepted."""
    p = await submit(city)
    await dispatched(city, p.id, unit)
    return await handling.accept_petition(city.actor(unit, Role.HANDLER), p.id, T0)


def petitioner_of(p: Petition) -> Actor:
    """The petitioner, verified by a one-time code sent to their phone."""
    return petitioner(p.petitioner_phone)


# --- extension -----------------------------------------------------------------------------


async def test_an_approved_extension_moves_the_deadline_by_working_days(db) -> None:
    city = await build_city()
    p = await handling_at(city)
    old_yellow = p.yellow_at
    later = T0 + timedelta(hours=1)
    p = await handling.request_extension(
        city.actor("SN-CG", Role.HANDLER), p.id, later, days=3, reason="需现场勘查"
    )
    assert p.state == State.HANDLING and p.deadline == at(2023, 3, 29)
    p = await handling.decide_extension(
        city.actor("SN", Role.DISPATCHER), p.id, later, approve=True
    )
    # Last day Tue 03-28 + 3 working days = Fri 03-31.
    assert p.deadline == at(2023, 4, 1) and p.original_deadline == at(2023, 3, 29)
    assert p.yellow_at is not None and old_yellow is not None and p.yellow_at > old_yellow
    (ext,) = await Extension.filter(petition_id=p.id)
    assert ext.status == ExtensionStatus.APPROVED and ext.days == 3
    assert ext.old_deadline == at(2023, 3, 29) and ext.new_deadline == at(2023, 4, 1)
    (a,) = await Assignment.filter(petition_id=p.id)
    assert a.deadline == at(2023, 4, 1)


async def test_a_rejected_extension_needs_a_note_and_keeps_the_deadline(db) -> None:
    city = await build_city()
    p = await handling_at(city)
    await handling.request_extension(
        city.actor("SN-CG", Role.HANDLER), p.id, T0, days=2, reason="需协调"
    )
    sn = city.actor("SN", Role.DISPATCHER)
    await refused(handling.decide_extension(sn, p.id, T0, approve=False), E.INVALID_FIELD, "note")
    p = await handling.decide_extension(sn, p.id, T0, approve=False, note="时限充足")
    assert p.deadline == at(2023, 3, 29)
    (ext,) = await Extension.filter(petition_id=p.id)
    assert ext.status == ExtensionStatus.REJECTED and ext.decision_note == "时限充足"
    assert ext.new_deadline is None


async def test_a_second_extension_request_while_one_is_pending_is_refused(db) -> None:
    city = await build_city()
    p = await handling_at(city)
    handler = city.actor("SN-CG", Role.HANDLER)
    await handling.request_extension(handler, p.id, T0, days=2, reason="需协调")
    call = handling.request_extension(handler, p.id, T0, days=1, reason="再延")
    await refused(call, E.NOT_ALLOWED)
    assert await Extension.filter(petition_id=p.id).count() == 1


async def test_an_extension_cannot_be_decided_when_none_is_pending_or_by_another_platform(
    db,
) -> None:
    city = await build_city()
    p = await handling_at(city)
    sn = city.actor("SN", Role.DISPATCHER)
    await refused(handling.decide_extension(sn, p.id, T0, approve=True), E.NOT_ALLOWED)
    await handling.request_extension(
        city.actor("SN-CG", Role.HANDLER), p.id, T0, days=2, reason="需协调"
    )
    qd = city.actor("QD", Role.DISPATCHER)
    await refused(handling.decide_extension(qd, p.id, T0, approve=True), E.NOT_ALLOWED)


async def test_extension_days_out_of_range_are_refused_on_days(db) -> None:
    city = await build_city()
    p = await handling_at(city)
    handler = city.actor("SN-CG", Role.HANDLER)
    for days in (0, 21):
        call = handling.request_extension(handler, p.id, T0, days=days, reason="x")
        await refused(call, E.INVALID_FIELD, "days")


async def test_a_returned_units_pending_extension_does_not_block_the_next_unit(db) -> None:
    city = await build_city()
    p = await handling_at(city, "SN-CG")
    first = city.actor("SN-CG", Role.HANDLER)
    await handling.request_extension(first, p.id, T0, days=3, reason="需勘查")
    assert city.duty_item is not None
    await triage.return_petition(
        first, p.id, T0, reason="非本局职责", duty_item_id=city.duty_item.id
    )
    await dispatched(city, p.id, "SN-SCJG")
    second = city.actor("SN-SCJG", Role.HANDLER)
    await handling.accept_petition(second, p.id, T0)
    p = await handling.request_extension(second, p.id, T0, days=1, reason="需抽检")
    pending = await Extension.filter(petition_id=p.id, status=ExtensionStatus.PENDING)
    assert [e.unit_id for e in pending] == [city.id("SN-SCJG")]


# --- review --------------------------------------------------------------------------------


async def test_the_replys_author_cannot_review_it_even_holding_reviewer_and_head(db) -> None:
    city = await build_city()
    p = await handling_at(city)
    author = city.user_ids.pop()
    writer = city.actor("SN-CG", Role.HANDLER, Role.REVIEWER, user_id=author)
    await handling.submit_reply(writer, p.id, T0, **REPLY)
    same = city.actor("SN-CG", Role.HANDLER, Role.REVIEWER, user_id=author)
    await refused(handling.review_reply(same, p.id, T0, approve=True), E.NOT_ALLOWED)
    p = await handling.review_reply(city.actor("SN-CG", Role.REVIEWER), p.id, T0, approve=True)
    assert p.review_stage == ReviewStage.UNIT_HEAD
    head = city.actor("SN-CG", Role.HANDLER, Role.HEAD, user_id=author)
    await refused(handling.review_reply(head, p.id, T0, approve=True), E.NOT_ALLOWED)
    assert await Review.all().count() == 1


async def test_a_rejected_reply_needs_a_note_and_goes_back_to_handling(db) -> None:
    city = await build_city()
    p = await handling_at(city)
    await handling.submit_reply(city.actor("SN-CG", Role.HANDLER), p.id, T0, **REPLY)
    reviewer = city.actor("SN-CG", Role.REVIEWER)
    call = handling.review_reply(reviewer, p.id, T0, approve=False)
    await refused(call, E.INVALID_FIELD, "note")
    p = await handling.review_reply(reviewer, p.id, T0, approve=False, note="政策依据不全")
    assert p.state == State.HANDLING and p.review_stage is None
    (reply,) = await Reply.filter(petition_id=p.id)
    assert reply.status == ReplyStatus.REJECTED
    (review,) = await Review.filter(reply_id=reply.id)
    assert review.decision == Decision.REJECTED and review.stage == ReviewStage.UNIT_REVIEWER
    assert (await events(p.id))[-1].note == "政策依据不全"
    p = await handling.submit_reply(city.actor("SN-CG", Role.HANDLER), p.id, T0, **REPLY)
    assert p.state == State.UNIT_REVIEW and p.review_stage == ReviewStage.UNIT_REVIEWER


async def test_the_district_platform_can_reject_a_signed_off_reply(db) -> None:
    city = await build_city()
    p = await handling_at(city)
    await handling.submit_reply(city.actor("SN-CG", Role.HANDLER), p.id, T0, **REPLY)
    await signed_off(city, p.id, "SN-CG")
    p = await handling.review_reply(
        city.actor("SN", Role.DISPATCHER), p.id, T0, approve=False, note="答复不完整"
    )
    assert p.state == State.HANDLING and p.review_stage is None


async def test_a_community_head_signs_off_alone(db) -> None:
    city = await build_city()
    p = await submit(city, community_id=city.id("SN-S01-C01"))
    p = await replied(city, p.id, "SN-S01-C01")
    assert p.review_stage == ReviewStage.UNIT_HEAD
    head = city.actor("SN-S01-C01", Role.HEAD)
    p = await handling.review_reply(head, p.id, T0, approve=True)
    assert p.state == State.PLATFORM_REVIEW and p.review_stage == ReviewStage.DISTRICT_PLATFORM


async def test_a_reply_signed_off_before_the_deadline_is_on_time_and_after_it_is_late(
    db,
) -> None:
    city = await build_city()
    early, late = await handling_at(city), await handling_at(city)
    for p, signed_at in ((early, at(2023, 3, 28, 23)), (late, at(2023, 3, 29, 9))):
        await handling.submit_reply(city.actor("SN-CG", Role.HANDLER), p.id, signed_at, **REPLY)
        await signed_off(city, p.id, "SN-CG", signed_at)
    on_time = {
        r.petition_id: (r.on_time, r.to_platform_at) for r in await Reply.all().order_by("id")
    }
    assert on_time[early.id] == (True, at(2023, 3, 28, 23))
    assert on_time[late.id] == (False, at(2023, 3, 29, 9))


# --- evaluate ------------------------------------------------------------------------------


async def test_a_negative_first_evaluation_sends_it_back_to_the_district_as_round_two(
    db,
) -> None:
    city = await build_city()
    p = await submit(city)
    await dispatched(city, p.id, "SN-CG")
    await sent(city, p.id, "SN-CG")
    p = await closing.evaluate_petition(
        city.actor("SN", Role.DISPATCHER),
        p.id,
        T0 + timedelta(days=1),
        satisfaction=Satisfaction.UNSATISFIED,
        resolution=Resolution.RESOLVED,
    )
    assert p.state == State.TRIAGE and p.round == 2 and p.platform_id == city.id("SN")
    assert p.handling_unit_id is None and p.evaluation_due_at is None and p.closure is None
    (ev,) = await Evaluation.filter(petition_id=p.id)
    assert (ev.round, ev.unit_id, ev.source) == (
        1,
        city.id("SN-CG"),
        EvaluationSource.STAFF_CALLBACK,
    )
    p = await dispatched(city, p.id, "SN-SCJG")
    rows = await Assignment.filter(petition_id=p.id).order_by("id")
    assert [(a.round, a.end_reason) for a in rows] == [(1, AssignmentEnd.REPLIED), (2, None)]


async def test_a_negative_evaluation_of_a_city_departments_reply_returns_to_the_district(
    db,
) -> None:
    city = await build_city()
    p = await submit(city, category=Category.DEVELOPMENT, kind=None)
    await triage.escalate_petition(
        city.actor("SN", Role.DISPATCHER),
        p.id,
        T0,
        reason="请市级",
        suggested_unit_id=city.id("QD-CG"),
    )
    await dispatched(city, p.id, "QD-CG", platform="QD")
    await sent(city, p.id, "QD-CG", via_city=True)
    p = await closing.evaluate_petition(
        petitioner_of(p),
        p.id,
        T0,
        satisfaction=Satisfaction.SATISFIED,
        resolution=Resolution.UNRESOLVED,
    )
    assert p.state == State.TRIAGE and p.round == 2 and p.platform_id == city.id("SN")


async def test_a_positive_evaluation_closes_the_petition(db) -> None:
    city = await build_city()
    p = await submit(city)
    await dispatched(city, p.id, "SN-CG")
    await sent(city, p.id, "SN-CG")
    p = await closing.evaluate_petition(
        petitioner_of(p),
        p.id,
        T0,
        satisfaction=Satisfaction.BASICALLY_SATISFIED,
        resolution=Resolution.BASICALLY_RESOLVED,
    )
    assert p.state == State.CLOSED and p.closure == Closure.EVALUATED and p.closed_at == T0
    (ev,) = await Evaluation.filter(petition_id=p.id)
    assert ev.source == EvaluationSource.PETITIONER
    call = closing.evaluate_petition(
        city.actor("SN", Role.DISPATCHER),
        p.id,
        T0,
        satisfaction=Satisfaction.SATISFIED,
        resolution=Resolution.RESOLVED,
    )
    await refused(call, E.WRONG_STATE)


async def test_the_sweep_closes_only_replies_past_the_evaluation_window(db) -> None:
    city = await build_city()
    old, recent = await submit(city), await submit(city)
    for p, when in ((old, T0), (recent, T0 + timedelta(days=3))):
        await dispatched(city, p.id, "SN-CG", when)
        await sent(city, p.id, "SN-CG", when)
    assert await closing.close_unevaluated(T0 + timedelta(days=7) - timedelta(seconds=1)) == 0
    assert await closing.close_unevaluated(T0 + timedelta(days=7)) == 1
    o, r = await Petition.get(id=old.id), await Petition.get(id=recent.id)
    assert o.state == State.CLOSED and o.closure == Closure.NOT_EVALUATED
    assert o.evaluation_due_at is None
    assert r.state == State.AWAITING_EVALUATION
    last = (await events(old.id))[-1]
    assert last.action == Action.CLOSE_UNEVALUATED and last.actor_role == Role.SYSTEM
    assert last.actor_unit_id is None and last.actor_user_id is None
    assert await closing.close_unevaluated(T0 + timedelta(days=8)) == 0
    assert await closing.close_unevaluated(T0 + timedelta(days=10)) == 1


# --- urge, withdraw ------------------------------------------------------------------------


async def test_a_city_supervisor_urges_without_changing_the_state(db) -> None:
    city = await build_city()
    p = await handling_at(city)
    supervisor = city.actor("QD", Role.SUPERVISOR)
    await refused(closing.urge_petition(supervisor, p.id, T0, note=""), E.INVALID_FIELD, "note")
    for n in (1, 2):
        p = await closing.urge_petition(supervisor, p.id, T0, note=f"请加快办理{n}")
        assert p.state == State.HANDLING and p.urge_count == n
    assert await Urge.filter(petition_id=p.id).count() == 2
    last = (await events(p.id))[-1]
    assert last.action == Action.URGE and last.actor_role == Role.SUPERVISOR
    assert last.from_state == State.HANDLING and last.to_state == State.HANDLING
    assert last.note == "请加快办理2"


async def test_only_a_supervisor_at_the_city_platform_may_urge(db) -> None:
    city = await build_city()
    p = await handling_at(city)
    for who in (city.actor("SN", Role.SUPERVISOR), city.actor("QD", Role.DISPATCHER)):
        await refused(closing.urge_petition(who, p.id, T0, note="催办"), E.NOT_ALLOWED)
    assert (await Petition.get(id=p.id)).urge_count == 0


async def test_a_closed_petition_cannot_be_urged(db) -> None:
    city = await build_city()
    p = await submit(city)
    await triage.reject_petition(city.actor("SN", Role.DISPATCHER), p.id, T0, reason="无效")
    call = closing.urge_petition(city.actor("QD", Role.SUPERVISOR), p.id, T0, note="催办")
    await refused(call, E.WRONG_STATE)


async def test_the_petitioner_withdraws_before_the_reply_is_sent(db) -> None:
    city = await build_city()
    p = await handling_at(city)
    p = await closing.withdraw_petition(petitioner_of(p), p.id, T0, reason="已自行解决")
    assert p.state == State.CLOSED and p.closure == Closure.WITHDRAWN
    (a,) = await Assignment.filter(petition_id=p.id)
    assert a.end_reason == AssignmentEnd.CLOSED
    last = (await events(p.id))[-1]
    assert last.actor_role == Role.PETITIONER and last.from_state == State.HANDLING


async def test_the_petitioner_cannot_withdraw_once_the_reply_is_sent(db) -> None:
    city = await build_city()
    p = await submit(city)
    await dispatched(city, p.id, "SN-CG")
    await sent(city, p.id, "SN-CG")
    call = closing.withdraw_petition(petitioner_of(p), p.id, T0)
    await refused(call, E.WRONG_STATE)


async def test_only_the_district_platform_records_a_withdrawal_and_must_say_why(db) -> None:
    city = await build_city()
    p, other = await submit(city), await submit(city, petitioner_phone="13900000000")
    await refused(
        closing.withdraw_petition(city.actor("SN", Role.HANDLER), p.id, T0), E.NOT_ALLOWED
    )
    sn = city.actor("SN", Role.DISPATCHER)
    await refused(closing.withdraw_petition(sn, p.id, T0), E.INVALID_FIELD, "reason")
    call = closing.withdraw_petition(petitioner_of(other), p.id, T0)
    await refused(call, E.NOT_FOUND)
    done = await closing.withdraw_petition(sn, p.id, T0, reason="诉求人来电撤回")
    assert (done.state, done.closure) == (State.CLOSED, Closure.WITHDRAWN)


# --- deadlines through dispatch ------------------------------------------------------------


async def test_a_consultation_dispatched_before_national_day_is_due_after_the_working_saturday(
    db,
) -> None:
    city = await build_city()
    when = at(2023, 9, 28, 10)
    p = await submit(city, now=when, kind=Kind.CONSULTATION)
    p = await dispatched(city, p.id, "SN-CG", when)
    assert p.time_limit_days == 1
    assert p.deadline == at(2023, 10, 8) and p.deadline_estimated is False


async def test_a_deadline_into_2027_is_estimated_until_the_official_days_are_entered(db) -> None:
    city = await build_city()
    when = at(2026, 12, 31, 10)
    first = await submit(city, now=when)
    first = await dispatched(city, first.id, "SN-CG", when, complexity=Complexity.COMPLEX)
    assert first.time_limit_days == 5
    # Weekends only: Fri 01-01 counts, so Jan 1, 4, 5, 6, 7.
    assert first.deadline == at(2027, 1, 8) and first.deadline_estimated is True
    await CalendarOverride.create(
        day=date(2027, 1, 1), is_working=False, name="元旦", entered_at=T0
    )
    second = await submit(city, now=when)
    second = await dispatched(city, second.id, "SN-CG", when, complexity=Complexity.COMPLEX)
    assert second.deadline == at(2027, 1, 9) and second.deadline_estimated is False
