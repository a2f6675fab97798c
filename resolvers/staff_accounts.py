"""Staff accounts at city scale: the paged, searchable list, one user's page, deactivating,
reactivating and resetting a password, and the unit search behind the grant form's picker.

Who an admin may manage is a pure rule (workflow.reach.manages_account): every unit where the
user holds a role must be in the admin's reach, so a district admin never resets the password
of someone who also works for the city or another district. Every change goes to the admin
audit (resolvers/audit.py) in the same transaction, and ends the user's sessions where it
should: a deactivated or reset account is signed out everywhere.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from tortoise.expressions import Q, Subquery
from tortoise.transactions import in_transaction

from models import RoleGrant, Session, Unit, User
from resolvers import audit
from resolvers.admin import reachable_units, require_admin
from resolvers.auth import active_grants, hash_password, temporary_password
from workflow.actors import Actor
from workflow.enums import AuditAction, UnitKind
from workflow.errors import invalid, not_allowed
from workflow.reach import admin_reaches, manages_account

PAGE_SIZE = 50
PAGE_SIZES = (20, 50, 100)
UNIT_OPTIONS = 15  # units the picker offers at a time
QUERY_MAX = 64


class Status:
    ALL = ""
    ACTIVE = "active"
    INACTIVE = "inactive"


def _reach(actor: Actor) -> Q:
    """Grants at the active units this admin manages (the same units as reachable_units)."""
    require_admin(actor)
    if actor.unit.kind is UnitKind.CITY_PLATFORM:
        return Q(unit__active=True)
    if actor.unit.kind is UnitKind.DISTRICT_PLATFORM:
        return Q(unit__active=True, unit__district_id=actor.unit.id)
    return Q(id=-1)  # an admin at any other unit manages nothing


@dataclass(frozen=True)
class StaffRow:
    user: User
    grants: list[RoleGrant]  # only those at units the admin reaches


@dataclass(frozen=True)
class StaffPage:
    rows: list[StaffRow]
    total: int
    page: int
    pages: int
    size: int
    query: str
    status: str


def _clean_query(query: str | None) -> str:
    return " ".join((query or "").split())[:QUERY_MAX]


async def list_staff(
    actor: Actor,
    query: str | None = None,
    status: str = Status.ALL,
    page: int = 1,
    size: int = PAGE_SIZE,
) -> StaffPage:
    """Users with a role in reach, by username, `size` at a time. `query` matches part of the
    name, the username, or the name or code of a unit where the user has a role in reach."""
    grants = active_grants().filter(_reach(actor))
    text = _clean_query(query)
    if text:
        grants = grants.filter(
            Q(user__username__icontains=text)
            | Q(user__display_name__icontains=text)
            | Q(unit__name__icontains=text)
            | Q(unit__code__icontains=text)
        )
    users = User.filter(id__in=Subquery(grants.values("user_id")))
    if status == Status.ACTIVE:
        users = users.filter(active=True)
    elif status == Status.INACTIVE:
        users = users.filter(active=False)
    else:
        status = Status.ALL
    size = size if size in PAGE_SIZES else PAGE_SIZE
    total = await users.count()
    pages = max(1, -(-total // size))
    page = min(max(page, 1), pages)
    found = await users.order_by("username", "id").offset((page - 1) * size).limit(size)
    held = (
        await active_grants()
        .filter(_reach(actor), user_id__in=[u.id for u in found])
        .select_related("unit")
        .order_by("id")
    )
    by_user: dict[int, list[RoleGrant]] = {u.id: [] for u in found}
    for g in held:
        by_user[g.user_id].append(g)
    rows = [StaffRow(u, by_user[u.id]) for u in found]
    return StaffPage(rows, total, page, pages, size, text, status)


@dataclass(frozen=True)
class StaffMember:
    user: User
    grants: list[RoleGrant]  # active, at units in reach
    grants_elsewhere: int  # active grants at units out of reach (not shown)
    manages: bool  # may deactivate, reactivate, reset the password


def _district(units: list[Unit]) -> int | None:
    """The district an account's audit entries belong to: its units' one district, or the
    city (None) when they span several or sit at city level."""
    districts = {u.district_id for u in units}
    return districts.pop() if len(districts) == 1 else None


async def _units_of(user_id: int) -> list[Unit]:
    """The units that decide who manages the account: where it holds a role, or, with no
    role left, where it last held one."""
    held = await active_grants().filter(user_id=user_id).select_related("unit")
    if not held:
        held = await RoleGrant.filter(user_id=user_id).select_related("unit")
    return [g.unit for g in held]


def _manages(actor: Actor, units: list[Unit]) -> bool:
    return manages_account(actor, [(UnitKind(u.kind), u.district_id) for u in units])


async def staff_member(actor: Actor, user_id: int) -> StaffMember:
    """One user as the admin sees them; a user with no role in reach is 'not found' (the
    admin learns nothing of accounts outside their reach)."""
    require_admin(actor)
    user = await User.get_or_none(id=user_id)
    if user is None:
        raise invalid("userId", "用户不存在或不在你的管理范围内")
    held = await active_grants().filter(user_id=user_id).select_related("unit").order_by("id")
    units = await _units_of(user_id)
    reached = [g for g in held if admin_reaches(actor, UnitKind(g.unit.kind), g.unit.district_id)]
    manages = _manages(actor, units)
    if not reached and not manages:
        raise invalid("userId", "用户不存在或不在你的管理范围内")
    return StaffMember(user, reached, len(held) - len(reached), manages)


async def _managed_account(actor: Actor, user_id: int, step: str) -> tuple[User, list[Unit]]:
    require_admin(actor)
    user = await User.get_or_none(id=user_id)
    if user is None:
        raise invalid("userId", "用户不存在或不在你的管理范围内")
    units = await _units_of(user_id)
    if not _manages(actor, units):
        raise not_allowed(f"该账号在你的管理范围以外也有岗位，只有上级管理员可以{step}")
    if user.id == actor.user_id:
        raise not_allowed(f"不能{step}自己的账号")
    return user, units


async def set_active(actor: Actor, user_id: int, active: bool, now: datetime | None = None) -> User:
    """Deactivating signs the user out everywhere and refuses their next login; the grants
    stay (reactivating gives the account back as it was)."""
    step = "启用" if active else "停用"
    user, units = await _managed_account(actor, user_id, step)
    at = now or datetime.now(UTC)
    async with in_transaction():
        changed = await User.filter(id=user.id, active=not active).update(active=active)
        if not changed:
            return await User.get(id=user.id)  # already so: nothing to record
        if not active:
            await Session.filter(user_id=user.id, revoked_at__isnull=True).update(revoked_at=at)
        await audit.record(
            actor,
            AuditAction.USER_REACTIVATED if active else AuditAction.USER_DEACTIVATED,
            "User",
            user.id,
            _district(units),
            at,
            before={"username": user.username, "active": not active},
            after={"active": active},
        )
    user.active = active
    return user


async def reset_password(actor: Actor, user_id: int, now: datetime | None = None) -> str:
    """A new temporary password, returned once (never stored in clear or in the audit). The
    user's sessions end, and at the next login they may only choose a password of their own."""
    user, units = await _managed_account(actor, user_id, "重置密码")
    secret = temporary_password()
    hashed = await hash_password(secret)
    at = now or datetime.now(UTC)
    async with in_transaction():
        await User.filter(id=user.id).update(password_hash=hashed, must_change_password=True)
        await Session.filter(user_id=user.id, revoked_at__isnull=True).update(revoked_at=at)
        await audit.record(
            actor,
            AuditAction.PASSWORD_RESET,
            "User",
            user.id,
            _district(units),
            at,
            before={"username": user.username},
            after={"mustChangePassword": True},
        )
    return secret


@dataclass(frozen=True)
class UnitOption:
    unit: Unit
    parent_name: str


async def search_units(
    actor: Actor, query: str | None, limit: int = UNIT_OPTIONS
) -> list[UnitOption]:
    """Units in reach whose name or code contains `query`, for the grant form's picker:
    names that start with it first, then the rest in tree order."""
    text = _clean_query(query).lower()
    if not text:
        return []
    units = await reachable_units(actor)
    by_id = {u.id: u for u in units}
    found = [u for u in units if text in u.name.lower() or text in u.code.lower()]
    found.sort(key=lambda u: not (u.name.lower().startswith(text) or u.code.lower() == text))
    return [
        UnitOption(u, by_id[u.parent_id].name if u.parent_id in by_id else "")
        for u in found[:limit]
    ]


async def picked_unit(actor: Actor, unit_id: str | None) -> UnitOption | None:
    """The unit a re-shown form had chosen, if it is still one the admin reaches."""
    if not unit_id or not unit_id.isdigit():
        return None
    units = {u.id: u for u in await reachable_units(actor)}
    unit = units.get(int(unit_id))
    if unit is None:
        return None
    parent = units.get(unit.parent_id) if unit.parent_id else None
    return UnitOption(unit, parent.name if parent else "")
