"""监测预警: a planted surge is caught and ordinary variation is not; repeats masked; ack."""

from __future__ import annotations

from datetime import timedelta

from models import Topic
from resolvers.warnings import acknowledge, warnings
from tests.factories import build_city, submit
from tests.resolvers.helpers import at, dispatched, refused
from workflow.enums import Role, WarningKind
from workflow.errors import ErrorCode

DAY = at(2023, 5, 10, 9)


async def test_a_planted_surge_is_caught_and_normal_variation_is_not(db: str) -> None:
    city = await build_city()
    assert city.topic is not None
    other = await Topic.create(code="SRHJ-02", name="占道经营", parent_id=city.topic.parent_id)
    for back in range(1, 29):
        when = DAY - timedelta(days=back)
        await submit(city, now=when, petitioner_phone=f"1390000{back:04d}")
        for n in range(2 if back % 2 else 1):
            await submit(
                city, now=when, topic_code="SRHJ-02", petitioner_phone=f"1370{back:03d}{n:04d}"
            )
    for n in range(6):  # the surge: six in a morning against about one a day
        await submit(city, now=DAY + timedelta(minutes=n), petitioner_phone=f"1360000{n:04d}")
    for n in range(3):  # busier than usual, but ordinary
        await submit(city, now=DAY, topic_code="SRHJ-02", petitioner_phone=f"1350000{n:04d}")
    found = await warnings(city.actor("QD", Role.SUPERVISOR), DAY + timedelta(hours=1))
    surges = [w for w in found if w.kind is WarningKind.SURGE_TOPIC]
    assert [(w.name, w.count) for w in surges] == [("垃圾清运", 6)]
    assert surges[0].baseline == 1.0 and surges[0].petitions == {"topic": str(city.topic.id)}
    assert other.id not in {int(w.key) for w in surges}


async def test_repeated_petitioners_are_shown_masked_and_warnings_can_be_acknowledged(
    db: str,
) -> None:
    city = await build_city()
    for n in range(3):
        p = await submit(city, now=DAY - timedelta(days=3 * n))
    await dispatched(city, p.id, "SN-CG", DAY - timedelta(days=6))  # overdue since the 7th
    sn = city.actor("SN", Role.DISPATCHER)
    found = await warnings(sn, DAY)
    repeat = next(w for w in found if w.kind is WarningKind.REPEAT_PETITIONER)
    assert (repeat.name, repeat.count) == ("138****5678", 3)
    assert "13812345678" not in repeat.key
    overdue = next(w for w in found if w.kind is WarningKind.MOST_OVERDUE)
    assert (overdue.key, overdue.count) == (str(city.id("SN-CG")), 1)
    await acknowledge(sn, repeat.kind, repeat.key, DAY)
    await acknowledge(sn, repeat.kind, repeat.key, DAY)  # twice is once
    again = await warnings(sn, DAY)
    assert next(w for w in again if w.kind is WarningKind.REPEAT_PETITIONER).acknowledged
    # SB's platform sees none of SN's petitions; the city's acknowledgement is its own.
    sb = await warnings(city.actor("SB", Role.DISPATCHER), DAY)
    assert not [w for w in sb if w.kind is WarningKind.REPEAT_PETITIONER]
    qd = await warnings(city.actor("QD", Role.SUPERVISOR), DAY)
    assert not next(w for w in qd if w.kind is WarningKind.REPEAT_PETITIONER).acknowledged
    await refused(warnings(city.actor("SN-CG", Role.HANDLER), DAY), ErrorCode.NOT_ALLOWED)
    await refused(acknowledge(sn, "NOPE", "x", DAY), ErrorCode.INVALID_FIELD, "kind")
