"""Who is acting: staff at one unit, a machine client, a verified petitioner, or the system."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from workflow.enums import Role, Scope, UnitKind


@dataclass(frozen=True)
class UnitRef:
    id: int
    kind: UnitKind
    district_id: int | None  # the district platform's id; None at city level
    parent_id: int | None = None
    name: str = ""

    @property
    def is_platform(self) -> bool:
        return self.kind in (UnitKind.CITY_PLATFORM, UnitKind.DISTRICT_PLATFORM)


# Scopes a machine client needs to act in a role (DOMAIN §6).
SCOPE_ROLES: dict[Scope, frozenset[Role]] = {
    Scope.PETITION_HANDLE: frozenset({Role.HANDLER}),
}


@dataclass(frozen=True)
class Actor:
    unit: UnitRef
    roles: frozenset[Role]
    name: str = ""
    user_id: int | None = None
    api_key_id: int | None = None
    scopes: frozenset[Scope] = field(default_factory=frozenset)
    # Set only for a petitioner who proved ownership (tracking code + phone) of this petition.
    petition_id: int | None = None

    @property
    def is_machine(self) -> bool:
        return self.api_key_id is not None

    def has(self, role: Role) -> bool:
        return role in self.roles

    def as_petitioner(self, petition_id: int) -> Actor:
        """The same client, acting for the petitioner of one petition whose phone matched."""
        return replace(self, roles=frozenset({Role.PETITIONER}), petition_id=petition_id)

    @property
    def primary_role(self) -> Role:
        """The role recorded on timeline events when the action does not say which."""
        for role in (
            Role.PETITIONER,
            Role.SYSTEM,
            Role.DISPATCHER,
            Role.HEAD,
            Role.REVIEWER,
            Role.HANDLER,
            Role.GRID_WORKER,
            Role.SUPERVISOR,
            Role.INSPECTOR,
            Role.ADMIN,
        ):
            if role in self.roles:
                return role
        return Role.HANDLER


def machine_roles(scopes: frozenset[Scope]) -> frozenset[Role]:
    roles: set[Role] = set()
    for scope in scopes:
        roles |= SCOPE_ROLES.get(scope, frozenset())
    return frozenset(roles)


SYSTEM_UNIT = UnitRef(id=0, kind=UnitKind.CITY_PLATFORM, district_id=None, name="系统")
SYSTEM_ACTOR = Actor(unit=SYSTEM_UNIT, roles=frozenset({Role.SYSTEM}), name="系统")
