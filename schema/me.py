"""The asking actor, as the apps and screens see themselves."""

from __future__ import annotations

import strawberry

from resolvers.auth import grants_of
from resolvers.units import load_unit
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
    must_change_password: bool = strawberry.field(
        default=False,
        description="An admin reset the password: until `changePassword`, every other "
        "operation but `me` and `logout` is refused.",
    )


async def me_of(actor: Actor) -> Me:
    unit = await load_unit(actor.unit.id)
    grants: list[UnitGrant] = []
    if actor.user_id is not None:
        grants = [
            UnitGrant(unit=from_row(Unit, u), roles=roles)
            for u, roles in await grants_of(actor.user_id)
        ]
    return Me(
        name=actor.name,
        unit=from_row(Unit, unit),
        roles=sorted(actor.roles),
        scopes=sorted(actor.scopes),
        is_machine=actor.is_machine,
        grants=grants,
        must_change_password=actor.must_change_password,
    )
