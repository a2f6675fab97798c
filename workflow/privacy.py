"""Who sees which petitions, and whose personal data (DOMAIN §6)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from workflow.actors import Actor
from workflow.enums import ApiClientKind, Role, Scope, UnitKind
from workflow.referrals import acting_inspector


class Reach(StrEnum):
    OWN = "OWN"  # a verified petitioner: the petitions raised with their phone
    ALL = "ALL"  # the city platform, supervisors, city admins
    DISTRICT = "DISTRICT"  # a district platform's staff: every petition of the district
    UNIT = "UNIT"  # petitions the unit handles, handled, or took in
    REFERRED = "REFERRED"  # inspectors: the petitions whose assessments a referral cites
    CHANNEL = "CHANNEL"  # the hotline: petitions it submitted
    NONE = "NONE"  # a district app's key on its own: nothing


@dataclass(frozen=True)
class Visibility:
    reach: Reach
    unit_id: int | None = None
    district_id: int | None = None
    phone: str | None = None


def visibility(actor: Actor) -> Visibility:
    """Which petitions the actor may act on or read in some form. Petitioner channels read
    them only as the petitioner's view (see `petitioner_view_only`)."""
    unit = actor.unit
    if actor.has(Role.PETITIONER):
        return Visibility(Reach.OWN, phone=actor.petitioner_phone)
    if actor.is_machine:
        if Scope.PETITION_READ not in actor.scopes:
            return Visibility(Reach.NONE)
        if Scope.PETITION_HANDLE in actor.scopes:
            return Visibility(Reach.UNIT, unit_id=unit.id)
        return Visibility(Reach.CHANNEL, unit_id=unit.id)
    if unit.kind is UnitKind.CITY_PLATFORM:
        return Visibility(Reach.ALL)
    if acting_inspector(actor):
        return Visibility(Reach.REFERRED, unit_id=unit.id)
    if unit.kind is UnitKind.DISTRICT_PLATFORM:
        return Visibility(Reach.DISTRICT, district_id=unit.id)
    return Visibility(Reach.UNIT, unit_id=unit.id)


# Machine clients through which petitioners themselves come in (DOMAIN §6: 一个门出).
PETITIONER_CHANNELS = frozenset({ApiClientKind.DISTRICT_APP, ApiClientKind.HOTLINE})


def petitioner_view_only(actor: Actor) -> bool:
    """A verified petitioner, a district app and the 12345 hotline serve petitioners: they
    read petitions only as the petitioner's view (workflow.petitioner), never the staff's
    record with its reviews, assessments, timeline and staff names."""
    return actor.has(Role.PETITIONER) or actor.client_kind in PETITIONER_CHANNELS


def sees_identity(
    actor: Actor, district_id: int, platform_id: int, handling_unit_id: int | None, anonymous: bool
) -> bool:
    """Name and phone: the platforms and the current handling unit; never a handling unit
    for an anonymous petitioner."""
    unit = actor.unit
    if actor.has(Role.PETITIONER):
        return True
    at_platform = unit.kind is UnitKind.CITY_PLATFORM or unit.id in (district_id, platform_id)
    if at_platform and not actor.is_machine:
        return True
    if handling_unit_id is not None and unit.id == handling_unit_id:
        return not anonymous
    return False


@dataclass(frozen=True)
class IdentityReach:
    """The same rule as `sees_identity`, written for a whole list at once (a search by phone
    or name matches only petitions whose petitioner the searcher may see): everything, or the
    petitions of `platform_unit_id` (as district or platform) plus the non-anonymous ones
    `handling_unit_id` currently handles. None from `identity_reach`: nothing."""

    everything: bool = False
    platform_unit_id: int | None = None
    handling_unit_id: int | None = None


def identity_reach(actor: Actor) -> IdentityReach | None:
    """Whose name and phone the actor may search by. Only staff in person: a machine client
    never searches petitioners, and a petitioner reads only their own petitions."""
    if actor.is_machine or actor.has(Role.PETITIONER):
        return None
    unit = actor.unit
    if unit.kind is UnitKind.CITY_PLATFORM:
        return IdentityReach(everything=True)
    return IdentityReach(platform_unit_id=unit.id, handling_unit_id=unit.id)


def reach_covers(
    reach: IdentityReach | None,
    district_id: int,
    platform_id: int,
    handling_unit_id: int | None,
    anonymous: bool,
) -> bool:
    """One petition against an IdentityReach (what resolvers.identity_search writes as SQL)."""
    if reach is None:
        return False
    if reach.everything or reach.platform_unit_id in (district_id, platform_id):
        return True
    return (
        handling_unit_id is not None
        and reach.handling_unit_id == handling_unit_id
        and (not anonymous)
    )


def sees_assessments(actor: Actor) -> bool:
    """Assessments of a unit are internal records: staff and a unit's own system see them on
    the petitions they may see; never a petitioner or a channel (apps, the hotline)."""
    if actor.has(Role.PETITIONER):
        return False
    return not actor.is_machine or Scope.PETITION_HANDLE in actor.scopes


def displayed_identity(name: str, phone: str, anonymous: bool, revealed: bool) -> tuple[str, str]:
    """What a screen or an API client shows: the real name and phone only when revealed to
    someone allowed (see sees_identity); an anonymous petitioner otherwise shows as 匿名."""
    if revealed:
        return name, phone
    if anonymous:
        return "匿名", "***"
    return mask_name(name), mask_phone(phone)


def mask_phone(phone: str) -> str:
    if len(phone) >= 7:
        return f"{phone[:3]}****{phone[-4:]}"
    return "****"


def mask_name(name: str) -> str:
    if not name:
        return ""
    return name[0] + "*" * max(1, len(name) - 1)
