"""Notifications: written in the transaction of the step or sweep that causes them, read and
marked read by the person they reach."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.expressions import Q, Subquery

from models import Notification, NotificationRead, Petition, RoleGrant
from workflow.actors import Actor
from workflow.enums import Action, ReviewStage, Role, State
from workflow.errors import not_allowed
from workflow.notices import TEXTS, After, Notice, step_notices

MAX_PAGE = 100


async def notify(
    conn: BaseDBAsyncClient,
    notices: Iterable[Notice],
    petition: Petition | None,
    at: datetime,
) -> int:
    rows = await notification_rows(conn, notices, petition, at)
    if rows:
        await Notification.bulk_create(rows, using_db=conn)
    return len(rows)


async def notification_rows(
    conn: BaseDBAsyncClient,
    notices: Iterable[Notice],
    petition: Petition | None,
    at: datetime,
) -> list[Notification]:
    """The rows `notices` stand for, not yet written (a sweep writes a batch at once)."""
    rows: list[Notification] = []
    for n in notices:
        units = [n.unit_id] if n.unit_id is not None else await _inspector_units(conn)
        suffix = f"：{petition.tracking_code} {petition.title}" if petition else ""
        for unit_id in dict.fromkeys(units):
            rows.append(
                Notification(
                    unit_id=unit_id,
                    user_id=n.user_id,
                    kind=n.kind,
                    petition_id=petition.id if petition else None,
                    text=(TEXTS[n.kind] + suffix)[:255],
                    created_at=at,
                )
            )
    return rows


async def _inspector_units(conn: BaseDBAsyncClient) -> list[int]:
    ids = (
        await RoleGrant.filter(role=Role.INSPECTOR).using_db(conn).values_list("unit_id", flat=True)
    )
    return sorted({int(str(i)) for i in ids})


async def notify_step(
    conn: BaseDBAsyncClient,
    petition: Petition,
    action: Action,
    to_state: State | None,
    payload: dict[str, Any],
    at: datetime,
) -> None:
    after = After(
        petition.district_id,
        petition.platform_id,
        petition.handling_unit_id,
        ReviewStage(petition.review_stage) if petition.review_stage else None,
    )
    await notify(conn, step_notices(action, to_state, payload, after), petition, at)


def _mine(actor: Actor) -> Any:
    if actor.user_id is None or actor.is_machine:
        raise not_allowed("通知只发给工作人员")
    read = Subquery(NotificationRead.filter(user_id=actor.user_id).values("notification_id"))
    return (
        Notification.filter(unit_id=actor.unit.id).filter(
            Q(user_id=None) | Q(user_id=actor.user_id)
        ),
        read,
    )


async def unread_count(actor: Actor) -> int:
    qs, read = _mine(actor)
    return int(await qs.exclude(id__in=read).count())


async def list_notifications(
    actor: Actor, unread_only: bool = False, first: int = 50
) -> list[tuple[Notification, bool]]:
    """Newest first, each with whether this person has read it."""
    qs, read = _mine(actor)
    if unread_only:
        qs = qs.exclude(id__in=read)
    rows = await qs.order_by("-id").limit(max(1, min(first, MAX_PAGE)))
    seen = set(
        await NotificationRead.filter(
            user_id=actor.user_id, notification_id__in=[r.id for r in rows]
        ).values_list("notification_id", flat=True)
    )
    return [(r, r.id in seen) for r in rows]


async def mark_read(actor: Actor, ids: list[int] | None, now: datetime) -> int:
    """Marks the given notifications (or all of this person's) read; returns how many
    were unread. Ids that are not this person's are ignored."""
    qs, read = _mine(actor)
    qs = qs.exclude(id__in=read)
    if ids is not None:
        qs = qs.filter(id__in=ids)
    unread = list(await qs.values_list("id", flat=True))
    assert actor.user_id is not None
    await NotificationRead.bulk_create(
        [NotificationRead(notification_id=i, user_id=actor.user_id, read_at=now) for i in unread],
        ignore_conflicts=True,
    )
    return len(unread)
