"""Loading units as the rules see them."""

from __future__ import annotations

from tortoise.backends.base.client import BaseDBAsyncClient

from models import Unit
from workflow.actors import UnitRef
from workflow.enums import UnitKind
from workflow.errors import invalid, not_found
from workflow.routing import may_dispatch_to


def unit_ref(unit: Unit) -> UnitRef:
    return UnitRef(
        id=unit.id,
        kind=UnitKind(unit.kind),
        district_id=unit.district_id,
        parent_id=unit.parent_id,
        name=unit.name,
        receives_referrals=unit.receives_referrals,
    )


async def load_unit(
    unit_id: int, field: str = "unitId", conn: BaseDBAsyncClient | None = None
) -> Unit:
    unit = await Unit.get_or_none(id=unit_id, active=True, using_db=conn)
    if unit is None:
        raise invalid(field, f"单位 {unit_id} 不存在")
    return unit


async def find_unit(unit_id: int | None) -> Unit | None:
    return await Unit.get_or_none(id=unit_id) if unit_id else None


async def dispatch_targets(platform: UnitRef) -> list[Unit]:
    """The active units a platform may dispatch to, for its pickers."""
    rows = await Unit.filter(active=True).order_by("id")
    return [u for u in rows if may_dispatch_to(platform, unit_ref(u))]


async def unit_names(ids: set[int]) -> dict[int, str]:
    from resolvers.catalog import units_by_id

    return {u.id: u.name for u in await units_by_id(list(ids)) if u is not None}


async def city_platform(conn: BaseDBAsyncClient | None = None) -> Unit:
    unit = await Unit.get_or_none(kind=UnitKind.CITY_PLATFORM, using_db=conn)
    if unit is None:
        raise not_found("市级平台")
    return unit
