"""The petitioner's view (一个门出) as a pure rule, and how a phone number is read."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from workflow.actors import Actor, UnitRef, petitioner
from workflow.deadlines import TZ
from workflow.enums import (
    Action,
    AssignmentRole,
    Closure,
    EvaluationSource,
    ReplyStatus,
    Resolution,
    Role,
    Satisfaction,
    State,
    UnitKind,
)
from workflow.errors import WorkflowError
from workflow.petitioner import (
    CLOSURE_WORDS,
    STATUS_OF_STATE,
    AssignmentFacts,
    EvaluationFacts,
    MaterialFacts,
    MilestoneKind,
    PetitionerStatus,
    PetitionFacts,
    ReplyFacts,
    merged_reply_due,
    mobile_number,
    petitioner_actions,
    petitioner_view,
)

T = datetime(2023, 3, 24, 10, tzinfo=TZ)
NAMES = {1: "暖南诉办", 2: "市南区城市管理局", 3: "湛山社区"}


def facts(state: State, closure: Closure | None = None, **kw: object) -> PetitionFacts:
    values: dict[str, object] = dict(
        tracking_code="SN20230324000001",
        title="路灯不亮",
        content="小区路灯坏了一周",
        state=state,
        closure=closure,
        created_at=T,
        closed_at=T + timedelta(days=5) if state is State.CLOSED else None,
        deadline=T + timedelta(days=3),
        evaluation_due_at=T + timedelta(days=9),
        handling_unit_id=2,
    )
    values.update(kw)
    return PetitionFacts(**values)  # type: ignore[arg-type]


def reply(status: ReplyStatus, text: str, day: int) -> ReplyFacts:
    return ReplyFacts(
        round=1,
        status=status,
        unit_id=2,
        sent_at=T + timedelta(days=day) if status is ReplyStatus.SENT else None,
        petitioner_situation="情况",
        policy_basis="依据",
        handling_result=text,
        responsible_person="李四",
        contact_phone="0532-88886666",
    )


def test_every_state_and_every_closure_has_plain_words() -> None:
    assert set(STATUS_OF_STATE) == set(State)
    assert set(CLOSURE_WORDS) == set(Closure)
    words = {
        petitioner_view(facts(s, Closure.EVALUATED), [], [], [], [], NAMES).status_text
        for s in State
    }
    assert words == {"已受理", "办理中", "已答复", "已办结"}


@pytest.mark.parametrize(
    ("state", "status"),
    [
        (State.TRIAGE, PetitionerStatus.RECEIVED),
        (State.UNIT_REVIEW, PetitionerStatus.IN_PROGRESS),
        (State.PLATFORM_REVIEW, PetitionerStatus.IN_PROGRESS),
        (State.PENDING_ASSESSMENT, PetitionerStatus.REPLIED),
        (State.CLOSED, PetitionerStatus.CLOSED),
    ],
)
def test_reviews_are_handling_and_an_assessment_is_not_the_petitioners_business(
    state: State, status: PetitionerStatus
) -> None:
    assert STATUS_OF_STATE[state] is status


def test_only_sent_replies_reach_the_petitioner_and_milestones_are_public_steps() -> None:
    view = petitioner_view(
        facts(State.CLOSED, Closure.EVALUATED, handling_unit_id=None),
        [
            reply(ReplyStatus.REJECTED, "被退回的答复", 1),
            reply(ReplyStatus.IN_REVIEW, "审核中的答复", 2),
            reply(ReplyStatus.SENT, "已发送的答复", 3),
        ],
        [
            AssignmentFacts(3, AssignmentRole.LEAD, T),
            AssignmentFacts(1, AssignmentRole.COOPERATING, T + timedelta(hours=1)),
            AssignmentFacts(2, AssignmentRole.LEAD, T + timedelta(days=1)),
        ],
        [
            EvaluationFacts(
                1,
                Satisfaction.SATISFIED,
                Resolution.RESOLVED,
                "满意",
                EvaluationSource.PETITIONER,
                T + timedelta(days=4),
            )
        ],
        [MaterialFacts(7, "补充照片说明", T + timedelta(hours=2), True)],
        NAMES,
    )
    assert [r.handling_result for r in view.replies] == ["已发送的答复"]
    assert [(m.kind, m.text) for m in view.milestones] == [
        (MilestoneKind.RECEIVED, "已受理"),
        (MilestoneKind.DISPATCHED, "已派单至湛山社区"),
        (MilestoneKind.DISPATCHED, "已派单至市南区城市管理局"),
        (MilestoneKind.REPLIED, "已答复"),
        (MilestoneKind.EVALUATED, "已评价"),
        (MilestoneKind.CLOSED, "已评价，办结"),
    ]
    assert view.status_text == "已办结" and view.closure_text == "已评价，办结"
    assert view.deadline is None and view.handling_unit_name is None
    assert [m.text for m in view.materials] == ["补充照片说明"]


def test_the_deadline_shows_while_a_unit_works_and_the_evaluation_window_once_answered() -> None:
    handling = petitioner_view(facts(State.HANDLING), [], [], [], [], NAMES)
    assert handling.deadline == T + timedelta(days=3)
    assert handling.handling_unit_name == "市南区城市管理局"
    assert handling.evaluation_due_at is None
    awaiting = petitioner_view(facts(State.AWAITING_EVALUATION), [], [], [], [], NAMES)
    assert awaiting.deadline is None and awaiting.evaluation_due_at == T + timedelta(days=9)


@pytest.mark.parametrize("state", list(State), ids=lambda s: s.value)
def test_a_petitioner_may_evaluate_withdraw_or_add_material_as_the_table_says(
    state: State,
) -> None:
    me = petitioner("13812345678")
    expected = {
        State.AWAITING_EVALUATION: [Action.EVALUATE, Action.ADD_MATERIAL],
        State.PENDING_ASSESSMENT: [Action.ADD_MATERIAL],
        State.CLOSED: [],
    }.get(state, [Action.WITHDRAW, Action.ADD_MATERIAL])
    assert petitioner_actions(state, me) == expected
    staff = Actor(UnitRef(1, UnitKind.DISTRICT_PLATFORM, 1), frozenset({Role.DISPATCHER}))
    assert petitioner_actions(state, staff) == []


def test_a_petitioner_is_recorded_as_such_with_no_unit_or_staff_name() -> None:
    me = petitioner("13812345678")
    assert me.recorded_role is Role.PETITIONER and me.name == "诉求人"
    assert me.user_id is None and me.api_key_id is None and me.unit.id == 0


@pytest.mark.parametrize(
    "raw",
    ["13812345678", "138 1234 5678", "138-1234-5678", "+86 13812345678", "１３８１２３４５６７８"],
)
def test_a_mobile_number_is_read_as_intake_stores_it(raw: str) -> None:
    assert mobile_number(raw) == "13812345678"


@pytest.mark.parametrize("raw", ["", "0532-88886666", "1381234567", "23812345678", "138123456789"])
def test_anything_but_a_mobile_number_is_refused_naming_the_field(raw: str) -> None:
    with pytest.raises(WorkflowError) as err:
        mobile_number(raw)
    assert err.value.field == "phone"


def test_a_merged_petition_follows_its_survivor_and_judges_its_answer_once() -> None:
    merged = facts(
        State.CLOSED,
        Closure.DUPLICATE,
        created_at=T + timedelta(days=2),
        closed_at=T + timedelta(days=2, hours=1),
        handling_unit_id=None,
    )
    survivor = facts(
        State.AWAITING_EVALUATION, tracking_code="SN20230324000009", handling_unit_id=2
    )
    sent = [reply(ReplyStatus.SENT, "早先发送的答复", 1), reply(ReplyStatus.IN_REVIEW, "草稿", 3)]
    leads = [AssignmentFacts(2, AssignmentRole.LEAD, T)]
    week = timedelta(days=7)
    view = petitioner_view(merged, sent, leads, [], [], NAMES, survivor, week)
    assert view.status is PetitionerStatus.REPLIED and view.status_text == "已答复"
    assert view.closure_text == "与相同诉求合并办理" and view.closed_at is None
    assert view.handling_unit_name == "市南区城市管理局"
    # The answer is theirs to read, without the other petitioner's situation.
    [answer] = view.replies
    assert answer.handling_result == "早先发送的答复" and answer.petitioner_situation == ""
    # Their story starts when they came in; the survivor's earlier steps are not in it.
    assert [m.kind for m in view.milestones] == [MilestoneKind.RECEIVED, MilestoneKind.MERGED]
    assert view.evaluation_due_at == T + timedelta(days=1) + week
    assert merged_reply_due(sent, [], week) == (1, T + timedelta(days=8))
    judged = EvaluationFacts(
        1, Satisfaction.SATISFIED, Resolution.RESOLVED, "", EvaluationSource.PETITIONER, T
    )
    assert merged_reply_due(sent, [judged], week) is None
    me = petitioner("13812345678")
    now = T + timedelta(days=3)
    assert petitioner_actions(State.CLOSED, me, T + timedelta(days=8), now, merged=True) == [
        Action.EVALUATE
    ]
    late = T + timedelta(days=9)
    assert petitioner_actions(State.CLOSED, me, T + timedelta(days=8), late, merged=True) == []
    assert petitioner_actions(State.CLOSED, me, None, now, merged=True) == []
    closed = petitioner_view(
        merged, sent, leads, [judged], [], NAMES, facts(State.CLOSED, Closure.EVALUATED), week
    )
    assert closed.status_text == "已办结" and closed.milestones[-1].kind is MilestoneKind.CLOSED
