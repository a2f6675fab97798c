"""Who may take which step, from which state (DOMAIN §5, §6): the table, parametrized."""

from __future__ import annotations

from dataclasses import dataclass, replace

import pytest

from workflow.actors import SYSTEM_UNIT, Actor, UnitRef, petitioner
from workflow.enums import Action, ReviewStage, Role, State, UnitKind
from workflow.transitions import ROLES, TRANSITIONS, PetitionView, allowed_actions, refusal

K = UnitKind
CITY = UnitRef(1, K.CITY_PLATFORM, None)
CITY_DEPT = UnitRef(2, K.CITY_DEPARTMENT, None, parent_id=1)
SN = UnitRef(10, K.DISTRICT_PLATFORM, 10, parent_id=1)
SN_DEPT = UnitRef(11, K.DISTRICT_DEPARTMENT, 10, parent_id=10)
SN_DEPT2 = UnitRef(12, K.DISTRICT_DEPARTMENT, 10, parent_id=10)
SN_STREET = UnitRef(13, K.STREET, 10, parent_id=10)
SN_COMM = UnitRef(14, K.COMMUNITY, 10, parent_id=13)
SB = UnitRef(20, K.DISTRICT_PLATFORM, 20, parent_id=1)
SB_DEPT = UnitRef(21, K.DISTRICT_DEPARTMENT, 20, parent_id=20)
SB_STREET = UnitRef(23, K.STREET, 20, parent_id=20)
SB_COMM = UnitRef(24, K.COMMUNITY, 20, parent_id=23)


def actor(unit: UnitRef, *roles: Role, user_id: int | None = 100) -> Actor:
    return Actor(unit=unit, roles=frozenset(roles), user_id=user_id)


def view(state: State, **kw: object) -> PetitionView:
    values: dict[str, object] = {"round": 1, "district_id": SN.id, "platform": SN}
    values.update(kw)
    return PetitionView(state=state, **values)  # type: ignore[arg-type]


@dataclass(frozen=True)
class Case:
    """A petition in `state` and the unit where the action belongs, with the roles that may
    take it there, and the same unit's counterpart in another district (None: no such)."""

    view: PetitionView
    unit: UnitRef
    allowed: frozenset[Role]
    other: UnitRef | None


def _case(state: State, action: Action) -> Case:
    A = Action
    D = frozenset({Role.DISPATCHER})
    H = frozenset({Role.HANDLER})
    if action in (A.DISPATCH, A.REJECT, A.MERGE, A.ASSESS):
        return Case(view(state), SN, D, SB)
    if action is A.ESCALATE:
        if state is State.TRIAGE:
            return Case(view(state), SN, D, SB)
        return Case(view(state, handling_unit=SN_COMM), SN_COMM, H, SB_COMM)
    if action is A.SEND_BACK:
        return Case(view(state, platform=CITY), CITY, D, SB)
    if action is A.RECALL:
        v = view(state, handling_unit=SN_DEPT, dispatched_by_platform=True)
        return Case(v, SN, D, SB)
    if action is A.TAKE_BACK_REPLY:
        v = view(
            state,
            handling_unit=SN_DEPT,
            review_stage=ReviewStage.UNIT_REVIEWER,
            reply_author_id=100,
        )
        return Case(v, SN_DEPT, H, SB_DEPT)
    if action in (A.RETURN, A.ACCEPT, A.REQUEST_EXTENSION, A.SUBMIT_REPLY, A.FIRST_CONTACT):
        return Case(view(state, handling_unit=SN_DEPT), SN_DEPT, H, SB_DEPT)
    if action is A.DECIDE_EXTENSION:
        return Case(view(state, handling_unit=SN_DEPT, pending_extension=True), SN, D, SB)
    if action is A.ADD_COOPERATION_OPINION:
        v = view(
            state,
            handling_unit=SN_DEPT,
            cooperating_unit_ids=frozenset({SN_DEPT2.id}),
            awaiting_opinion_unit_ids=frozenset({SN_DEPT2.id}),
        )
        return Case(v, SN_DEPT2, H, SB_DEPT)
    if action is A.REVIEW_REPLY:
        if state is State.UNIT_REVIEW:
            v = view(
                state,
                handling_unit=SN_DEPT,
                review_stage=ReviewStage.UNIT_REVIEWER,
                reply_author_id=7,
            )
            return Case(v, SN_DEPT, frozenset({Role.REVIEWER}), SB_DEPT)
        v = view(state, handling_unit=SN_DEPT, review_stage=ReviewStage.DISTRICT_PLATFORM)
        return Case(v, SN, D, SB)
    if action is A.EVALUATE:
        return Case(view(state), SN, frozenset({Role.DISPATCHER, Role.PETITIONER}), SB)
    if action is A.CLOSE_UNEVALUATED:
        return Case(view(state), SYSTEM_UNIT, frozenset({Role.SYSTEM}), None)
    if action is A.URGE:
        return Case(view(state, handling_unit=SN_DEPT), CITY, frozenset({Role.SUPERVISOR}), SB)
    if action in (A.WITHDRAW, A.ADD_MATERIAL):
        return Case(
            view(state, handling_unit=SN_DEPT),
            SN,
            frozenset({Role.DISPATCHER, Role.PETITIONER}),
            SB,
        )
    raise AssertionError(f"no case for {action}")


