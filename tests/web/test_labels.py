"""Chinese names never collide between enums that share a string value."""

from __future__ import annotations

from web.labels import BY_ENUM, label
from workflow.enums import AssignmentEnd, ReviewStage, State, UnitKind


def test_members_with_the_same_value_keep_their_own_names() -> None:
    assert label(State.CLOSED) == "已办结" and label(AssignmentEnd.CLOSED) == "已结束"
    assert label(UnitKind.CITY_PLATFORM) == "市级平台"
    assert label(ReviewStage.CITY_PLATFORM) == "市级平台审核"
    assert label("CLOSED") == "已办结"  # a bare string prefers the state
    assert label("CITY_PLATFORM") == "市级平台"  # and the unit kind
    assert label(None) == "" and label("UNKNOWN") == "UNKNOWN"


def test_every_member_of_every_labelled_enum_has_a_chinese_name() -> None:
    for enum, names in BY_ENUM.items():
        missing = [m for m in enum if m not in names]
        assert missing == [], (enum.__name__, missing)
