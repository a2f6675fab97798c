"""Which community an address belongs to, from the district's place names (roads, estates,
the community's and street's own names). Pure: the caller passes the place names.

A livelihood petition goes straight to its community only when that is certain: one community's
names appear in the address (the longest match decides between overlapping names such as 延安路
and 延安三路) and no named street contradicts it. Otherwise the district platform decides.
"""

from __future__ import annotations

from dataclasses import dataclass

from workflow.actors import Actor
from workflow.enums import Category


@dataclass(frozen=True)
class Place:
    name: str
    street_id: int
    community_id: int | None  # None: a street-level name (the street itself, a main road)


@dataclass(frozen=True)
class AddressMatch:
    community_id: int | None  # set only when certain
    street_id: int | None  # set when the street is certain
    matched: tuple[str, ...]  # the names found in the address, longest first
    reason: str


def _found(address: str, places: list[Place]) -> list[Place]:
    """Names present in the address; a name inside a longer matched name does not count
    (延安路 inside 延安三路)."""
    hits = [p for p in places if p.name and p.name in address]
    hits.sort(key=lambda p: -len(p.name))
    kept: list[Place] = []
    for place in hits:
        if not any(place.name in longer.name and place.name != longer.name for longer in kept):
            kept.append(place)
    return kept


def match_address(address: str, places: list[Place]) -> AddressMatch:
    text = "".join(address.split())
    if not text:
        return AddressMatch(None, None, (), "未提供地址")
    hits = _found(text, places)
    names = tuple(dict.fromkeys(p.name for p in hits))
    communities = {p.community_id for p in hits if p.community_id is not None}
    streets = {p.street_id for p in hits}
    if len(communities) == 1:
        community = communities.pop()
        street = next(p.street_id for p in hits if p.community_id == community)
        if streets == {street}:
            return AddressMatch(community, street, names, "地址匹配到唯一社区")
        return AddressMatch(None, None, names, "地址中的街道与社区不一致")
    if len(communities) > 1:
        only_street = streets.pop() if len(streets) == 1 else None
        return AddressMatch(None, only_street, names, "地址可能属于多个社区")
    if len(streets) == 1:
        return AddressMatch(None, streets.pop(), names, "地址只能确定街道，不能确定社区")
    return AddressMatch(None, None, names, "地址未匹配到本区（市）的街道或社区")


def by_address(actor: Actor, category: Category, address: str) -> bool:
    """Intake looks the community up from the address for livelihood petitions that an app
    or the hotline hands in without one (staff at a desk choose the community themselves)."""
    return actor.is_machine and category is Category.LIVELIHOOD and bool(address.strip())