PAIRS = sorted(TRANSITIONS, key=lambda p: (p[1].value, p[0].value))
TABLE_ACTIONS = sorted({a for _, a in TRANSITIONS}, key=lambda a: a.value)


def _id(pair: tuple[State, Action]) -> str:
    return f"{pair[0].value}-{pair[1].value}"


def test_every_action_in_the_table_has_roles_and_every_role_list_names_real_actions() -> None:
    assert set(TABLE_ACTIONS) == set(ROLES) - {Action.SUBMIT}
    assert Action.VIEW_PERSONAL_DATA not in ROLES


@pytest.mark.parametrize("role", list(Role), ids=lambda r: r.value)
@pytest.mark.parametrize("pair", PAIRS, ids=_id)
def test_only_the_right_role_at_the_right_unit_may_take_each_step(
    pair: tuple[State, Action], role: Role
) -> None:
    state, action = pair
    case = _case(state, action)
    got = refusal(action, case.view, actor(case.unit, role))
    if role in case.allowed:
        assert role in ROLES[action]
        assert got is None
    else:
        assert got is not None
        assert got.wrong_state is False


@pytest.mark.parametrize("pair", PAIRS, ids=_id)
def test_a_role_the_action_does_not_name_is_refused_without_blaming_the_state(
    pair: tuple[State, Action],
) -> None:
    state, action = pair
    case = _case(state, action)
    others = [r for r in Role if r not in ROLES[action]]
    got = refusal(action, case.view, actor(case.unit, *others))
    assert got is not None and got.wrong_state is False


@pytest.mark.parametrize("pair", [p for p in PAIRS if _case(*p).other is not None], ids=_id)
def test_the_right_role_at_a_unit_of_another_district_is_refused(
    pair: tuple[State, Action],
) -> None:
    state, action = pair
    case = _case(state, action)
    assert case.other is not None
    # A petitioner belongs to no unit: which petitions are theirs is their phone's scope.
    got = refusal(action, case.view, actor(case.other, *(case.allowed - {Role.PETITIONER})))
    assert got is not None and got.wrong_state is False


WRONG_STATES = [(s, a) for a in TABLE_ACTIONS for s in State if (s, a) not in TRANSITIONS]


@pytest.mark.parametrize("pair", WRONG_STATES, ids=_id)
def test_every_state_outside_the_table_is_refused_as_the_wrong_state(
    pair: tuple[State, Action],
) -> None:
    state, action = pair
    allowed_from = next(s for s, a in PAIRS if a is action)
    case = _case(allowed_from, action)
    got = refusal(action, replace(case.view, state=state), actor(case.unit, *case.allowed))
    assert got is not None and got.wrong_state is True


