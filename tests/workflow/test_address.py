"""Finding the community in an address: certain or not at all."""

from __future__ import annotations

from workflow.address import Place, match_address

PLACES = [
    Place("台东街道", 1, None),
    Place("延安路", 1, 10),
    Place("延安三路", 2, 20),
    Place("威海路", 1, 11),
    Place("合肥路", 3, None),
    Place("合肥路", 3, 30),
]


def test_the_longest_name_decides_between_overlapping_road_names() -> None:
    match = match_address("延安三路 5 号", PLACES)
    assert (match.community_id, match.street_id) == (20, 2)
    assert match.matched == ("延安三路",)


def test_a_street_named_in_the_address_must_agree_with_the_community() -> None:
    assert match_address("台东街道威海路 3 号", PLACES).community_id == 11
    wrong = match_address("台东街道延安三路 3 号", PLACES)
    assert wrong.community_id is None and wrong.reason == "地址中的街道与社区不一致"


def test_a_street_name_alone_gives_the_street_but_not_the_community() -> None:
    match = match_address("台东街道某小区", PLACES)
    assert (match.community_id, match.street_id) == (None, 1)


def test_a_name_shared_by_street_and_community_routes_to_the_community() -> None:
    assert match_address("合肥路 88 号", PLACES).community_id == 30


def test_two_communities_or_none_are_unsure() -> None:
    assert match_address("延安路和威海路路口", PLACES).community_id is None
    assert match_address("", PLACES).reason == "未提供地址"
