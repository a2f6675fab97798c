"""Who may grant which role where: granting admin × role × kind of unit, every cell."""

from __future__ import annotations

import pytest

from workflow.actors import Actor, UnitRef
from workflow.enums import Role, UnitKind
from workflow.errors import ErrorCode
from workflow.reach import GRANTABLE_ROLES, grant_refusal, manages_account

# Units of a small city: (kind, district id). District SN is 10, SB is 20.
UNITS: dict[str, tuple[UnitKind, int | None]] = {
    "QD": (UnitKind.CITY_PLATFORM, None),
    "QD-JW": (UnitKind.CITY_DEPARTMENT, None),
    "SN": (UnitKind.DISTRICT_PLATFORM, 10),
    "SN-CG": (UnitKind.DISTRICT_DEPARTMENT, 10),
    "SN-S01": (UnitKind.STREET, 10),
    "SN-S01-C01": (UnitKind.COMMUNITY, 10),
    "SB": (UnitKind.DISTRICT_PLATFORM, 20),
    "SB-S01-C01": (UnitKind.COMMUNITY, 20),
}
ADMINS: dict[str, Actor] = {
    "city admin": Actor(UnitRef(1, UnitKind.CITY_PLATFORM, None), frozenset({Role.ADMIN}), "qd"),
    "SN admin": Actor(UnitRef(10, UnitKind.DISTRICT_PLATFORM, 10), frozenset({Role.ADMIN}), "sn"),
    "SN dispatcher": Actor(
        UnitRef(10, UnitKind.DISTRICT_PLATFORM, 10), frozenset({Role.DISPATCHER}), "d"
    ),
    "street admin": Actor(UnitRef(11, UnitKind.STREET, 10), frozenset({Role.ADMIN}), "st"),
}

# Where each role may be held at all.
FITS: dict[Role, set[str]] = {
    Role.SUPERVISOR: {"QD"},
    Role.INSPECTOR: {"QD", "QD-JW"},
    Role.DISPATCHER: {"QD", "SN", "SB"},
    Role.ADMIN: {"QD", "SN", "SB"},
    Role.GRID_WORKER: {"SN-S01-C01", "SB-S01-C01"},
    Role.HANDLER: set(UNITS),
    Role.REVIEWER: set(UNITS),
    Role.HEAD: set(UNITS),
}
# What each granting admin reaches.
REACH: dict[str, set[str]] = {
    "city admin": set(UNITS),
    "SN admin": {"SN", "SN-CG", "SN-S01", "SN-S01-C01"},
    "SN dispatcher": set(),
    "street admin": set(),
}
# City-wide roles: never from a district admin, wherever.
CITY_WIDE = {(Role.SUPERVISOR, "QD"), (Role.INSPECTOR, "QD"), (Role.INSPECTOR, "QD-JW")}
CITY_WIDE |= {(Role.DISPATCHER, "QD")}


def expected(admin: str, role: Role, unit: str) -> bool:
    if unit not in REACH[admin] or unit not in FITS[role]:
        return False
    return admin == "city admin" or (role, unit) not in CITY_WIDE


@pytest.mark.parametrize("unit", list(UNITS))
@pytest.mark.parametrize("role", GRANTABLE_ROLES)
@pytest.mark.parametrize("admin", list(ADMINS))
def test_grant_matrix(admin: str, role: Role, unit: str) -> None:
    kind, district = UNITS[unit]
    refusal = grant_refusal(ADMINS[admin], role, kind, district)
    assert (refusal is None) is expected(admin, role, unit), refusal


@pytest.mark.parametrize("role", [Role.INSPECTOR, Role.SUPERVISOR])
@pytest.mark.parametrize("unit", ["SN", "SN-CG", "SN-S01"])
def test_a_district_admin_cannot_make_a_city_wide_role_anywhere(role: Role, unit: str) -> None:
    kind, district = UNITS[unit]
    refusal = grant_refusal(ADMINS["SN admin"], role, kind, district)
    assert refusal is not None and refusal.code is ErrorCode.NOT_ALLOWED


@pytest.mark.parametrize("role", [Role.PETITIONER, Role.SYSTEM, Role.API_CLIENT])
def test_roles_of_non_staff_are_never_granted(role: Role) -> None:
    refusal = grant_refusal(ADMINS["city admin"], role, UnitKind.CITY_PLATFORM, None)
    assert refusal is not None and refusal.field == "role"


@pytest.mark.parametrize(
    ("admin", "held", "manages"),
    [
        ("city admin", ["SN-S01", "SB-S01-C01", "QD-JW"], True),
        ("city admin", [], True),  # an account that never held a role is the city's
        ("SN admin", ["SN-S01", "SN-CG"], True),
        ("SN admin", ["SN"], True),
        ("SN admin", ["SN-S01", "SB-S01-C01"], False),  # also works for another district
        ("SN admin", ["SN-S01", "QD-JW"], False),  # also works for the city
        ("SN admin", [], False),
        ("SN dispatcher", ["SN-S01"], False),
        ("street admin", ["SN-S01"], False),
    ],
)
def test_an_admin_manages_an_account_only_when_reaching_every_unit_it_works_at(
    admin: str, held: list[str], manages: bool
) -> None:
    assert manages_account(ADMINS[admin], [UNITS[code] for code in held]) is manages
