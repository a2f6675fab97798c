"""The asking actor, as the apps and screens see themselves."""

from __future__ import annotations

import strawberry

from models import RoleGrant
from models import Unit as UnitRow
from schema.enums import Role, Scope
from schema.types import Unit, from_row
from workflow.actors import Actor


@strawberry.type
class UnitGrant:
    unit: Unit
    roles: list[Role]


@strawberry.type
class Me:
    name: str
    unit: Unit
    roles: list[Role]
    scopes: list[Scope]
    is_machine: bool
    grants: list[UnitGrant] = strawberry.field(description="Every unit the user may act for.")


async def me_of(actor: Actor) -> Me:
    unit = await UnitRow.get(id=actor.unit.id)
    grants: list[UnitGrant] = []
    if actor.user_id is not None:
        by_unit: dict[int, list[Role]] = {}
        rows = await RoleGrant.filter(user_id=actor.user_id).select_related("unit").order_by("id")
        units = {}
        for g in rows:
            by_unit.setdefault(g.unit_id, []).append(g.role)
            units[g.unit_id] = g.unit
        grants = [UnitGrant(unit=from_row(Unit, units[u]), roles=r) for u, r in by_unit.items()]
    return Me(
        name=actor.name,
        unit=from_row(Unit, unit),
        roles=sorted(actor.roles),
        scopes=sorted(actor.scopes),
        is_machine=actor.is_machine,
        grants=grants,
    )
