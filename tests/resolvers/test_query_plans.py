"""On PostgreSQL, the petition lists and work queues are served by indexes, not by reading
the whole petition table: the SQL is captured from the real resolvers and EXPLAINed on a
table large enough (and analysed) for the planner to prefer an index whenever one fits."""

from __future__ import annotations

from datetime import timedelta

import pytest
from tortoise import Tortoise

from models import Unit
from resolvers.queues import queue_filter
from resolvers.reads import Order, PetitionFilter, list_petitions
from tests.factories import T0, City, build_city
from tests.querycount import count_queries
from workflow.actors import Actor
from workflow.enums import Category, Light, Role, State, UnitKind
from workflow.queues import queue_by_key

ROWS = 40_000
# Mostly closed, as in a city's database after a few years; each open state a few percent.
STATES = ["CLOSED"] * 14 + [
    "TRIAGE",
    "ASSIGNED",
    "HANDLING",
    "UNIT_REVIEW",
    "PLATFORM_REVIEW",
    "AWAITING_EVALUATION",
]

FILL = """
INSERT INTO petition (tracking_code, channel, title, content, category, kind, complexity,
  petitioner_type, petitioner_name, petitioner_phone, anonymous, address, district_id, state,
  round, platform_id, handling_unit_id, review_stage, deadline, yellow_at, deadline_estimated,
  urge_count, version, created_at, updated_at)
SELECT 'PL' || lpad(g::text, 10, '0'), 'WALK_IN', '标题' || g, '内容', 'LIVELIHOOD',
  'COMPLAINT', 'SIMPLE', 'CITIZEN', '张三', '138' || lpad(g::text, 8, '0'), false, '', d, s, 1, d,
  CASE WHEN s IN ('ASSIGNED', 'HANDLING', 'UNIT_REVIEW', 'PLATFORM_REVIEW') THEN u END,
  CASE s WHEN 'UNIT_REVIEW' THEN 'UNIT_REVIEWER' WHEN 'PLATFORM_REVIEW' THEN 'DISTRICT_PLATFORM'
  END,
  CASE WHEN s <> 'TRIAGE' THEN $3::timestamptz + (g % 700 - 200) * interval '1 hour' END,
  CASE WHEN s <> 'TRIAGE' THEN $3::timestamptz + (g % 700 - 260) * interval '1 hour' END,
  false, 0, 1, $3::timestamptz - g * interval '1 minute', $3::timestamptz
FROM generate_series(1, $4::int) g,
  LATERAL (SELECT ($1::int[])[1 + g % cardinality($1::int[])] AS d,
                  ($2::int[])[1 + (g / 3) % cardinality($2::int[])] AS u,
                  ($5::text[])[1 + (g / 7) % cardinality($5::text[])] AS s) pick
"""


async def _fill(city: City) -> None:
    """Ten districts, sixty handling units, ROWS petitions spread over them."""
    districts = [city.id("SN"), city.id("SB")]
    for n in range(8):
        unit = await Unit.create(
            code=f"D{n}",
            name=f"第{n}区平台",
            kind=UnitKind.DISTRICT_PLATFORM,
            parent_id=city.id("QD"),
        )
        districts.append(unit.id)
    handlers = [city.id("SN-CG"), city.id("SN-S01-C01"), city.id("QD-CG")]
    for n in range(57):
        unit = await Unit.create(
            code=f"U{n}", name=f"第{n}承办单位", kind=UnitKind.DISTRICT_DEPARTMENT
        )
        handlers.append(unit.id)
    conn = Tortoise.get_connection("default")
    await conn.execute_query(FILL, [districts, handlers, T0, ROWS, STATES])
    await conn.execute_script("VACUUM ANALYZE petition")


async def _plans(actor: Actor, flt: PetitionFilter, order: Order) -> list[str]:
    """The EXPLAIN of every statement that reads the petition table for a list's first two
    pages and its count."""
    now = T0 + timedelta(hours=1)
    with count_queries() as counter:
        page = await list_petitions(actor, flt, now, 50, order=order, count=True)
        if page.end_cursor:  # the next page, from the keyset cursor
            await list_petitions(actor, flt, now, 50, page.end_cursor, order)
    conn = Tortoise.get_connection("default")
    plans = []
    for sql, values in counter.calls:
        if '"petition"' not in sql:
            continue
        _, rows = await conn.execute_query("EXPLAIN " + sql, values)
        plans.append(sql + "\n" + "\n".join(r["QUERY PLAN"] for r in rows))
    assert plans, "the list sent no statement on petition"
    return plans


def _queue(actor: Actor, key: str) -> tuple[Actor, PetitionFilter, Order]:
    queue = queue_by_key(actor, key)
    assert queue.key == key
    order = Order.DEADLINE if queue.by_deadline else Order.NEWEST
    return actor, queue_filter(actor, queue, PetitionFilter()), order


async def test_the_main_lists_and_every_work_queue_are_served_by_an_index(db: str) -> None:
    if db != "postgres":
        pytest.skip("query plans are checked on PostgreSQL")
    city = await build_city()
    await _fill(city)
    dispatcher = city.actor("SN", Role.DISPATCHER, user_id=1)
    city_dispatcher = city.actor("QD", Role.DISPATCHER, user_id=2)
    supervisor = city.actor("QD", Role.SUPERVISOR, user_id=3)
    handler = city.actor("SN-CG", Role.HANDLER, Role.REVIEWER, Role.HEAD, user_id=4)
    cases = [
        _queue(dispatcher, "triage"),
        _queue(dispatcher, "platform-review"),
        _queue(dispatcher, "extensions"),
        _queue(dispatcher, "assessment"),
        _queue(dispatcher, "callback"),
        _queue(dispatcher, "all"),
        _queue(city_dispatcher, "triage"),
        _queue(city_dispatcher, "platform-review"),
        _queue(handler, "assigned"),
        _queue(handler, "handling"),
        _queue(handler, "unit-review"),
        _queue(handler, "head-review"),
        _queue(handler, "all"),
        _queue(supervisor, "overdue"),
        (supervisor, PetitionFilter(), Order.NEWEST),
        (supervisor, PetitionFilter(district_id=city.id("SB")), Order.NEWEST),
        (supervisor, PetitionFilter(light=Light.RED), Order.DEADLINE),
        (supervisor, PetitionFilter(states=[State.HANDLING]), Order.DEADLINE),
        (dispatcher, PetitionFilter(category=Category.LIVELIHOOD), Order.NEWEST),
        (dispatcher, PetitionFilter(states=[State.TRIAGE], overdue=False), Order.NEWEST),
        (supervisor, PetitionFilter(text="PL00000123"), Order.NEWEST),
        (supervisor, PetitionFilter(text="012345"), Order.NEWEST),
        (supervisor, PetitionFilter(text="13800012345"), Order.NEWEST),
        (dispatcher, PetitionFilter(text="噪音 扰民"), Order.NEWEST),
        (supervisor, PetitionFilter(text="噪音", states=[State.HANDLING]), Order.DEADLINE),
    ]
    for actor, flt, order in cases:
        for plan in await _plans(actor, flt, order):
            assert "Seq Scan on petition" not in plan, plan
            assert "Index" in plan, plan
