"""Intake and triage steps through the resolvers on a real database (DOMAIN §5).

Handling, review and closing steps are in test_steps_handling.py."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from models import Assignment, Event, Petition
from resolvers import handling, triage
from resolvers.intake import submit_petition
from tests.factories import T0, build_city, client, draft, submit
from tests.resolvers.helpers import REPLY, at, dispatched, events, refused, replied, signed_off
from workflow.enums import (
    Action,
    ApiClientKind,
    AssignmentEnd,
    AssignmentRole,
    Category,
    Channel,
    Closure,
    Complexity,
    Kind,
    ReviewStage,
    Role,
    State,
)
from workflow.errors import ErrorCode

E = ErrorCode

# --- submit --------------------------------------------------------------------------------


async def test_a_livelihood_petition_with_a_community_goes_straight_to_it_and_starts_the_clock(
    db,
) -> None:
    city = await build_city()
    p = await submit(city, community_id=city.id("SN-S01-C01"))
    assert p.state == State.ASSIGNED
    assert p.handling_unit_id == city.id("SN-S01-C01")
    assert p.street_id == city.id("SN-S01")
    assert p.platform_id == city.id("SN")
    assert p.time_limit_days == 2
    assert p.clock_started_at == T0
    assert p.deadline == at(2023, 3, 29)
    (a,) = await Assignment.filter(petition_id=p.id)
    assert (a.unit_id, a.role, a.round) == (city.id("SN-S01-C01"), AssignmentRole.LEAD, 1)
    assert a.assigned_by_unit_id == city.id("SN") and a.deadline == p.deadline
    assert a.ended_at is None


async def test_a_petition_without_a_community_waits_in_the_district_platforms_triage(db) -> None:
    city = await build_city()
    p = await submit(city)
    assert p.state == State.TRIAGE and p.platform_id == city.id("SN")
    assert p.handling_unit_id is None and p.deadline is None and p.clock_started_at is None
    assert await Assignment.filter(petition_id=p.id).count() == 0


async def test_a_development_petition_with_a_community_still_goes_to_triage(db) -> None:
    city = await build_city()
    p = await submit(
        city, category=Category.DEVELOPMENT, kind=None, community_id=city.id("SN-S01-C01")
    )
    assert p.state == State.TRIAGE and p.complexity == Complexity.NORMAL


async def test_a_development_petition_with_a_kind_is_refused_on_kind(db) -> None:
    city = await build_city()
    await refused(
        submit(city, category=Category.DEVELOPMENT, kind=Kind.COMPLAINT), E.INVALID_FIELD, "kind"
    )


async def test_a_livelihood_petition_without_a_kind_is_refused_on_kind(db) -> None:
    city = await build_city()
    await refused(submit(city, kind=None), E.INVALID_FIELD, "kind")


async def test_a_bad_phone_is_refused_on_petitioner_phone(db) -> None:
    city = await build_city()
    await refused(submit(city, petitioner_phone="12345"), E.INVALID_FIELD, "petitionerPhone")


async def test_an_empty_title_is_refused_on_title(db) -> None:
    city = await build_city()
    await refused(submit(city, title="   "), E.INVALID_FIELD, "title")


async def test_a_community_of_another_district_is_refused_on_community_id(db) -> None:
    city = await build_city()
    call = submit(city, community_id=city.id("SB-S01-C01"))
    await refused(call, E.INVALID_FIELD, "communityId")
    assert await Petition.all().count() == 0


async def test_an_unknown_topic_is_refused_on_topic_code(db) -> None:
    city = await build_city()
    await refused(submit(city, topic_code="NOPE-99"), E.INVALID_FIELD, "topicCode")
    assert await Petition.all().count() == 0 and await Event.all().count() == 0


async def test_a_resent_submission_with_the_same_external_id_returns_the_first_petition(
    db,
) -> None:
    city = await build_city()
    line = await client(city, "QD", ApiClientKind.HOTLINE)
    hotline = draft(channel=Channel.HOTLINE_12345, external_id="12345-0001", district_code="SN")
    first = await submit_petition(line, hotline, T0)
    again = await submit_petition(line, hotline, T0 + timedelta(minutes=5))
    assert first.created is True and again.created is False
    assert again.petition.id == first.petition.id
    assert again.petition.tracking_code == first.petition.tracking_code
    assert await Petition.all().count() == 1
    assert await Event.filter(action=Action.SUBMIT).count() == 1
    other_channel = draft(channel=Channel.WECHAT, external_id="12345-0001")
    third = await submit_petition(city.actor("SN", Role.DISPATCHER), other_channel, T0)
    assert third.created is True and third.petition.id != first.petition.id


async def test_tracking_codes_count_per_district_per_day(db) -> None:
    city = await build_city()
    codes = [(await submit(city)).tracking_code for _ in range(2)]
    codes.append((await submit(city, district="SB")).tracking_code)
    codes.append((await submit(city, now=T0 + timedelta(days=1))).tracking_code)
    codes.append((await submit(city)).tracking_code)
    # 16:30 UTC on the 24th is already the 25th in Shanghai.
    late = datetime(2023, 3, 24, 16, 30, tzinfo=UTC)
    codes.append((await submit(city, now=late)).tracking_code)
    assert codes == [
        "SN20230324000001",
        "SN20230324000002",
        "SB20230324000001",
        "SN20230325000001",
        "SN20230324000003",
        "SN20230325000002",
    ]


async def test_another_client_reusing_a_taken_external_id_is_refused_on_external_id(
    db,
) -> None:
    city = await build_city()
    app_draft = draft(channel=Channel.DISTRICT_APP, external_id="1001")
    app = await client(city, "SN", ApiClientKind.DISTRICT_APP)
    ours = await submit_petition(app, app_draft, T0)
    theirs = await client(city, "SB", ApiClientKind.DISTRICT_APP)
    await refused(submit_petition(theirs, app_draft, T0), E.INVALID_FIELD, "externalId")
    assert await Petition.all().count() == 1
    assert ours.petition.district_id == city.id("SN")


async def test_a_department_handler_may_take_in_a_walk_in_petition_for_its_district(
    db,
) -> None:
    city = await build_city()
    done = await submit_petition(city.actor("SN-CG", Role.HANDLER), draft(), T0)
    assert done.petition.intake_unit_id == city.id("SN-CG")
    assert done.petition.district_id == city.id("SN")


async def test_a_reviewer_cannot_submit(db) -> None:
    city = await build_city()
    await refused(submit_petition(city.actor("SN-CG", Role.REVIEWER), draft(), T0), E.NOT_ALLOWED)


# --- dispatch ------------------------------------------------------------------------------


async def test_dispatch_to_a_unit_of_another_district_is_refused_on_lead_unit_id(db) -> None:
    city = await build_city()
    p = await submit(city)
    await refused(dispatched(city, p.id, "SB-CG"), E.INVALID_FIELD, "leadUnitId")
    await refused(dispatched(city, p.id, "QD-CG"), E.INVALID_FIELD, "leadUnitId")
    assert (await Petition.get(id=p.id)).state == State.TRIAGE


async def test_cooperating_units_for_a_livelihood_petition_are_refused(db) -> None:
    city = await build_city()
    p = await submit(city)
    call = dispatched(city, p.id, "SN-CG", cooperating_unit_ids=[city.id("SN-SCJG")])
    await refused(call, E.INVALID_FIELD, "cooperatingUnitIds")
    assert await Assignment.filter(petition_id=p.id).count() == 0


async def test_joint_enforcement_needs_every_cooperating_units_opinion_before_the_reply(
    db,
) -> None:
    city = await build_city()
    p = await submit(city, category=Category.ENFORCEMENT, kind=None)
    coops = [city.id("SN-CG"), city.id("SN-S01")]
    p = await dispatched(city, p.id, "SN-SCJG", cooperating_unit_ids=coops)
    assert p.state == State.ASSIGNED and p.time_limit_days == 10
    rows = await Assignment.filter(petition_id=p.id).order_by("id")
    assert [(a.unit_id, a.role) for a in rows] == [
        (city.id("SN-SCJG"), AssignmentRole.LEAD),
        (city.id("SN-CG"), AssignmentRole.COOPERATING),
        (city.id("SN-S01"), AssignmentRole.COOPERATING),
    ]
    lead = city.actor("SN-SCJG", Role.HANDLER)
    await handling.accept_petition(lead, p.id, T0)
    await refused(handling.submit_reply(lead, p.id, T0, **REPLY), E.NOT_ALLOWED)
    await handling.add_cooperation_opinion(
        city.actor("SN-CG", Role.HANDLER), p.id, T0, text="城管配合清理占道"
    )
    await refused(handling.submit_reply(lead, p.id, T0, **REPLY), E.NOT_ALLOWED)
    await handling.add_cooperation_opinion(
        city.actor("SN-S01", Role.HANDLER), p.id, T0, text="街道配合入户走访"
    )
    p = await handling.submit_reply(lead, p.id, T0, **REPLY)
    assert p.state == State.UNIT_REVIEW and p.review_stage == ReviewStage.UNIT_REVIEWER


async def test_a_complex_development_petition_takes_the_platforms_time_limit(db) -> None:
    city = await build_city()
    p = await submit(city, category=Category.DEVELOPMENT, kind=None)
    p = await dispatched(city, p.id, "SN-CG", complexity=Complexity.COMPLEX, time_limit_days=15)
    assert p.complexity == Complexity.COMPLEX and p.time_limit_days == 15
    # 15 working days after Fri 2023-03-24, skipping Qingming (Wed 2023-04-05): Mon 2023-04-17.
    assert p.deadline == at(2023, 4, 18)
    assert p.original_deadline == p.deadline and p.deadline_estimated is False


async def test_a_complex_time_limit_above_twenty_days_is_refused_on_time_limit_days(db) -> None:
    city = await build_city()
    p = await submit(city, category=Category.DEVELOPMENT, kind=None)
    call = dispatched(city, p.id, "SN-CG", complexity=Complexity.COMPLEX, time_limit_days=25)
    await refused(call, E.INVALID_FIELD, "timeLimitDays")


async def test_a_handler_cannot_dispatch(db) -> None:
    city = await build_city()
    p = await submit(city)
    call = triage.dispatch_petition(
        city.actor("SN", Role.HANDLER), p.id, T0, lead_unit_id=city.id("SN-CG")
    )
    await refused(call, E.NOT_ALLOWED)


async def test_dispatching_twice_is_refused_as_the_wrong_state(db) -> None:
    city = await build_city()
    p = await submit(city)
    await dispatched(city, p.id, "SN-CG")
    await refused(dispatched(city, p.id, "SN-SCJG"), E.WRONG_STATE)
    assert await Assignment.filter(petition_id=p.id).count() == 1


async def test_a_stale_expected_version_is_refused_and_writes_nothing(db) -> None:
    city = await build_city()
    p = await submit(city)
    assert p.version == 1
    call = dispatched(city, p.id, "SN-CG", expected_version=0)
    await refused(call, E.STALE_VERSION, "expectedVersion")
    after = await Petition.get(id=p.id)
    assert after.version == 1 and after.state == State.TRIAGE
    assert await Assignment.filter(petition_id=p.id).count() == 0
    assert len(await events(p.id)) == 1
    p = await dispatched(city, p.id, "SN-CG", expected_version=1)
    assert p.version == 2 and p.state == State.ASSIGNED


# --- the city ------------------------------------------------------------------------------


async def test_a_city_departments_reply_passes_the_city_then_the_district_platform(db) -> None:
    city = await build_city()
    p = await submit(city)
    sn, qd = city.actor("SN", Role.DISPATCHER), city.actor("QD", Role.DISPATCHER)
    p = await triage.escalate_petition(
        sn, p.id, T0, reason="需市直部门办理", suggested_unit_id=city.id("QD-CG")
    )
    assert p.state == State.TRIAGE and p.platform_id == city.id("QD")
    await refused(dispatched(city, p.id, "SN-CG"), E.NOT_ALLOWED)
    await refused(dispatched(city, p.id, "SN-CG", platform="QD"), E.INVALID_FIELD, "leadUnitId")
    p = await dispatched(city, p.id, "QD-CG", platform="QD")
    assert p.state == State.ASSIGNED and p.handling_unit_id == city.id("QD-CG")
    await replied(city, p.id, "QD-CG")
    p = await signed_off(city, p.id, "QD-CG")
    assert p.state == State.PLATFORM_REVIEW and p.review_stage == ReviewStage.CITY_PLATFORM
    await refused(handling.review_reply(sn, p.id, T0, approve=True), E.NOT_ALLOWED)
    p = await handling.review_reply(qd, p.id, T0, approve=True)
    assert p.state == State.PLATFORM_REVIEW and p.review_stage == ReviewStage.DISTRICT_PLATFORM
    await refused(handling.review_reply(qd, p.id, T0, approve=True), E.NOT_ALLOWED)
    p = await handling.review_reply(sn, p.id, T0, approve=True)
    assert p.state == State.AWAITING_EVALUATION and p.review_stage is None
    assert p.evaluation_due_at == T0 + timedelta(days=7)


async def test_the_city_sends_a_petition_back_to_its_district_with_a_reason(db) -> None:
    city = await build_city()
    p = await submit(city)
    await triage.escalate_petition(
        city.actor("SN", Role.DISPATCHER),
        p.id,
        T0,
        reason="请市级",
        suggested_unit_id=city.id("QD-CG"),
    )
    qd = city.actor("QD", Role.DISPATCHER)
    await refused(triage.send_back_petition(qd, p.id, T0, reason="  "), E.INVALID_FIELD, "reason")
    p = await triage.send_back_petition(qd, p.id, T0, reason="属区级事权，请区平台派单")
    assert p.state == State.TRIAGE and p.platform_id == city.id("SN")
    last = (await events(p.id))[-1]
    assert last.action == Action.SEND_BACK and last.note == "属区级事权，请区平台派单"
    assert last.actor_unit_id == city.id("QD")
    sn = city.actor("SN", Role.DISPATCHER)
    await refused(triage.send_back_petition(sn, p.id, T0, reason="再发回"), E.NOT_ALLOWED)


async def test_a_city_dispatcher_cannot_escalate_further(db) -> None:
    city = await build_city()
    p = await submit(city)
    await triage.escalate_petition(
        city.actor("SN", Role.DISPATCHER),
        p.id,
        T0,
        reason="请市级",
        suggested_unit_id=city.id("QD-CG"),
    )
    call = triage.escalate_petition(city.actor("QD", Role.DISPATCHER), p.id, T0, reason="再上")
    await refused(call, E.NOT_ALLOWED)


# --- escalate, return ----------------------------------------------------------------------


async def test_escalation_keeps_the_deadline_to_the_street_and_stops_it_at_the_district(
    db,
) -> None:
    city = await build_city()
    p = await submit(city, community_id=city.id("SN-S01-C01"))
    deadline = p.deadline
    assert deadline == at(2023, 3, 29)
    later = T0 + timedelta(days=3)
    p = await triage.escalate_petition(
        city.actor("SN-S01-C01", Role.HANDLER), p.id, later, reason="社区无法解决"
    )
    assert p.state == State.ASSIGNED and p.handling_unit_id == city.id("SN-S01")
    assert p.deadline == deadline and p.clock_started_at == T0
    rows = await Assignment.filter(petition_id=p.id).order_by("id")
    assert [(a.unit_id, a.end_reason) for a in rows] == [
        (city.id("SN-S01-C01"), AssignmentEnd.ESCALATED),
        (city.id("SN-S01"), None),
    ]
    assert rows[1].deadline == deadline and rows[1].assigned_by_unit_id == city.id("SN-S01-C01")
    street = city.actor("SN-S01", Role.HANDLER)
    await handling.accept_petition(street, p.id, later)
    p = await triage.escalate_petition(street, p.id, later, reason="街道无法解决")
    assert p.state == State.TRIAGE and p.platform_id == city.id("SN")
    assert p.deadline is None and p.clock_started_at is None and p.handling_unit_id is None
    assert p.yellow_at is None
    assert await Assignment.filter(petition_id=p.id, ended_at__isnull=True).count() == 0


async def test_a_department_cannot_escalate_it_must_return(db) -> None:
    city = await build_city()
    p = await submit(city)
    await dispatched(city, p.id, "SN-CG")
    call = triage.escalate_petition(city.actor("SN-CG", Role.HANDLER), p.id, T0, reason="上报")
    await refused(call, E.NOT_ALLOWED)


async def test_a_department_returns_a_misdispatched_petition_to_the_dispatching_platform(
    db,
) -> None:
    city = await build_city()
    p = await submit(city)
    await dispatched(city, p.id, "SN-CG")
    handler = city.actor("SN-CG", Role.HANDLER)
    assert city.duty_item is not None
    p = await triage.return_petition(
        handler, p.id, T0, reason="属市场监管职责", duty_item_id=city.duty_item.id
    )
    assert p.state == State.TRIAGE and p.platform_id == city.id("SN")
    assert p.handling_unit_id is None and p.deadline is None
    (a,) = await Assignment.filter(petition_id=p.id)
    assert a.end_reason == AssignmentEnd.RETURNED and a.ended_at == T0
    last = (await events(p.id))[-1]
    assert last.action == Action.RETURN and last.note == "属市场监管职责"
    assert last.payload["dutyItem"]["id"] == city.duty_item.id


async def test_a_city_department_returns_to_the_city_platform(db) -> None:
    city = await build_city()
    p = await submit(city)
    await triage.escalate_petition(
        city.actor("SN", Role.DISPATCHER),
        p.id,
        T0,
        reason="请市级",
        suggested_unit_id=city.id("QD-CG"),
    )
    await dispatched(city, p.id, "QD-CG", platform="QD")
    assert city.duty_item is not None
    p = await triage.return_petition(
        city.actor("QD-CG", Role.HANDLER),
        p.id,
        T0,
        reason="非本局职责",
        duty_item_id=city.duty_item.id,
    )
    assert p.state == State.TRIAGE and p.platform_id == city.id("QD")


async def test_a_return_needs_an_existing_duty_item_and_a_reason(db) -> None:
    city = await build_city()
    p = await submit(city)
    await dispatched(city, p.id, "SN-CG")
    handler = city.actor("SN-CG", Role.HANDLER)
    call = triage.return_petition(handler, p.id, T0, reason="非本局", duty_item_id=999_999)
    await refused(call, E.INVALID_FIELD, "dutyItemId")
    assert city.duty_item is not None
    call = triage.return_petition(handler, p.id, T0, reason=" ", duty_item_id=city.duty_item.id)
    await refused(call, E.INVALID_FIELD, "reason")
    after = await Petition.get(id=p.id)
    assert after.state == State.ASSIGNED and after.version == 2


async def test_a_return_citing_the_returning_units_own_duty_item_is_refused(db) -> None:
    city = await build_city()
    p = await submit(city)
    await dispatched(city, p.id, "SN-SCJG")
    assert city.duty_item is not None and city.duty_item.unit_id == city.id("SN-SCJG")
    own = city.duty_item.id
    call = triage.return_petition(
        city.actor("SN-SCJG", Role.HANDLER), p.id, T0, reason="不归我们", duty_item_id=own
    )
    await refused(call, E.INVALID_FIELD, "dutyItemId")
    after = await Petition.get(id=p.id)
    assert after.state == State.ASSIGNED and after.handling_unit_id == city.id("SN-SCJG")


async def test_a_street_cannot_return_it_must_escalate(db) -> None:
    city = await build_city()
    p = await submit(city)
    await dispatched(city, p.id, "SN-S01")
    assert city.duty_item is not None
    call = triage.return_petition(
        city.actor("SN-S01", Role.HANDLER), p.id, T0, reason="退回", duty_item_id=city.duty_item.id
    )
    await refused(call, E.NOT_ALLOWED)


# --- reject, merge -------------------------------------------------------------------------


async def test_an_invalid_petition_is_rejected_with_a_reason(db) -> None:
    city = await build_city()
    p = await submit(city)
    sn = city.actor("SN", Role.DISPATCHER)
    await refused(triage.reject_petition(sn, p.id, T0, reason=""), E.INVALID_FIELD, "reason")
    p = await triage.reject_petition(sn, p.id, T0, reason="内容无效")
    assert p.state == State.CLOSED and p.closure == Closure.INVALID and p.closed_at == T0
    await refused(triage.reject_petition(sn, p.id, T0, reason="再次"), E.WRONG_STATE)


async def test_a_duplicate_is_merged_into_the_original(db) -> None:
    city = await build_city()
    original, dup = await submit(city), await submit(city)
    sn = city.actor("SN", Role.DISPATCHER)
    p = await triage.merge_petition(sn, dup.id, T0, duplicate_of_id=original.id)
    assert p.state == State.CLOSED and p.closure == Closure.DUPLICATE
    assert p.duplicate_of_id == original.id
    last = (await events(dup.id))[-1]
    assert last.payload["duplicateOf"]["trackingCode"] == original.tracking_code


async def test_a_petition_cannot_be_merged_into_itself(db) -> None:
    city = await build_city()
    p = await submit(city)
    call = triage.merge_petition(city.actor("SN", Role.DISPATCHER), p.id, T0, duplicate_of_id=p.id)
    await refused(call, E.INVALID_FIELD, "duplicateOfId")


async def test_a_district_cannot_merge_into_a_petition_of_another_district(db) -> None:
    city = await build_city()
    mine, theirs = await submit(city), await submit(city, district="SB")
    sn = city.actor("SN", Role.DISPATCHER)
    call = triage.merge_petition(sn, mine.id, T0, duplicate_of_id=theirs.id)
    await refused(call, E.INVALID_FIELD, "duplicateOfId")
    assert (await Petition.get(id=mine.id)).state == State.TRIAGE


async def test_a_petition_cannot_be_merged_into_one_that_is_itself_a_duplicate(db) -> None:
    city = await build_city()
    a, b, c = await submit(city), await submit(city), await submit(city)
    sn = city.actor("SN", Role.DISPATCHER)
    await triage.merge_petition(sn, b.id, T0, duplicate_of_id=a.id)
    call = triage.merge_petition(sn, c.id, T0, duplicate_of_id=b.id)
    await refused(call, E.INVALID_FIELD, "duplicateOfId")


async def test_the_platform_recalls_an_unaccepted_dispatch_and_dispatches_again(db) -> None:
    city = await build_city()
    p = await submit(city)
    await dispatched(city, p.id, "SN-CG")
    sn = city.actor("SN", Role.DISPATCHER)
    p = await triage.recall_petition(sn, p.id, T0, reason="应由市场监管局办理")
    assert p.state == State.TRIAGE and p.platform_id == city.id("SN")
    assert p.handling_unit_id is None and p.deadline is None and p.yellow_at is None
    (a,) = await Assignment.filter(petition_id=p.id)
    assert a.end_reason == AssignmentEnd.RECALLED and a.ended_at == T0
    last = (await events(p.id))[-1]
    assert (last.action, last.from_state, last.to_state) == (
        Action.RECALL,
        State.ASSIGNED,
        State.TRIAGE,
    )
    assert last.note == "应由市场监管局办理" and last.actor_role is Role.DISPATCHER
    p = await dispatched(city, p.id, "SN-SCJG")
    assert p.state == State.ASSIGNED and p.handling_unit_id == city.id("SN-SCJG")


async def test_an_accepted_or_escalated_assignment_cannot_be_recalled(db) -> None:
    city = await build_city()
    sn = city.actor("SN", Role.DISPATCHER)
    p = await submit(city)
    await dispatched(city, p.id, "SN-CG")
    await handling.accept_petition(city.actor("SN-CG", Role.HANDLER), p.id, T0)
    await refused(triage.recall_petition(sn, p.id, T0, reason="x"), E.WRONG_STATE)
    q = await submit(city, community_id=city.id("SN-S01-C01"))
    await triage.escalate_petition(
        city.actor("SN-S01-C01", Role.HANDLER), q.id, T0, reason="需街道协调"
    )
    await refused(triage.recall_petition(sn, q.id, T0, reason="x"), E.NOT_ALLOWED)
    await refused(
        triage.recall_petition(city.actor("SB", Role.DISPATCHER), p.id, T0, reason="x"),
        E.NOT_FOUND,
    )


async def test_escalating_to_the_city_names_a_city_department(db) -> None:
    city = await build_city()
    p = await submit(city)
    sn = city.actor("SN", Role.DISPATCHER)
    await refused(
        triage.escalate_petition(sn, p.id, T0, reason="请市级"), E.INVALID_FIELD, "suggestedUnitId"
    )
    district_dept = city.id("SN-CG")
    call = triage.escalate_petition(sn, p.id, T0, reason="请市级", suggested_unit_id=district_dept)
    await refused(call, E.INVALID_FIELD, "suggestedUnitId")
    assert (await Petition.get(id=p.id)).platform_id == city.id("SN")
    p = await triage.escalate_petition(
        sn, p.id, T0, reason="请市级", suggested_unit_id=city.id("QD-SCJG")
    )
    assert p.platform_id == city.id("QD")
    last = (await events(p.id))[-1]
    assert last.payload["suggestedUnit"] == {"id": city.id("QD-SCJG"), "name": "市市场监管局"}