def test_urge_is_allowed_in_every_open_state_and_withdraw_only_before_the_reply_is_sent() -> None:
    urge = {s for s, a in TRANSITIONS if a is Action.URGE}
    withdraw = {s for s, a in TRANSITIONS if a is Action.WITHDRAW}
    assert urge == set(State) - {State.CLOSED}
    assert withdraw == {
        State.TRIAGE,
        State.ASSIGNED,
        State.HANDLING,
        State.UNIT_REVIEW,
        State.PLATFORM_REVIEW,
    }


def test_allowed_actions_of_a_handler_on_an_assigned_department_petition() -> None:
    v = view(State.ASSIGNED, handling_unit=SN_DEPT)
    # The main step first: accepting; returning is the exception.
    assert allowed_actions(v, actor(SN_DEPT, Role.HANDLER)) == [
        Action.ACCEPT,
        Action.RETURN,
        Action.FIRST_CONTACT,
    ]
    assert allowed_actions(v, actor(SB_DEPT, Role.HANDLER)) == []


# --- review stages -------------------------------------------------------------------------

UNIT_STAFF = (Role.HANDLER, Role.REVIEWER, Role.HEAD)


def _review(stage: ReviewStage, handling: UnitRef = SN_DEPT, **kw: object) -> PetitionView:
    state = (
        State.UNIT_REVIEW
        if stage in (ReviewStage.UNIT_REVIEWER, ReviewStage.UNIT_HEAD)
        else State.PLATFORM_REVIEW
    )
    return view(state, handling_unit=handling, review_stage=stage, reply_author_id=7, **kw)


def _may_review(v: PetitionView, a: Actor) -> bool:
    return refusal(Action.REVIEW_REPLY, v, a) is None


def test_the_unit_reviewer_reviews_first_and_the_head_second() -> None:
    first, second = _review(ReviewStage.UNIT_REVIEWER), _review(ReviewStage.UNIT_HEAD)
    assert _may_review(first, actor(SN_DEPT, Role.REVIEWER))
    assert not _may_review(first, actor(SN_DEPT, Role.HEAD))
    assert _may_review(second, actor(SN_DEPT, Role.HEAD))
    assert not _may_review(second, actor(SN_DEPT, Role.REVIEWER))
    assert not _may_review(first, actor(SN_DEPT2, Role.REVIEWER))
    assert not _may_review(second, actor(SN_DEPT2, Role.HEAD))
    assert not _may_review(first, actor(SN, Role.DISPATCHER))


@pytest.mark.parametrize("stage", [ReviewStage.UNIT_REVIEWER, ReviewStage.UNIT_HEAD])
def test_the_replys_author_cannot_review_it_at_either_unit_stage(stage: ReviewStage) -> None:
    v = _review(stage)
    author = actor(SN_DEPT, *UNIT_STAFF, user_id=7)
    colleague = actor(SN_DEPT, *UNIT_STAFF, user_id=8)
    got = refusal(Action.REVIEW_REPLY, v, author)
    assert got is not None and got.wrong_state is False
    assert _may_review(v, colleague)


def test_only_a_city_dispatcher_reviews_at_the_city_platform_stage() -> None:
    v = _review(ReviewStage.CITY_PLATFORM, handling=CITY_DEPT, platform=CITY)
    assert _may_review(v, actor(CITY, Role.DISPATCHER))
    assert not _may_review(v, actor(CITY, Role.SUPERVISOR))
    assert not _may_review(v, actor(SN, Role.DISPATCHER))
    assert not _may_review(v, actor(CITY_DEPT, Role.REVIEWER, Role.HEAD))


