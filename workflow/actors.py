"""Who is acting: staff at one unit, a machine client, a verified petitioner, or the system."""

from __future__ import annotations

from dataclasses import dataclass, field

from workflow.enums import ApiClientKind, Role, Scope, UnitKind


@dataclass(frozen=True)
class UnitRef:
    id: int
    kind: UnitKind
    district_id: int | None  # the district platform's id; None at city level
    parent_id: int | None = None
    name: str = ""
    # The discipline inspection unit and the organisation department (workflow/referrals.py).
    receives_referrals: bool = False

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
    # The kind of machine client behind an API key (None for staff and the system).
    client_kind: ApiClientKind | None = None
    # Set only for a petitioner who proved, with a one-time code, that this phone is theirs:
    # their petitions are the ones whose petitioner phone it is.
    petitioner_phone: str | None = None
    # A staff user whose password an admin reset: until they choose their own, the session
    # may only change the password (or sign out).
    must_change_password: bool = False

    @property
    def is_machine(self) -> bool:
        return self.api_key_id is not None

    def has(self, role: Role) -> bool:
        return role in self.roles

    @property
    def recorded_role(self) -> Role:
        """The role an event records when no single role authorised it (intake, views of
        personal data): a machine client is recorded as a client, never as a person."""
        if self.has(Role.PETITIONER):
            return Role.PETITIONER
        if self.has(Role.SYSTEM):
            return Role.SYSTEM
        if self.is_machine:
            return Role.API_CLIENT
        return min(self.roles, key=ROLE_ORDER.index, default=Role.HANDLER)


# When an event must name one of several roles a user holds, the one highest in this list.
ROLE_ORDER: tuple[Role, ...] = (
    Role.DISPATCHER,
    Role.HEAD,
    Role.REVIEWER,
    Role.HANDLER,
    Role.GRID_WORKER,
    Role.SUPERVISOR,
    Role.INSPECTOR,
    Role.ADMIN,
    Role.PETITIONER,
    Role.SYSTEM,
    Role.API_CLIENT,
)


def machine_roles(scopes: frozenset[Scope]) -> frozenset[Role]:
    roles: set[Role] = set()
    for scope in scopes:
        roles |= SCOPE_ROLES.get(scope, frozenset())
    return frozenset(roles)


SYSTEM_UNIT = UnitRef(id=0, kind=UnitKind.CITY_PLATFORM, district_id=None, name="系统")
SYSTEM_ACTOR = Actor(unit=SYSTEM_UNIT, roles=frozenset({Role.SYSTEM}), name="系统")


# A petitioner belongs to no unit; this placeholder has no district and no staff meaning (every
# rule that looks at a petitioner looks at the PETITIONER role first). Events record no unit.
PETITIONER_UNIT = UnitRef(id=0, kind=UnitKind.COMMUNITY, district_id=None, name="诉求人")


def petitioner(phone: str) -> Actor:
    """The petitioner who proved `phone` is theirs (a verified one-time code). Recorded on the
    timeline as 诉求人, with no staff name, user, unit or key."""
    return Actor(
        unit=PETITIONER_UNIT,
        roles=frozenset({Role.PETITIONER}),
        name="诉求人",
        petitioner_phone=phone,
    )
