"""Who sees referrals (问责移交) and who moves them on (DOMAIN §6), as data.

A referral goes to the city's discipline inspection unit and the organisation department:
their INSPECTORs see every referral and take it from OPEN to ACKNOWLEDGED to CONCLUDED; the
city's SUPERVISORs read them. Nobody else sees them, machine clients included. The API and
the staff screens both ask these functions.
"""

from __future__ import annotations

from workflow.actors import Actor
from workflow.enums import ReferralState, ReferralStep, Role, UnitKind
from workflow.errors import WorkflowError, not_allowed, wrong_state

# (state, step) → the state the step leads to.
REFERRAL_TRANSITIONS: dict[tuple[ReferralState, ReferralStep], ReferralState] = {
    (ReferralState.OPEN, ReferralStep.ACKNOWLEDGE): ReferralState.ACKNOWLEDGED,
    (ReferralState.ACKNOWLEDGED, ReferralStep.CONCLUDE): ReferralState.CONCLUDED,
}
REFERRAL_STEPS = (ReferralStep.ACKNOWLEDGE, ReferralStep.CONCLUDE)


def acting_inspector(actor: Actor) -> bool:
    """An INSPECTOR (a person, not a key) at a unit that receives referrals."""
    return (
        not actor.is_machine
        and actor.has(Role.INSPECTOR)
        and actor.unit.receives_referrals
        and actor.unit.kind is UnitKind.CITY_DEPARTMENT
    )


def referral_role(actor: Actor) -> Role | None:
    """The role through which `actor` sees referrals, or None when they may not."""
    if acting_inspector(actor):
        return Role.INSPECTOR
    if not actor.is_machine and actor.has(Role.SUPERVISOR):
        if actor.unit.kind is UnitKind.CITY_PLATFORM:
            return Role.SUPERVISOR
    return None


def sees_referrals(actor: Actor) -> bool:
    return referral_role(actor) is not None


def referral_refusal(
    step: ReferralStep, state: ReferralState, actor: Actor
) -> WorkflowError | None:
    """Why `actor` may not take `step` on a referral in `state` now, or None if they may."""
    if not acting_inspector(actor):
        return not_allowed("只有纪检监察机关和组织部门的纪检监察人员可以处理问责移交")
    if (state, step) not in REFERRAL_TRANSITIONS:
        return wrong_state(f"问责移交当前状态为{state.value}，不能执行此操作")
    return None


def allowed_referral_steps(state: ReferralState, actor: Actor) -> list[ReferralStep]:
    return [s for s in REFERRAL_STEPS if referral_refusal(s, state, actor) is None]
