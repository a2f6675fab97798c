"""Where a step leads when the destination depends on what was decided (DOMAIN §5)."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from workflow.enums import (
    AssessmentResult,
    Category,
    Closure,
    Decision,
    Resolution,
    ReviewStage,
    Satisfaction,
    State,
    UnitKind,
)
from workflow.errors import FieldErrors


def intake_state(category: Category, community_known: bool) -> State:
    """A livelihood petition with a known community goes straight to it; the rest to triage."""
    if category is Category.LIVELIHOOD and community_known:
        return State.ASSIGNED
    return State.TRIAGE


def first_review_stage(handling_kind: UnitKind, community_head_only: bool) -> ReviewStage:
    if handling_kind is UnitKind.COMMUNITY and community_head_only:
        return ReviewStage.UNIT_HEAD
    return ReviewStage.UNIT_REVIEWER


def after_review(
    stage: ReviewStage, decision: Decision, handled_at_city: bool
) -> tuple[State, ReviewStage | None]:
    """The state and review stage after one review. A rejection always goes back to handling.

    City departments' replies pass the city platform first, then the district platform,
    which alone sends replies out ("one door out").
    """
    if decision is Decision.REJECTED:
        return State.HANDLING, None
    if stage is ReviewStage.UNIT_REVIEWER:
        return State.UNIT_REVIEW, ReviewStage.UNIT_HEAD
    if stage is ReviewStage.UNIT_HEAD:
        first = ReviewStage.CITY_PLATFORM if handled_at_city else ReviewStage.DISTRICT_PLATFORM
        return State.PLATFORM_REVIEW, first
    if stage is ReviewStage.CITY_PLATFORM:
        return State.PLATFORM_REVIEW, ReviewStage.DISTRICT_PLATFORM
    return State.AWAITING_EVALUATION, None


def is_positive(satisfaction: Satisfaction, resolution: Resolution) -> bool:
    return satisfaction is not Satisfaction.UNSATISFIED and resolution is not Resolution.UNRESOLVED


def after_evaluation(
    round_: int, satisfaction: Satisfaction, resolution: Resolution
) -> tuple[State, Closure | None]:
    """Positive closes; a bad first round goes back to the district for a second handling;
    a bad second round goes to the assessment of the unit."""
    if is_positive(satisfaction, resolution):
        return State.CLOSED, Closure.EVALUATED
    if round_ == 1:
        return State.TRIAGE, None
    return State.PENDING_ASSESSMENT, None


@dataclass(frozen=True)
class AssessmentMark:
    """One assessment of a unit as the referral count sees it."""

    result: AssessmentResult
    referred: bool  # already cited by a referral


def needs_referral(newest_first: Sequence[AssessmentMark]) -> bool:
    """Whether the unit's two latest assessments make a referral (DOMAIN §6): both
    NOT_FULFILLED and neither cited yet. The count starts after the last referral, so each
    assessment is cited at most once: a third failure does not pair with the second, a
    fourth pairs with the third. `newest_first` holds the unit's assessments up to the one
    just made, newest first (any longer history is ignored)."""
    pair = newest_first[:2]
    return len(pair) == 2 and all(
        m.result is AssessmentResult.NOT_FULFILLED and not m.referred for m in pair
    )


REPLY_ELEMENTS: dict[str, str] = {
    "petitionerSituation": "诉求人基本情况",
    "policyBasis": "政策依据",
    "handlingResult": "办理结果",
    "responsiblePerson": "责任人",
    "contactPhone": "联系电话",
}
_PHONE = re.compile(r"^[0-9+\-() ]{7,20}$")


def validate_reply(elements: Mapping[str, str]) -> None:
    """A reply must state all five elements (DOMAIN §5); the phone must look like one. Every
    missing element is reported at once."""
    errors = FieldErrors()
    for key, label in REPLY_ELEMENTS.items():
        value = (elements.get(key) or "").strip()
        if not value:
            errors.add(key, f"答复必须写明{label}")
    phone = (elements.get("contactPhone") or "").strip()
    if phone and not _PHONE.match(phone):
        errors.add("contactPhone", "联系电话格式不正确")
    errors.raise_if_any()
