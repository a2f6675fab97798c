"""Where a step leads when the outcome depends on a decision (DOMAIN §5): reviews,
evaluations, referrals, the reply's five elements, intake routing."""

from __future__ import annotations

import pytest

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
from workflow.errors import ErrorCode, WorkflowError
from workflow.lifecycle import (
    REPLY_ELEMENTS,
    AssessmentMark,
    after_evaluation,
    after_review,
    first_review_stage,
    intake_state,
    is_positive,
    needs_referral,
    validate_reply,
)

K = UnitKind

# --- lifecycle -----------------------------------------------------------------------------

RS = ReviewStage
AFTER_APPROVAL = {
    (RS.UNIT_REVIEWER, False): (State.UNIT_REVIEW, RS.UNIT_HEAD),
    (RS.UNIT_REVIEWER, True): (State.UNIT_REVIEW, RS.UNIT_HEAD),
    (RS.UNIT_HEAD, False): (State.PLATFORM_REVIEW, RS.DISTRICT_PLATFORM),
    (RS.UNIT_HEAD, True): (State.PLATFORM_REVIEW, RS.CITY_PLATFORM),
    (RS.CITY_PLATFORM, False): (State.PLATFORM_REVIEW, RS.DISTRICT_PLATFORM),
    (RS.CITY_PLATFORM, True): (State.PLATFORM_REVIEW, RS.DISTRICT_PLATFORM),
    (RS.DISTRICT_PLATFORM, False): (State.AWAITING_EVALUATION, None),
    (RS.DISTRICT_PLATFORM, True): (State.AWAITING_EVALUATION, None),
}


@pytest.mark.parametrize("at_city", [False, True], ids=["district", "city"])
@pytest.mark.parametrize("decision", list(Decision), ids=lambda d: d.value)
@pytest.mark.parametrize("stage", list(ReviewStage), ids=lambda s: s.value)
def test_after_review_moves_approvals_up_the_stages_and_rejections_back_to_handling(
    stage: ReviewStage, decision: Decision, at_city: bool
) -> None:
    expected = (
        (State.HANDLING, None)
        if decision is Decision.REJECTED
        else AFTER_APPROVAL[(stage, at_city)]
    )
    assert after_review(stage, decision, at_city) == expected


GOOD_S = {Satisfaction.SATISFIED, Satisfaction.BASICALLY_SATISFIED}
GOOD_R = {Resolution.RESOLVED, Resolution.BASICALLY_RESOLVED}


@pytest.mark.parametrize("round_", [1, 2])
@pytest.mark.parametrize("resolution", list(Resolution), ids=lambda r: r.value)
@pytest.mark.parametrize("satisfaction", list(Satisfaction), ids=lambda s: s.value)
def test_after_evaluation_closes_positive_marks_and_escalates_the_rest_by_round(
    satisfaction: Satisfaction, resolution: Resolution, round_: int
) -> None:
    positive = satisfaction in GOOD_S and resolution in GOOD_R
    assert is_positive(satisfaction, resolution) is positive
    got = after_evaluation(round_, satisfaction, resolution)
    if positive:
        assert got == (State.CLOSED, Closure.EVALUATED)
    elif round_ == 1:
        assert got == (State.TRIAGE, None)
    else:
        assert got == (State.PENDING_ASSESSMENT, None)


F, NF = AssessmentResult.FULFILLED, AssessmentResult.NOT_FULFILLED


def marks(*results: AssessmentResult, referred: int = 0) -> list[AssessmentMark]:
    """Newest first; the `referred` oldest of them already cited by a referral."""
    n = len(results)
    return [AssessmentMark(r, i >= n - referred) for i, r in enumerate(results)]


@pytest.mark.parametrize(
    ("recent", "expected"),
    [
        ([], False),
        ([NF], False),
        ([NF, NF], True),
        ([NF, F], False),
        ([F, NF], False),
        ([F, F], False),
        ([NF, NF, F], True),
        ([F, NF, NF], False),
    ],
)
def test_a_referral_needs_the_two_most_recent_assessments_both_failed(
    recent: list[AssessmentResult], expected: bool
) -> None:
    assert needs_referral(marks(*recent)) is expected


def test_each_assessment_is_cited_by_at_most_one_referral_so_the_count_restarts() -> None:
    """Chronologically N1 N2 (referred) N3: the third does not pair with the second; N4 pairs
    with the third."""
    assert needs_referral(marks(NF, NF))  # N2 with N1
    assert not needs_referral(marks(NF, NF, NF, referred=2))  # N3 with a cited N2
    assert needs_referral(marks(NF, NF, NF, NF, referred=2))  # N4 with N3
    assert not needs_referral(marks(NF, NF, referred=1))
    assert not needs_referral(marks(NF, NF, referred=2))


GOOD_REPLY = {
    "petitionerSituation": "张三反映垃圾无人清运",
    "policyBasis": "《城市市容和环境卫生管理条例》",
    "handlingResult": "已清运",
    "responsiblePerson": "李四",
    "contactPhone": "0532-88886666",
}


def test_a_reply_with_all_five_elements_is_valid() -> None:
    validate_reply(GOOD_REPLY)


@pytest.mark.parametrize("blank", ["", "   ", None])
@pytest.mark.parametrize("key", list(REPLY_ELEMENTS))
def test_a_reply_missing_an_element_names_that_field(key: str, blank: str | None) -> None:
    elements = {**GOOD_REPLY, key: blank}
    with pytest.raises(WorkflowError) as err:
        validate_reply(elements)  # type: ignore[arg-type]
    assert err.value.code is ErrorCode.INVALID_FIELD
    assert err.value.field == key


def test_a_reply_with_a_contact_phone_that_is_not_a_phone_names_contact_phone() -> None:
    with pytest.raises(WorkflowError) as err:
        validate_reply({**GOOD_REPLY, "contactPhone": "call me"})
    assert err.value.field == "contactPhone"


def test_only_a_livelihood_petition_with_a_community_skips_triage() -> None:
    assert intake_state(Category.LIVELIHOOD, True) is State.ASSIGNED
    assert intake_state(Category.LIVELIHOOD, False) is State.TRIAGE
    assert intake_state(Category.DEVELOPMENT, True) is State.TRIAGE
    assert intake_state(Category.ENFORCEMENT, True) is State.TRIAGE


def test_a_community_may_sign_off_with_the_head_alone_when_the_deployment_allows() -> None:
    assert first_review_stage(K.COMMUNITY, True) is RS.UNIT_HEAD
    assert first_review_stage(K.COMMUNITY, False) is RS.UNIT_REVIEWER
    assert first_review_stage(K.STREET, True) is RS.UNIT_REVIEWER
    assert first_review_stage(K.CITY_DEPARTMENT, True) is RS.UNIT_REVIEWER
