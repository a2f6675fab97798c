"""Who sees referrals and who moves them on (DOMAIN §6), as pure rules."""

from __future__ import annotations

import pytest

from workflow.actors import Actor, UnitRef
from workflow.enums import ReferralState, ReferralStep, Role, Scope, UnitKind
from workflow.errors import ErrorCode
from workflow.referrals import allowed_referral_steps, referral_refusal, referral_role

K = UnitKind
CITY = UnitRef(1, K.CITY_PLATFORM, None)
INSPECTION = UnitRef(3, K.CITY_DEPARTMENT, None, parent_id=1, receives_referrals=True)
ORGANISATION = UnitRef(4, K.CITY_DEPARTMENT, None, parent_id=1, receives_referrals=True)
CITY_DEPT = UnitRef(2, K.CITY_DEPARTMENT, None, parent_id=1)
SN = UnitRef(10, K.DISTRICT_PLATFORM, 10, parent_id=1)
SN_DEPT = UnitRef(11, K.DISTRICT_DEPARTMENT, 10, parent_id=10)


def staff(unit: UnitRef, *roles: Role) -> Actor:
    return Actor(unit=unit, roles=frozenset(roles), user_id=7)


def key(unit: UnitRef) -> Actor:
    scopes = frozenset({Scope.PETITION_READ, Scope.PETITION_SUBMIT})
    return Actor(unit=unit, roles=frozenset(), api_key_id=3, scopes=scopes)


@pytest.mark.parametrize(
    ("actor", "role", "steps"),
    [
        (staff(INSPECTION, Role.INSPECTOR), Role.INSPECTOR, [ReferralStep.ACKNOWLEDGE]),
        (staff(ORGANISATION, Role.INSPECTOR), Role.INSPECTOR, [ReferralStep.ACKNOWLEDGE]),
        (staff(CITY, Role.SUPERVISOR), Role.SUPERVISOR, []),
        (staff(CITY, Role.SUPERVISOR, Role.INSPECTOR), Role.SUPERVISOR, []),
        (staff(CITY, Role.DISPATCHER, Role.ADMIN), None, []),
        (staff(CITY_DEPT, Role.INSPECTOR), None, []),
        (staff(INSPECTION, Role.HANDLER, Role.HEAD), None, []),
        (staff(SN, Role.SUPERVISOR, Role.INSPECTOR, Role.DISPATCHER), None, []),
        (staff(SN_DEPT, Role.INSPECTOR), None, []),
        (key(CITY), None, []),
        (key(INSPECTION), None, []),
        (staff(SN, Role.PETITIONER), None, []),
    ],
)
def test_only_inspectors_of_the_two_recipients_act_and_city_supervisors_read(
    actor: Actor, role: Role | None, steps: list[ReferralStep]
) -> None:
    assert referral_role(actor) is role
    assert allowed_referral_steps(ReferralState.OPEN, actor) == steps


@pytest.mark.parametrize(
    ("state", "step", "allowed"),
    [
        (ReferralState.OPEN, ReferralStep.ACKNOWLEDGE, True),
        (ReferralState.OPEN, ReferralStep.CONCLUDE, False),
        (ReferralState.ACKNOWLEDGED, ReferralStep.ACKNOWLEDGE, False),
        (ReferralState.ACKNOWLEDGED, ReferralStep.CONCLUDE, True),
        (ReferralState.CONCLUDED, ReferralStep.ACKNOWLEDGE, False),
        (ReferralState.CONCLUDED, ReferralStep.CONCLUDE, False),
        (ReferralState.OPEN, ReferralStep.CREATE, False),
    ],
)
def test_a_referral_goes_open_acknowledged_concluded_and_no_other_way(
    state: ReferralState, step: ReferralStep, allowed: bool
) -> None:
    refusal = referral_refusal(step, state, staff(ORGANISATION, Role.INSPECTOR))
    if allowed:
        assert refusal is None
    else:
        assert refusal is not None and refusal.code is ErrorCode.WRONG_STATE


def test_a_supervisor_reading_a_referral_may_not_move_it() -> None:
    refusal = referral_refusal(
        ReferralStep.ACKNOWLEDGE, ReferralState.OPEN, staff(CITY, Role.SUPERVISOR)
    )
    assert refusal is not None and refusal.code is ErrorCode.NOT_ALLOWED
