"""Notifications in GraphQL: the signed-in person's list, unread count, and mark-as-read."""

from __future__ import annotations

from datetime import datetime

import strawberry

from resolvers import notifications
from resolvers.reads import require_actor
from schema.errors import result
from schema.ids import row_id
from schema.types import Ctx
from workflow.enums import NotificationKind

strawberry.enum(NotificationKind, description="Why someone is told (通知类型).")


@strawberry.type(description="A notice to the person's unit (or to them alone).")
class Notification:
    id: strawberry.ID
    kind: NotificationKind
    text: str
    petition_id: strawberry.ID | None
    created_at: datetime
    read: bool


@strawberry.type
class MarkNotificationsReadSuccess:
    marked: int
    unread_count: int


@strawberry.type
class Query:
    @strawberry.field(description="Newest first; `first` is capped at 100.")
    async def notifications(
        self, info: Ctx, unread_only: bool = False, first: int = 50
    ) -> list[Notification]:
        actor = require_actor(info.context.actor)
        rows = await notifications.list_notifications(actor, unread_only, first)
        return [
            Notification(
                id=strawberry.ID(str(n.id)),
                kind=NotificationKind(n.kind),
                text=n.text,
                petition_id=strawberry.ID(str(n.petition_id)) if n.petition_id else None,
                created_at=n.created_at,
                read=read,
            )
            for n, read in rows
        ]

    @strawberry.field
    async def unread_notification_count(self, info: Ctx) -> int:
        return await notifications.unread_count(require_actor(info.context.actor))


@strawberry.type
class Mutation:
    @strawberry.mutation(description="Marks the given notifications read, or all when no ids.")
    async def mark_notifications_read(
        self, info: Ctx, ids: list[strawberry.ID] | None = None
    ) -> result("MarkNotificationsReadResult", MarkNotificationsReadSuccess):
        actor = require_actor(info.context.actor)
        parsed = [row_id(i, "ids") for i in ids] if ids is not None else None
        marked = await notifications.mark_read(actor, parsed, info.context.now)
        info.context.after_write()
        return MarkNotificationsReadSuccess(
            marked=marked, unread_count=await notifications.unread_count(actor)
        )
