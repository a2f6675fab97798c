"""Finding a community from an address, with the district's place names (workflow/address.py
decides; this loads the names)."""

from __future__ import annotations

from typing import Any

from tortoise.backends.base.client import BaseDBAsyncClient

from models import PlaceName, Unit
from workflow.address import AddressMatch, Place, match_address
from workflow.enums import UnitKind


async def locate(
    district_id: int, address: str, conn: BaseDBAsyncClient | None = None
) -> tuple[AddressMatch, Unit | None, Unit | None]:
    """The match, and the street and community it is certain of (None when unsure)."""
    units = {
        u.id: u
        for u in await Unit.filter(
            district_id=district_id,
            kind__in=[UnitKind.STREET, UnitKind.COMMUNITY],
            active=True,
        ).using_db(conn)
    }
    places: list[Place] = []
    for name, unit_id in (
        await PlaceName.filter(unit_id__in=list(units))
        .using_db(conn)
        .values_list("name", "unit_id")
    ):
        unit = units[unit_id]
        if unit.kind == UnitKind.COMMUNITY:
            if unit.parent_id in units:
                places.append(Place(name, unit.parent_id, unit.id))
        else:
            places.append(Place(name, unit.id, None))
    match = match_address(address, places)
    street = units.get(match.street_id) if match.street_id else None
    community = units.get(match.community_id) if match.community_id else None
    return match, street, community


def routing_record(match: AddressMatch, address: str, community: Unit | None) -> dict[str, Any]:
    """What the intake event says about it: the address, the names found, the outcome."""
    return {
        "address": address,
        "matched": list(match.matched),
        "community": {"id": community.id, "name": community.name} if community else None,
        "streetId": match.street_id,
        "reason": match.reason,
    }
