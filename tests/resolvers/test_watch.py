"""The deadline watch with a controlled clock: lights, reminders, 超时未签收, across a holiday."""

from __future__ import annotations

from datetime import timedelta

from models import Event, Notification, Petition
from resolvers import handling, triage
from resolvers.notifications import list_notifications, mark_read, unread_count
from resolvers.watch import sweep
from tests.factories import build_city, submit
from tests.resolvers.helpers import at, dispatched
from workflow.deadlines import TZ
from workflow.enums import Action, NotificationKind, Role

WATCH = (Action.LIGHT_YELLOW, Action.OVERDUE, Action.DEADLINE_REMINDER, Action.ACCEPT_OVERDUE)


async def _watch_events(pid: int) -> list[str]:
    rows = await Event.filter(petition_id=pid, action__in=list(WATCH)).order_by("id")
    return [str(e.action) for e in rows]


async def test_lights_reminder_and_acceptance_alarm_come_once_each_at_their_moment(
    db: str,
) -> None:
    city = await build_city()
    start = at(2023, 9, 27, 10)  # Wednesday before the National Day holiday
    p = await submit(city, now=start)
    await dispatched(city, p.id, "SN-CG", start)  # a simple complaint: 2 working days
    p = await Petition.get(id=p.id)
    assert p.deadline == at(2023, 10, 8)  # last day Saturday 7 October, a working day
    assert p.yellow_at is not None
    # The light turns yellow on the adjusted working Saturday, not during the holiday.
    assert p.yellow_at.astimezone(TZ).date().isoformat() == "2023-10-07"

    assert str(await sweep(at(2023, 9, 28, 23, 59))) == (
        "overdue=0 yellow=0 reminded=0 accept_overdue=0 closed=0"
    )
    # Not accepted by 24:00 of the next working day (Thursday): 超时未签收, once.
    report = await sweep(at(2023, 9, 30, 12))
    assert (report.accept_overdue, report.yellow, report.reminded) == (1, 0, 0)
    assert (await sweep(at(2023, 10, 3, 12))).accept_overdue == 0
    # The reminder at the start of the last day; yellow exactly at its instant.
    assert (await sweep(at(2023, 10, 7, 0, 30))).reminded == 1
    assert (await sweep(p.yellow_at - timedelta(seconds=1))).yellow == 0
    assert (await sweep(p.yellow_at)).yellow == 1
    assert (await sweep(at(2023, 10, 7, 23, 59))).yellow == 0
    assert (await sweep(at(2023, 10, 8))).overdue == 1
    assert (await sweep(at(2023, 10, 9))).overdue == 0
    assert await _watch_events(p.id) == [
        "ACCEPT_OVERDUE",
        "DEADLINE_REMINDER",
        "LIGHT_YELLOW",
        "OVERDUE",
    ]
    last = await Event.filter(petition_id=p.id).order_by("-id").first()
    assert last is not None and last.actor_role == Role.SYSTEM
    assert last.from_state == last.to_state == "ASSIGNED"
    # The unit hears of all of it; the platform of the acceptance alarm and the overdue.
    unit = await Notification.filter(unit_id=city.id("SN-CG")).order_by("id")
    assert [n.kind for n in unit] == [
        NotificationKind.NEW_ASSIGNMENT,
        NotificationKind.ACCEPT_OVERDUE,
        NotificationKind.DEADLINE_REMINDER,
        NotificationKind.YELLOW,
        NotificationKind.RED,
    ]
    platform = await Notification.filter(unit_id=city.id("SN")).order_by("id")
    assert [n.kind for n in platform] == [NotificationKind.ACCEPT_OVERDUE, NotificationKind.RED]


async def test_a_petition_first_seen_after_its_deadline_is_only_announced_overdue(
    db: str,
) -> None:
    city = await build_city()
    p = await submit(city)
    await dispatched(city, p.id, "SN-CG")
    await handling.accept_petition(city.actor("SN-CG", Role.HANDLER), p.id, at(2023, 3, 24, 11))
    report = await sweep(at(2023, 4, 10))
    assert (report.overdue, report.yellow, report.reminded, report.accept_overdue) == (1, 0, 0, 0)
    assert await _watch_events(p.id) == ["OVERDUE"]


async def test_a_new_deadline_is_watched_afresh(db: str) -> None:
    city = await build_city()
    p = await submit(city)
    await dispatched(city, p.id, "SN-CG")
    assert (await sweep(at(2023, 3, 29, 1))).overdue == 1
    assert city.duty_item is not None
    await triage.return_petition(
        city.actor("SN-CG", Role.HANDLER),
        p.id,
        at(2023, 3, 29, 2),
        reason="非本单位职责",
        duty_item_id=city.duty_item.id,
    )
    await dispatched(city, p.id, "SN-SCJG", at(2023, 3, 29, 9))
    assert (await sweep(at(2023, 3, 29, 10))).overdue == 0
    assert (await sweep(at(2023, 4, 1))).overdue == 1  # the new deadline, 24:00 on 31 March


async def test_each_person_reads_their_units_notifications_on_their_own(db: str) -> None:
    city = await build_city()
    for _ in range(3):
        p = await submit(city)
        await dispatched(city, p.id, "SN-CG")
    alice = city.actor("SN-CG", Role.HANDLER)
    bob = city.actor("SN-CG", Role.HEAD)
    other = city.actor("SN-SCJG", Role.HANDLER)
    assert await unread_count(alice) == await unread_count(bob) == 3
    assert await unread_count(other) == 0
    newest = await list_notifications(alice)
    assert [read for _, read in newest] == [False, False, False]
    assert newest[0][0].text.startswith("新派单，请签收：SN")
    assert await mark_read(alice, [newest[0][0].id], at(2023, 3, 24, 12)) == 1
    assert await mark_read(alice, [newest[0][0].id], at(2023, 3, 24, 12)) == 0
    assert await unread_count(alice) == 2 and await unread_count(bob) == 3
    # Someone else's ids are ignored.
    assert await mark_read(other, [newest[1][0].id], at(2023, 3, 24, 12)) == 0
    assert await mark_read(alice, None, at(2023, 3, 24, 12)) == 2
    assert await unread_count(alice) == 0
    assert [read for _, read in await list_notifications(alice)] == [True, True, True]
    assert await list_notifications(alice, unread_only=True) == []


async def test_steps_notify_who_must_act_next(db: str) -> None:
    city = await build_city()
    p = await submit(city)
    await dispatched(city, p.id, "SN-CG")
    handler = city.actor("SN-CG", Role.HANDLER)
    await handling.accept_petition(handler, p.id, at(2023, 3, 24, 11))
    await handling.request_extension(handler, p.id, at(2023, 3, 24, 11), days=2, reason="协调")
    await handling.decide_extension(
        city.actor("SN", Role.DISPATCHER), p.id, at(2023, 3, 24, 12), approve=True
    )
    from resolvers.closing import urge_petition
    from tests.resolvers.helpers import REPLY

    await urge_petition(city.actor("QD", Role.SUPERVISOR), p.id, at(2023, 3, 24, 12), note="快")
    await handling.submit_reply(handler, p.id, at(2023, 3, 24, 13), **REPLY)
    kinds = [n.kind for n in await Notification.filter(unit_id=city.id("SN-CG")).order_by("id")]
    assert kinds == [
        NotificationKind.NEW_ASSIGNMENT,
        NotificationKind.EXTENSION_DECIDED,
        NotificationKind.URGED,
        NotificationKind.REVIEW_WAITING,
    ]
