"""Administration: the units, staff, grants, API keys and calendar an admin manages.

Reach and which roles may be granted where are pure rules in workflow/reach.py. This module
loads, checks with them, writes, and records every change in the admin audit
(resolvers/audit.py) in the same transaction. A revoked grant is ended, not deleted.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from tortoise.exceptions import IntegrityError
from tortoise.transactions import in_transaction

from models import ApiKey, CalendarOverride, RoleGrant, Unit, User
from resolvers import audit
from resolvers.auth import _admin_reaches, active_grants, create_user
from resolvers.calendar import load_calendar
from resolvers.catalog import bump
from resolvers.dispatch_suggestions import duty_lists_changed
from resolvers.text import optional_text, required_text
from resolvers.units import load_unit
from workflow.actors import Actor
from workflow.enums import AuditAction, Role, UnitKind
from workflow.errors import invalid, not_allowed
from workflow.reach import (
    grant_refusal,
    is_admin,
    is_city_admin,
)

# Which kinds of unit an admin may add under which (DOMAIN §2). Platforms themselves are set
# up by the operator (seed / command line), not from the screens.
CHILD_KINDS: dict[UnitKind, tuple[UnitKind, ...]] = {
    UnitKind.CITY_PLATFORM: (UnitKind.CITY_DEPARTMENT,),
    UnitKind.DISTRICT_PLATFORM: (UnitKind.DISTRICT_DEPARTMENT, UnitKind.STREET),
    UnitKind.STREET: (UnitKind.COMMUNITY,),
}

CODE = re.compile(r"^[A-Z0-9][A-Z0-9-]{0,31}$")
USERNAME = re.compile(r"^[a-z0-9][a-z0-9._-]{2,63}$")
CALENDAR_YEARS = range(2024, 2029)


def require_admin(actor: Actor) -> None:
    if not is_admin(actor):
        raise not_allowed("只有管理员可以进入系统管理")


def may_change_calendar(actor: Actor) -> bool:
    """The official calendar is one for the whole city: only the city admin enters it."""
    return is_city_admin(actor)


async def reachable_units(actor: Actor) -> list[Unit]:
    """The active units the admin manages, parents before children (a depth-first walk)."""
    require_admin(actor)
    if actor.unit.kind is UnitKind.CITY_PLATFORM:
        rows = await Unit.filter(active=True).order_by("id")
    elif actor.unit.kind is UnitKind.DISTRICT_PLATFORM:
        rows = await Unit.filter(active=True, district_id=actor.unit.id).order_by("id")
    else:
        return []
    rows = [u for u in rows if _admin_reaches(actor, u)]
    return _tree_order(rows)


def _tree_order(rows: list[Unit]) -> list[Unit]:
    ids = {u.id for u in rows}
    children: dict[int | None, list[Unit]] = {}
    for u in rows:
        parent = u.parent_id if u.parent_id in ids else None
        children.setdefault(parent, []).append(u)
    out: list[Unit] = []

    def walk(parent: int | None) -> None:
        for u in children.get(parent, []):
            out.append(u)
            walk(u.id)

    walk(None)
    return out


def unit_depths(units: list[Unit]) -> dict[int, int]:
    ids = {u.id for u in units}
    depth: dict[int, int] = {}
    for u in units:  # parents come first
        depth[u.id] = depth[u.parent_id] + 1 if u.parent_id in ids and u.parent_id else 0
    return depth


async def _reached_unit(actor: Actor, unit_id: int, field: str) -> Unit:
    require_admin(actor)
    unit = await load_unit(unit_id, field)
    if not _admin_reaches(actor, unit):
        raise not_allowed("该单位不在你的管理范围内")
    return unit


async def create_unit(
    actor: Actor,
    parent_id: int,
    kind: UnitKind,
    code: str,
    name: str,
    now: datetime | None = None,
) -> Unit:
    parent = await _reached_unit(actor, parent_id, "parentId")
    if kind not in CHILD_KINDS.get(UnitKind(parent.kind), ()):
        raise invalid("kind", "该类单位不能设在所选上级单位之下")
    clean_code = (code or "").strip().upper()
    if not CODE.match(clean_code):
        raise invalid("code", "单位代码须为1至32位大写字母、数字或连字符")
    clean_name = required_text(name, "name", "单位名称", 128)
    if await Unit.exists(code=clean_code):
        raise invalid("code", f"单位代码 {clean_code} 已被使用")
    district_id = parent.id if parent.kind == UnitKind.DISTRICT_PLATFORM else parent.district_id
    try:
        async with in_transaction() as conn:
            unit = await Unit.create(
                code=clean_code,
                name=clean_name,
                kind=kind,
                parent=parent,
                district_id=district_id,
                using_db=conn,
            )
            await bump(conn)
            await audit.record(
                actor,
                AuditAction.UNIT_CREATED,
                "Unit",
                unit.id,
                district_id,
                _now(now),
                after={"code": clean_code, "name": clean_name, "kind": kind.value},
            )
            # Dispatch suggestions hold the units with the duty lists: a new unit counts.
            await duty_lists_changed()
            return unit
    except IntegrityError:
        raise invalid("code", f"单位代码 {clean_code} 已被使用") from None


def _check_role(actor: Actor, unit: Unit, role: Role) -> None:
    refusal = grant_refusal(actor, role, UnitKind(unit.kind), unit.district_id)
    if refusal is not None:
        raise refusal


def _grant_facts(grant: RoleGrant, unit: Unit, username: str) -> dict[str, Any]:
    return {"user": username, "unit": unit.code, "role": str(grant.role)}


def _now(now: datetime | None) -> datetime:
    return now or datetime.now(UTC)


async def _managed_user(actor: Actor, user_id: int) -> User:
    """A user the admin may give roles to: one with a grant in reach (or none at all)."""
    user = await User.get_or_none(id=user_id)
    if user is None:
        raise invalid("userId", "用户不存在或不在你的管理范围内")
    unit_ids = await active_grants().filter(user_id=user_id).values_list("unit_id", flat=True)
    units = await Unit.filter(id__in=list(unit_ids))
    if units and not any(_admin_reaches(actor, u) for u in units):
        raise invalid("userId", "用户不存在或不在你的管理范围内")
    return user


async def create_staff_user(
    actor: Actor,
    username: str,
    display_name: str,
    password: str,
    unit_id: int,
    roles: Iterable[Role],
    now: datetime | None = None,
) -> User:
    require_admin(actor)
    clean = (username or "").strip().lower()
    if not USERNAME.match(clean):
        raise invalid("username", "用户名须为3至64位小写字母、数字或 . _ -")
    name = required_text(display_name, "displayName", "姓名", 64)
    if len(password or "") < 8:
        raise invalid("password", "初始密码至少8位")
    unit = await _reached_unit(actor, unit_id, "unitId")
    chosen = list(dict.fromkeys(roles))
    if not chosen:
        raise invalid("roles", "请至少选择一个角色")
    for role in chosen:
        _check_role(actor, unit, role)
    if await User.exists(username=clean):
        raise invalid("username", f"用户名 {clean} 已被使用")
    at = _now(now)
    try:
        async with in_transaction():
            user = await create_user(
                clean, password, name, [(unit, r) for r in chosen], at, actor.user_id
            )
            await audit.record(
                actor,
                AuditAction.USER_CREATED,
                "User",
                user.id,
                unit.district_id,
                at,
                after={
                    "username": clean,
                    "displayName": name,
                    "unit": unit.code,
                    "roles": [str(r) for r in chosen],
                },
            )
            return user
    except IntegrityError:
        raise invalid("username", f"用户名 {clean} 已被使用") from None


async def grant_role(
    actor: Actor, user_id: int, unit_id: int, role: Role, now: datetime | None = None
) -> RoleGrant:
    """Grants `role`; a grant that was ended is reopened (its history is in the audit)."""
    unit = await _reached_unit(actor, unit_id, "unitId")
    _check_role(actor, unit, role)
    user = await _managed_user(actor, user_id)
    at = _now(now)
    async with in_transaction():
        found = await RoleGrant.get_or_none(user_id=user.id, unit_id=unit.id, role=role)
        if found is not None and found.ended_at is None:
            return found
        if found is not None:
            found.ended_at, found.ended_by_id = None, None
            found.granted_at, found.granted_by_id = at, actor.user_id
            await found.save(
                update_fields=["ended_at", "ended_by_id", "granted_at", "granted_by_id"]
            )
            grant = found
        else:
            try:
                grant = await RoleGrant.create(
                    user=user, unit=unit, role=role, granted_at=at, granted_by_id=actor.user_id
                )
            except IntegrityError:  # granted concurrently
                return await RoleGrant.get(user_id=user.id, unit_id=unit.id, role=role)
        await audit.record(
            actor,
            AuditAction.ROLE_GRANTED,
            "RoleGrant",
            grant.id,
            unit.district_id,
            at,
            before={"active": False} if found is not None else None,
            after={**_grant_facts(grant, unit, user.username), "active": True},
        )
    return grant


async def revoke_grant(actor: Actor, grant_id: int, now: datetime | None = None) -> RoleGrant:
    """Ends the grant (ended_at, ended_by); the row stays for the record."""
    require_admin(actor)
    grant = await RoleGrant.get_or_none(id=grant_id, ended_at__isnull=True).select_related(
        "unit", "user"
    )
    if grant is None or not _admin_reaches(actor, grant.unit):
        raise invalid("grantId", "岗位不存在或不在你的管理范围内")
    if (
        grant.user_id == actor.user_id
        and grant.unit_id == actor.unit.id
        and grant.role == Role.ADMIN
    ):
        raise invalid("grantId", "不能撤销自己正在使用的管理员岗位")
    at = _now(now)
    async with in_transaction():
        grant.ended_at, grant.ended_by_id = at, actor.user_id
        await grant.save(update_fields=["ended_at", "ended_by_id"])
        await audit.record(
            actor,
            AuditAction.GRANT_ENDED,
            "RoleGrant",
            grant.id,
            grant.unit.district_id,
            at,
            before={**_grant_facts(grant, grant.unit, grant.user.username), "active": True},
            after={"active": False},
        )
    return grant


async def list_api_keys(actor: Actor) -> list[ApiKey]:
    units = [u.id for u in await reachable_units(actor)]
    return await ApiKey.filter(unit_id__in=units).select_related("unit").order_by("-id")


@dataclass(frozen=True)
class CalendarYear:
    year: int
    official: bool  # the package knows it, or overrides were entered
    overrides: list[CalendarOverride]


async def calendar_years(actor: Actor) -> list[CalendarYear]:
    """Every year with overrides, and at least 2024–2028, newest first."""
    require_admin(actor)
    rows = await CalendarOverride.all().order_by("day")
    cal = await load_calendar()
    years = sorted({*CALENDAR_YEARS, *(r.day.year for r in rows)}, reverse=True)
    return [
        CalendarYear(y, cal.is_official_year(y), [r for r in rows if r.day.year == y])
        for y in years
    ]


async def change_calendar(
    actor: Actor, day_iso: str, is_working: bool, name: str, now: datetime
) -> CalendarOverride:
    if not may_change_calendar(actor):
        raise not_allowed("只有市级管理员可以维护工作日历")
    """The only way the official calendar changes (deadlines everywhere depend on it)."""
    try:
        day = date.fromisoformat((day_iso or "").strip())
    except ValueError:
        raise invalid("day", "日期格式应为 YYYY-MM-DD") from None
    clean = optional_text(name, "name", "名称", 64)
    by = await User.get_or_none(id=actor.user_id) if actor.user_id else None
    async with in_transaction():
        old = await CalendarOverride.get_or_none(day=day)
        before = {"isWorking": old.is_working, "name": old.name} if old else None
        row, _ = await CalendarOverride.update_or_create(
            day=day,
            defaults={"is_working": is_working, "name": clean, "entered_by": by, "entered_at": now},
        )
        await audit.record(
            actor,
            AuditAction.CALENDAR_CHANGED,
            "CalendarOverride",
            row.id,
            None,
            now,
            before={"day": day.isoformat(), **before} if before else None,
            after={"day": day.isoformat(), "isWorking": is_working, "name": clean},
        )
    return row


async def delete_calendar_override(
    actor: Actor, override_id: int, now: datetime | None = None
) -> None:
    if not may_change_calendar(actor):
        raise not_allowed("只有市级管理员可以维护工作日历")
    async with in_transaction():
        row = await CalendarOverride.get_or_none(id=override_id)
        if row is None:
            raise invalid("id", "该日历调整不存在")
        await row.delete()
        await audit.record(
            actor,
            AuditAction.CALENDAR_OVERRIDE_DELETED,
            "CalendarOverride",
            override_id,
            None,
            _now(now),
            before={"day": row.day.isoformat(), "isWorking": row.is_working, "name": row.name},
        )
