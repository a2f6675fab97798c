"""Writing and reading the administrators' record (models.AdminAudit).

Every change an admin makes to grants, users, API keys, units or the calendar adds one row in
the same transaction as the change: who (user, unit, name), when, what it was before and after.
Nothing updates or deletes a row. An admin reads the entries of the district they reach (the
city admin reads all).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from models import AdminAudit
from resolvers import versions
from workflow.actors import Actor
from workflow.enums import AuditAction, UnitKind
from workflow.errors import not_allowed
from workflow.reach import is_admin

PAGE = 100


async def record(
    actor: Actor | None,
    action: AuditAction,
    target: str,
    target_id: int | None,
    district_id: int | None,
    now: datetime,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
) -> AdminAudit:
    """`actor` None is the operator at the server's command line.

    Any admin change may change who a token signs in as (grants, users, keys, units): the
    signed-in copies every process keeps go stale with it (resolvers.versions)."""
    await versions.bump(versions.Kind.AUTH)
    return await AdminAudit.create(
        at=now,
        action=action,
        actor_user_id=actor.user_id if actor else None,
        actor_unit_id=actor.unit.id if actor and actor.unit.id else None,
        actor_name=(actor.name if actor else "命令行操作员")[:128],
        target=target,
        target_id=target_id,
        district_id=district_id,
        before=before,
        after=after,
    )


async def audit_entries(
    actor: Actor, before_id: int | None = None, limit: int = PAGE
) -> list[AdminAudit]:
    """Newest first, `limit` at a time; `before_id` pages back."""
    if not is_admin(actor):
        raise not_allowed("只有管理员可以查看管理记录")
    qs = AdminAudit.all()
    if actor.unit.kind is UnitKind.DISTRICT_PLATFORM:
        qs = qs.filter(district_id=actor.unit.id)
    elif actor.unit.kind is not UnitKind.CITY_PLATFORM:
        return []
    if before_id is not None:
        qs = qs.filter(id__lt=before_id)
    rows: list[AdminAudit] = await qs.order_by("-id").limit(limit).select_related("actor_unit")
    return rows
