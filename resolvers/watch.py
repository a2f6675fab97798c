"""The deadline watch (`qingsu sweep`, and every SWEEP_EVERY_SECONDS in each server): the one
place where time itself moves petitions along.

Each piece of work is a batch of rows claimed in its own transaction. On PostgreSQL the claim
is `SELECT … FOR UPDATE SKIP LOCKED`, so with several server processes every row is taken by
exactly one of them, and the flag written in the same transaction keeps it from being taken
again. SQLite has no row locks: there the watch runs in the one server process.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import datetime, timedelta
from typing import Any

from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.transactions import in_transaction

import settings
from models import Assignment, Event, Notification, Petition
from resolvers.base import event_row
from resolvers.calendar import load_calendar
from resolvers.closing import close_unevaluated
from resolvers.notifications import notification_rows
from workflow.actors import SYSTEM_ACTOR
from workflow.enums import CLOCK_STATES, Action, AssignmentRole, NotificationKind, State
from workflow.notices import Notice, accept_due_at


@dataclass
class SweepReport:
    overdue: int = 0
    yellow: int = 0
    reminded: int = 0
    accept_overdue: int = 0
    closed: int = 0

    def __str__(self) -> str:
        return " ".join(f"{f.name}={getattr(self, f.name)}" for f in fields(self))


def _is_postgres(conn: BaseDBAsyncClient) -> bool:
    return "asyncpg" in type(conn).__module__ or "postgres" in type(conn).__module__


def _claim(qs: Any, conn: BaseDBAsyncClient, table: str) -> Any:
    qs = qs.using_db(conn).order_by("id").limit(settings.SWEEP_BATCH)
    if _is_postgres(conn):
        qs = qs.select_for_update(skip_locked=True, of=(table,))
    return qs


async def _announce(
    now: datetime,
    filters: dict[str, Any],
    action: Action,
    kind: NotificationKind,
    flags: dict[str, Any],
    to_platform: bool = False,
    after_id: int = 0,
) -> tuple[int, int]:
    """One batch: an event and a notice per petition, and the flag that says it was done.
    Returns (rows done, last id): the next batch starts after it instead of walking past the
    rows just flagged again."""
    async with in_transaction() as conn:
        rows: list[Petition] = await _claim(
            Petition.filter(state__in=list(CLOCK_STATES), id__gt=after_id, **filters),
            conn,
            "petition",
        )
        events, notes = [], []
        for p in rows:
            state = State(p.state)
            payload: dict[str, Any] = {
                "deadline": p.deadline.isoformat() if p.deadline else None,
                "unitId": p.handling_unit_id,
            }
            # Watch events move no measure (workflow.measures.event_facts), so a batch is
            # written at once rather than through record_event one by one.
            events.append(event_row(p.id, SYSTEM_ACTOR, action, now, state, state, "", payload))
            notices = [Notice(kind, p.handling_unit_id)]
            if to_platform:
                notices.append(Notice(kind, p.platform_id))
            notes += await notification_rows(conn, notices, p, now)
        await _write(conn, events, notes)
        if rows:
            await Petition.filter(id__in=[p.id for p in rows]).using_db(conn).update(**flags)
    return len(rows), rows[-1].id if rows else after_id


async def _accept_alarms(now: datetime, after_id: int) -> tuple[int, int, int]:
    """超时未签收: lead assignments still waiting past their acceptance window. Returns
    (alarms raised, rows claimed, last id claimed); rows claimed but not yet due (a holiday
    lengthens the window) are released unchanged and looked at again next time."""
    earliest = now - timedelta(days=1)  # no window is shorter than one calendar day
    async with in_transaction() as conn:
        rows: list[Assignment] = await _claim(
            Assignment.filter(
                role=AssignmentRole.LEAD,
                accepted_at__isnull=True,
                ended_at__isnull=True,
                accept_alarmed_at__isnull=True,
                assigned_at__lte=earliest,
                id__gt=after_id,
            ),
            conn,
            "assignment",
        )
        cal = await load_calendar(conn)
        days = settings.ACCEPT_WITHIN_WORKING_DAYS
        due = [a for a in rows if now >= accept_due_at(cal, a.assigned_at, days)]
        petitions = {
            p.id: p
            for p in await Petition.filter(id__in=[a.petition_id for a in due]).using_db(conn)
        }
        events, notes = [], []
        kind = NotificationKind.ACCEPT_OVERDUE
        for a in due:
            p = petitions[a.petition_id]
            state = State(p.state)
            payload = {"assignmentId": a.id, "unitId": a.unit_id}
            events.append(
                event_row(p.id, SYSTEM_ACTOR, Action.ACCEPT_OVERDUE, now, state, state, "", payload)
            )
            notes += await notification_rows(
                conn, [Notice(kind, a.unit_id), Notice(kind, p.platform_id)], p, now
            )
        await _write(conn, events, notes)
        if due:
            await (
                Assignment.filter(id__in=[a.id for a in due])
                .using_db(conn)
                .update(accept_alarmed_at=now)
            )
    return len(due), len(rows), rows[-1].id if rows else after_id


async def _write(conn: BaseDBAsyncClient, events: list[Event], notes: list[Notification]) -> None:
    if events:
        await Event.bulk_create(events, using_db=conn)
    if notes:
        await Notification.bulk_create(notes, using_db=conn)


async def _until_done(batch: Any) -> int:
    total, last = 0, 0
    while True:
        done, last = await batch(last)
        total += done
        if done < settings.SWEEP_BATCH:
            return total


async def sweep(now: datetime) -> SweepReport:
    """One pass of every time-driven duty, in the order a person would want them told."""
    report = SweepReport()
    report.overdue = await _until_done(
        lambda last: _announce(
            now,
            {"deadline__lte": now, "overdue_noticed_at__isnull": True},
            Action.OVERDUE,
            NotificationKind.RED,
            # Overdue says everything the earlier notices would have said.
            {"overdue_noticed_at": now, "yellow_noticed_at": now, "reminded_at": now},
            to_platform=True,
            after_id=last,
        )
    )
    report.yellow = await _until_done(
        lambda last: _announce(
            now,
            {"yellow_at__lte": now, "deadline__gt": now, "yellow_noticed_at__isnull": True},
            Action.LIGHT_YELLOW,
            NotificationKind.YELLOW,
            {"yellow_noticed_at": now},
            after_id=last,
        )
    )
    remind_from = now + timedelta(hours=settings.DEADLINE_REMINDER_HOURS)
    report.reminded = await _until_done(
        lambda last: _announce(
            now,
            {"deadline__lte": remind_from, "deadline__gt": now, "reminded_at__isnull": True},
            Action.DEADLINE_REMINDER,
            NotificationKind.DEADLINE_REMINDER,
            {"reminded_at": now},
            after_id=last,
        )
    )
    last = 0
    while True:
        raised, claimed, last = await _accept_alarms(now, last)
        report.accept_overdue += raised
        if claimed < settings.SWEEP_BATCH:
            break
    while True:
        closed = await close_unevaluated(now, settings.SWEEP_BATCH)
        report.closed += closed
        if closed < settings.SWEEP_BATCH:
            break
    return report