def test_only_that_districts_dispatcher_reviews_at_the_district_platform_stage() -> None:
    for handling, platform in ((SN_DEPT, SN), (CITY_DEPT, CITY)):
        v = _review(ReviewStage.DISTRICT_PLATFORM, handling=handling, platform=platform)
        assert _may_review(v, actor(SN, Role.DISPATCHER))
        assert not _may_review(v, actor(SB, Role.DISPATCHER))
        assert not _may_review(v, actor(CITY, Role.DISPATCHER))
        assert not _may_review(v, actor(handling, Role.HEAD, Role.REVIEWER))


def test_a_reply_without_a_review_stage_cannot_be_reviewed() -> None:
    v = view(State.UNIT_REVIEW, handling_unit=SN_DEPT)
    assert not _may_review(v, actor(SN_DEPT, Role.REVIEWER, Role.HEAD))


# --- escalate, return, reply, extensions ---------------------------------------------------


@pytest.mark.parametrize("state", [State.ASSIGNED, State.HANDLING])
def test_community_and_street_handlers_escalate_but_a_department_handler_must_return(
    state: State,
) -> None:
    for unit in (SN_COMM, SN_STREET):
        v = view(state, handling_unit=unit)
        assert refusal(Action.ESCALATE, v, actor(unit, Role.HANDLER)) is None
        assert refusal(Action.RETURN, v, actor(unit, Role.HANDLER)) is not None
    for unit, platform in ((SN_DEPT, SN), (CITY_DEPT, CITY)):
        v = view(state, handling_unit=unit, platform=platform)
        got = refusal(Action.ESCALATE, v, actor(unit, Role.HANDLER))
        assert got is not None and got.wrong_state is False
        assert refusal(Action.RETURN, v, actor(unit, Role.HANDLER)) is None


def test_a_handler_cannot_escalate_for_another_unit() -> None:
    v = view(State.HANDLING, handling_unit=SN_COMM)
    assert refusal(Action.ESCALATE, v, actor(SN_STREET, Role.HANDLER)) is not None


def test_the_district_dispatcher_escalates_from_triage_but_the_city_cannot_escalate_further() -> (
    None
):
    at_district = view(State.TRIAGE)
    assert refusal(Action.ESCALATE, at_district, actor(SN, Role.DISPATCHER)) is None
    assert refusal(Action.ESCALATE, at_district, actor(CITY, Role.DISPATCHER)) is not None
    at_city = view(State.TRIAGE, platform=CITY)
    got = refusal(Action.ESCALATE, at_city, actor(CITY, Role.DISPATCHER))
    assert got is not None and got.wrong_state is False
    assert refusal(Action.ESCALATE, at_city, actor(SN, Role.DISPATCHER)) is not None


def test_only_the_city_platform_sends_back() -> None:
    assert refusal(Action.SEND_BACK, view(State.TRIAGE), actor(SN, Role.DISPATCHER)) is not None
    at_city = view(State.TRIAGE, platform=CITY)
    assert refusal(Action.SEND_BACK, at_city, actor(CITY, Role.DISPATCHER)) is None


def test_the_reply_waits_for_every_cooperating_units_opinion() -> None:
    waiting = view(
        State.HANDLING,
        handling_unit=SN_DEPT,
        cooperating_unit_ids=frozenset({SN_DEPT2.id, SN_STREET.id}),
        awaiting_opinion_unit_ids=frozenset({SN_STREET.id}),
    )
    lead = actor(SN_DEPT, Role.HANDLER)
    got = refusal(Action.SUBMIT_REPLY, waiting, lead)
    assert got is not None and got.wrong_state is False
    done = replace(waiting, awaiting_opinion_unit_ids=frozenset())
    assert refusal(Action.SUBMIT_REPLY, done, lead) is None
    assert refusal(Action.SUBMIT_REPLY, done, actor(SN_DEPT2, Role.HANDLER)) is not None


