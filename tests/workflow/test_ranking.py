"""The weighted score and ranks of 考核排名."""

from __future__ import annotations

from decimal import Decimal

import pytest

from workflow.errors import WorkflowError
from workflow.measures import Measures
from workflow.ranking import parse_weights, rank, score

WEIGHTS = parse_weights("response=1,on_time=1,resolution=1,satisfaction=1")


def _m(assigned: int, accepted: int, replies: int, on_time: int, ev: int, res: int, sat: int):
    return Measures(
        {
            "assigned": assigned,
            "accepted_in_time": accepted,
            "replies": replies,
            "replies_on_time": on_time,
            "evaluations": ev,
            "resolved": res,
            "satisfied": sat,
        }
    )


def test_the_score_is_the_weighted_mean_of_the_four_rates() -> None:
    m = _m(10, 10, 10, 5, 4, 4, 3)  # 100, 50, 100, 75
    assert score(m, WEIGHTS, 10) == Decimal("81.25")
    heavy = parse_weights("response=0,on_time=3,resolution=0,satisfaction=1")
    assert score(m, heavy, 10) == Decimal("56.25")  # (3*50 + 75) / 4


def test_a_small_sample_or_an_empty_rate_is_not_scored() -> None:
    assert score(_m(9, 9, 9, 9, 9, 9, 9), WEIGHTS, 10) is None
    assert score(_m(10, 10, 10, 10, 0, 0, 0), WEIGHTS, 10) is None


def test_ties_share_a_place_and_the_unranked_come_last() -> None:
    good, fair = _m(10, 10, 10, 10, 10, 10, 10), _m(10, 5, 10, 5, 10, 5, 10)
    rows = [(1, "乙", fair), (2, "甲", good), (3, "丙", good), (4, "丁", _m(1, 1, 1, 1, 1, 1, 1))]
    ranked = rank(rows, WEIGHTS, 10)
    assert [(r.name, r.rank) for r in ranked] == [("丙", 1), ("甲", 1), ("乙", 3), ("丁", None)]


@pytest.mark.parametrize(
    "text",
    [
        "response=1",
        "response=1,on_time=1,resolution=1,satisfaction=-1",
        "response=a,on_time=1,resolution=1,satisfaction=1",
        "response=0,on_time=0,resolution=0,satisfaction=0",
    ],
)
def test_bad_weights_are_refused(text: str) -> None:
    with pytest.raises(WorkflowError):
        parse_weights(text)
