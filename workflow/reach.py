"""Who may administer what: an admin's reach and which roles may be granted where (DOMAIN §6).

Pure rules, tested as a matrix (granting admin × role × kind of unit). A district admin
manages the units of their district. Roles whose holder sees beyond one district — SUPERVISOR,
INSPECTOR and the city platform's DISPATCHER — exist only at city units and only the city's
admin grants them: a district admin who could make an INSPECTOR would hand out a view of
every district's petitions.
"""

from __future__ import annotations

from collections.abc import Sequence

from workflow.actors import Actor
from workflow.enums import PLATFORM_KINDS, Role, UnitKind
from workflow.errors import WorkflowError, invalid, not_allowed

CITY_UNIT_KINDS = frozenset({UnitKind.CITY_PLATFORM, UnitKind.CITY_DEPARTMENT})

# Roles staff may be given from the admin screens (PETITIONER, SYSTEM, API_CLIENT are not).
GRANTABLE_ROLES: tuple[Role, ...] = (
    Role.HANDLER,
    Role.REVIEWER,
    Role.HEAD,
    Role.DISPATCHER,
    Role.GRID_WORKER,
    Role.SUPERVISOR,
    Role.INSPECTOR,
    Role.ADMIN,
)

# Roles that only mean something at certain kinds of unit.
ROLE_UNIT_KINDS: dict[Role, frozenset[UnitKind]] = {
    Role.DISPATCHER: PLATFORM_KINDS,
    Role.ADMIN: PLATFORM_KINDS,
    Role.SUPERVISOR: frozenset({UnitKind.CITY_PLATFORM}),
    Role.INSPECTOR: CITY_UNIT_KINDS,  # the discipline inspection unit and the organisation dept
    Role.GRID_WORKER: frozenset({UnitKind.COMMUNITY}),
}


def is_admin(actor: Actor) -> bool:
    return actor.has(Role.ADMIN) and not actor.is_machine


def is_city_admin(actor: Actor) -> bool:
    return is_admin(actor) and actor.unit.kind is UnitKind.CITY_PLATFORM


def admin_reaches(actor: Actor, unit_kind: UnitKind, unit_district_id: int | None) -> bool:
    """City admin: every unit. District admin: the units of their district (their platform
    included). Anyone else: nothing."""
    if not actor.has(Role.ADMIN):
        return False
    if actor.unit.kind is UnitKind.CITY_PLATFORM:
        return True
    return actor.unit.kind is UnitKind.DISTRICT_PLATFORM and unit_district_id == actor.unit.id


def manages_account(actor: Actor, units: Sequence[tuple[UnitKind, int | None]]) -> bool:
    """Deactivating, reactivating or resetting the password of an account whose roles sit at
    `units` (kind, district): the admin must reach every one of them, so that a district
    admin cannot take over an account that also acts for the city or another district. An
    account that never held a role is the city admin's."""
    if not is_admin(actor):
        return False
    if not units:
        return is_city_admin(actor)
    return all(admin_reaches(actor, kind, district) for kind, district in units)


def has_city_wide_reach(role: Role, unit_kind: UnitKind) -> bool:
    """Roles that see every district once held."""
    if role in (Role.SUPERVISOR, Role.INSPECTOR):
        return True
    return role is Role.DISPATCHER and unit_kind is UnitKind.CITY_PLATFORM


def grant_refusal(
    actor: Actor, role: Role, unit_kind: UnitKind, unit_district_id: int | None
) -> WorkflowError | None:
    """Why `actor` may not grant `role` at a unit of this kind and district (None: they may)."""
    if not is_admin(actor):
        return not_allowed("只有管理员可以授予岗位")
    if role not in GRANTABLE_ROLES:
        return invalid("role", "该角色不能授予工作人员")
    if has_city_wide_reach(role, unit_kind) and not is_city_admin(actor):
        return not_allowed("督办、纪检和市级派单岗位覆盖全市，只有市级管理员可以授予")
    kinds = ROLE_UNIT_KINDS.get(role)
    if kinds is not None and unit_kind not in kinds:
        return invalid("role", "该角色不能设在这类单位")
    if not admin_reaches(actor, unit_kind, unit_district_id):
        return not_allowed("该单位不在你的管理范围内")
    return None


def grantable_roles(actor: Actor) -> list[Role]:
    """The roles this admin may hand out somewhere in reach (the screens offer these)."""
    if is_city_admin(actor):
        return list(GRANTABLE_ROLES)
    return [r for r in GRANTABLE_ROLES if r not in (Role.SUPERVISOR, Role.INSPECTOR)]


def may_use_explorer(actor: Actor) -> bool:
    """The API explorer (接口调试) is for the staff who set up integrations: admins, who
    create the API keys. Everyone else works on the screens; the API itself still answers
    their sessions (the explorer is a tool, not a permission)."""
    return is_admin(actor)