def test_a_cooperating_unit_opines_but_the_lead_does_not() -> None:
    v = view(State.HANDLING, handling_unit=SN_DEPT, cooperating_unit_ids=frozenset({SN_DEPT2.id}))
    assert refusal(Action.ADD_COOPERATION_OPINION, v, actor(SN_DEPT2, Role.HANDLER)) is None
    assert refusal(Action.ADD_COOPERATION_OPINION, v, actor(SN_DEPT, Role.HANDLER)) is not None


def test_an_extension_cannot_be_requested_while_one_is_pending() -> None:
    v = view(State.HANDLING, handling_unit=SN_DEPT)
    handler = actor(SN_DEPT, Role.HANDLER)
    assert refusal(Action.REQUEST_EXTENSION, v, handler) is None
    got = refusal(Action.REQUEST_EXTENSION, replace(v, pending_extension=True), handler)
    assert got is not None and got.wrong_state is False


def test_an_extension_is_decided_only_when_pending_and_only_by_the_dispatching_platform() -> None:
    v = view(State.HANDLING, handling_unit=SN_DEPT, pending_extension=True)
    assert refusal(Action.DECIDE_EXTENSION, v, actor(SN, Role.DISPATCHER)) is None
    assert refusal(Action.DECIDE_EXTENSION, v, actor(SB, Role.DISPATCHER)) is not None
    assert refusal(Action.DECIDE_EXTENSION, v, actor(CITY, Role.DISPATCHER)) is not None
    none_pending = replace(v, pending_extension=False)
    got = refusal(Action.DECIDE_EXTENSION, none_pending, actor(SN, Role.DISPATCHER))
    assert got is not None and got.wrong_state is False
    at_city = view(State.HANDLING, handling_unit=CITY_DEPT, platform=CITY, pending_extension=True)
    assert refusal(Action.DECIDE_EXTENSION, at_city, actor(CITY, Role.DISPATCHER)) is None
    assert refusal(Action.DECIDE_EXTENSION, at_city, actor(SN, Role.DISPATCHER)) is not None


def test_only_a_city_supervisor_urges() -> None:
    v = view(State.HANDLING, handling_unit=SN_DEPT)
    assert refusal(Action.URGE, v, actor(CITY, Role.SUPERVISOR)) is None
    assert refusal(Action.URGE, v, actor(SN, Role.SUPERVISOR)) is not None
    assert refusal(Action.URGE, v, actor(CITY, Role.DISPATCHER)) is not None


def test_a_petitioners_steps_need_the_petitioner_role_or_the_district_platform() -> None:
    """Whose petition it is, is settled by the scope (the verified phone), not by a unit."""
    awaiting = view(State.AWAITING_EVALUATION)
    handling = view(State.HANDLING, handling_unit=SN_DEPT)
    me = petitioner("13812345678")
    for action, v in ((Action.EVALUATE, awaiting), (Action.WITHDRAW, handling)):
        assert refusal(action, v, me) is None
        assert refusal(action, v, actor(SN, Role.DISPATCHER)) is None
        assert refusal(action, v, actor(SB, Role.DISPATCHER)) is not None
        assert refusal(action, v, actor(SN_DEPT, Role.HANDLER)) is not None
    assert refusal(Action.ADD_MATERIAL, handling, me) is None
    assert refusal(Action.ADD_MATERIAL, view(State.CLOSED), me) is not None


def test_a_platform_recalls_only_its_own_unaccepted_dispatch() -> None:
    mine = view(State.ASSIGNED, handling_unit=SN_DEPT, dispatched_by_platform=True)
    assert refusal(Action.RECALL, mine, actor(SN, Role.DISPATCHER)) is None
    escalated = view(State.ASSIGNED, handling_unit=SN_STREET, dispatched_by_platform=False)
    assert refusal(Action.RECALL, escalated, actor(SN, Role.DISPATCHER)) is not None
    accepted = replace(mine, state=State.HANDLING)
    refused = refusal(Action.RECALL, accepted, actor(SN, Role.DISPATCHER))
    assert refused is not None and refused.wrong_state
